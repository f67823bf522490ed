import { rateLimitKey, SharedScript, type RedisScripts } from "@/lib/redis-script";
import type { Clock, Logger } from "./rooms/room";

export interface BucketOptions {
  /** Burst size. */
  capacity: number;
  /** Tokens added per second. */
  refillPerSec: number;
  /** Forget the least recently used keys beyond this many (bounded memory under a spray of addresses). */
  maxKeys?: number;
}

/**
 * Token buckets by key (a client address): `take(key)` is false when the key is over its rate. Two
 * implementations: {@link TokenBuckets} in this process's memory (synchronous), and {@link SharedTokenBuckets}
 * in the Redis that several processes share (REDIS_URL), so that a client spreading its attempts over the
 * processes behind a load balancer gets one budget, not one per process.
 */
export interface RateBuckets {
  take(key: string, cost?: number): boolean | Promise<boolean>;
  /** Whether `take(key)` would succeed now, taking nothing (has the key run out?). */
  has(key: string): boolean | Promise<boolean>;
}

/** Token buckets in memory, per process. */
export class TokenBuckets implements RateBuckets {
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

  has(key: string): boolean {
    const b = this.buckets.get(key);
    if (!b) return true;
    const { capacity, refillPerSec } = this.options;
    return Math.min(capacity, b.tokens + ((this.clock.now() - b.at) / 1000) * refillPerSec) >= 1;
  }

  forget(key: string): void {
    this.buckets.delete(key);
  }
}


/**
 * One atomic token-bucket step on KEYS[1] (the same arithmetic as {@link TokenBuckets.take}).
 * ARGV: capacity, refill per second, cost, TTL in ms. Returns 1 when the tokens were taken, 0 when refused.
 * Time is Redis's own (`TIME`), so processes whose clocks disagree still share one bucket. A script may write
 * after reading TIME since Redis 5 replicates a script's effects rather than the script (the only mode in 7).
 * The key expires once the bucket would be full again: a missing key IS a full bucket, so Redis's memory holds
 * only addresses seen recently.
 */
const TAKE = `local capacity = tonumber(ARGV[1])
local refill = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 't', 'at')
local tokens = tonumber(b[1]) or capacity
local at = tonumber(b[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) / 1000 * refill)
local taken = 0
if tokens >= cost then
  tokens = tokens - cost
  taken = 1
end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return taken`;

/** {@link TAKE}'s arithmetic without the write: 1 when a token is there. ARGV: capacity, refill per second. */
const HAS = `local capacity = tonumber(ARGV[1])
local refill = tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 't', 'at')
if not b[1] then return 1 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local tokens = math.min(capacity, tonumber(b[1]) + math.max(0, now - tonumber(b[2])) / 1000 * refill)
if tokens >= 1 then return 1 end
return 0`;

/** The longest a shared bucket stays in Redis (a bucket that refills slower than this is forgotten sooner). */
const MAX_BUCKET_TTL_MS = 24 * 60 * 60 * 1000;

/** How long an untouched bucket takes to refill from empty: after that its key may go. */
export function bucketTtlMs({ capacity, refillPerSec }: BucketOptions): number {
  if (!(refillPerSec > 0)) return MAX_BUCKET_TTL_MS;
  return Math.min(MAX_BUCKET_TTL_MS, Math.ceil((capacity / refillPerSec) * 1000) + 1_000);
}

export interface SharedBucketsDeps {
  redis: RedisScripts;
  clock: Clock;
  log: Logger;
  /** Overrides of lib/redis-script.ts's timeout and pause (tests). */
  timeoutMs?: number;
  pauseMs?: number;
}

/**
 * Token buckets in Redis, shared by every process on it: one round-trip per `take`.
 *
 * The same take also goes to a local {@link TokenBuckets}, which therefore counts this process's share. When
 * Redis cannot answer (down, or no reply within the timeout: lib/redis-script.ts), that local bucket decides, so
 * the limit degrades to per process instead of failing open, and the request does not hang.
 */
export class SharedTokenBuckets implements RateBuckets {
  private readonly local: TokenBuckets;
  private readonly script: SharedScript;
  private readonly ttlMs: string;

  constructor(
    private readonly name: string,
    private readonly options: BucketOptions,
    deps: SharedBucketsDeps,
  ) {
    this.local = new TokenBuckets(options, deps.clock);
    this.script = new SharedScript(deps.redis, {
      what: `rate limit "${name}"`,
      log: deps.log,
      timeoutMs: deps.timeoutMs,
      pauseMs: deps.pauseMs,
    });
    this.ttlMs = String(bucketTtlMs(options));
  }

  async take(key: string, cost = 1): Promise<boolean> {
    const locally = this.local.take(key, cost);
    const shared = await this.script.eval(
      TAKE,
      [rateLimitKey(this.name, key)],
      [String(this.options.capacity), String(this.options.refillPerSec), String(cost), this.ttlMs],
    );
    return shared === undefined ? locally : Number(shared) === 1;
  }

  async has(key: string): Promise<boolean> {
    const shared = await this.script.eval(HAS, [rateLimitKey(this.name, key)], [String(this.options.capacity), String(this.options.refillPerSec)]);
    return shared === undefined ? this.local.has(key) : Number(shared) === 1;
  }
}
