import type { Clock } from "./rooms/room";

export interface BucketOptions {
  /** Burst size. */
  capacity: number;
  /** Tokens added per second. */
  refillPerSec: number;
  /** Forget the least recently used keys beyond this many (bounded memory under a spray of addresses). */
  maxKeys?: number;
}

/**
 * Token buckets by key (an IP address, a socket id): `take(key)` is false when the key is over its rate.
 * In memory and per process, like the rest of a room's state.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly options: BucketOptions,
    private readonly clock: Clock,
  ) {}

  take(key: string, cost = 1): boolean {
    const now = this.clock.now();
    const { capacity, refillPerSec } = this.options;
    const b = this.buckets.get(key) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * refillPerSec);
    b.at = now;
    this.buckets.delete(key);
    this.buckets.set(key, b);
    const max = this.options.maxKeys ?? 50_000;
    while (this.buckets.size > max) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
    if (b.tokens < cost) return false;
    b.tokens -= cost;
    return true;
  }

  forget(key: string): void {
    this.buckets.delete(key);
  }
}
