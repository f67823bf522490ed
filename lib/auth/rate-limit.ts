/**
 * A small in-memory limiter for failed sign-ins (per client address + email). One process only: with several
 * server processes each counts its own attempts, which still bounds guessing to processes × limit.
 */
export interface RateLimiterOptions {
  /** Failures allowed within the window before further attempts are refused. */
  limit: number;
  windowMs: number;
  now?: () => number;
  /** Forget the oldest keys beyond this many (bounded memory under a spray of addresses). */
  maxKeys?: number;
}

export interface RateLimiter {
  /** Milliseconds until `key` may try again, or 0 when it may try now. */
  retryAfterMs(key: string): number;
  recordFailure(key: string): void;
  reset(key: string): void;
}

export function createRateLimiter({ limit, windowMs, now = Date.now, maxKeys = 10_000 }: RateLimiterOptions): RateLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string): number[] => {
    const cutoff = now() - windowMs;
    const kept = (failures.get(key) ?? []).filter((t) => t > cutoff);
    if (kept.length) failures.set(key, kept);
    else failures.delete(key);
    return kept;
  };
  return {
    retryAfterMs(key) {
      const times = recent(key);
      if (times.length < limit) return 0;
      const oldest = times[times.length - limit] ?? now();
      return Math.max(1, oldest + windowMs - now());
    },
    recordFailure(key) {
      const times = recent(key);
      times.push(now());
      failures.delete(key);
      failures.set(key, times);
      while (failures.size > maxKeys) {
        const first = failures.keys().next().value;
        if (first === undefined) break;
        failures.delete(first);
      }
    },
    reset(key) {
      failures.delete(key);
    },
  };
}
