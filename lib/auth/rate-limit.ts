import { randomUUID } from "node:crypto";
import { processWide } from "@/lib/process-wide";
import { rateLimitKey, SharedScript, type RedisScripts, type SharedScriptLog } from "@/lib/redis-script";

/**
 * Failed attempts per key (failed sign-ins per client address + email, per email) within a sliding window.
 * Two implementations: {@link createRateLimiter} in this process's memory, and {@link createSharedRateLimiter}
 * in the Redis that several server processes share (REDIS_URL), so that guesses spread over the processes
 * behind a load balancer count against one budget, not one per process.
 */
export interface RateLimiter {
  /** Milliseconds until `key` may try again, or 0 when it may try now. */
  retryAfterMs(key: string): number | Promise<number>;
  recordFailure(key: string): void | Promise<void>;
  reset(key: string): void | Promise<void>;
}

/** The in-memory limiter answers synchronously. */
export interface LocalRateLimiter extends RateLimiter {
  retryAfterMs(key: string): number;
  recordFailure(key: string): void;
  reset(key: string): void;
}

export interface RateLimiterOptions {
  /** Failures allowed within the window before further attempts are refused. */
  limit: number;
  windowMs: number;
  now?: () => number;
  /** Forget the oldest keys beyond this many (bounded memory under a spray of addresses). */
  maxKeys?: number;
}

/** In memory, one process. */
export function createRateLimiter({ limit, windowMs, now = Date.now, maxKeys = 10_000 }: RateLimiterOptions): LocalRateLimiter {
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


// The scripts keep the in-memory limiter's arithmetic on a sorted set scored by failure time, using Redis's own
// clock (`TIME`), so that processes whose clocks disagree still share one window. Writing after TIME is allowed
// since Redis 5 replicates a script's effects rather than the script (the only mode in Redis 7).
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;
/** ARGV: limit, window ms. 0, or ms until the `limit`-th most recent failure leaves the window. Read-only. */
const RETRY_AFTER = `${NOW}local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local n = redis.call('ZCOUNT', KEYS[1], '(' .. (now - window), '+inf')
if n < limit then return 0 end
local nth = redis.call('ZREVRANGE', KEYS[1], limit - 1, limit - 1, 'WITHSCORES')
return math.max(1, tonumber(nth[2]) + window - now)`;
/**
 * ARGV: limit, window ms, a unique member. Adds a failure now; keeps only the `limit` most recent (all that
 * RETRY_AFTER reads) and lets the key expire with the window, so Redis holds at most `limit` entries per key
 * seen in the last window.
 */
const RECORD = `${NOW}local limit = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(limit + 1))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;
const RESET = `return redis.call('DEL', KEYS[1])`;

export interface SharedRateLimiterDeps {
  redis: RedisScripts;
  log: SharedScriptLog;
  /** Overrides of lib/redis-script.ts's timeout and pause (tests). */
  timeoutMs?: number;
  pauseMs?: number;
}

/**
 * In Redis, shared by every process on it: one round-trip per call. Every failure is also recorded in a local
 * limiter, which decides while Redis cannot answer (lib/redis-script.ts): the limit then degrades to per process
 * instead of failing open, and the request does not hang.
 */
export function createSharedRateLimiter(
  name: string,
  { limit, windowMs, maxKeys }: Omit<RateLimiterOptions, "now">,
  deps: SharedRateLimiterDeps,
): RateLimiter {
  const local = createRateLimiter({ limit, windowMs, maxKeys });
  const script = new SharedScript(deps.redis, {
    what: `rate limit "${name}"`,
    log: deps.log,
    timeoutMs: deps.timeoutMs,
    pauseMs: deps.pauseMs,
  });
  const args = [String(limit), String(windowMs)];
  return {
    async retryAfterMs(key) {
      const shared = await script.eval(RETRY_AFTER, [rateLimitKey(name, key)], args);
      return shared === undefined ? local.retryAfterMs(key) : Number(shared);
    },
    async recordFailure(key) {
      local.recordFailure(key);
      await script.eval(RECORD, [rateLimitKey(name, key)], [...args, randomUUID()]);
    },
    async reset(key) {
      local.reset(key);
      await script.eval(RESET, [rateLimitKey(name, key)], []);
    },
  };
}

// ---------- failed sign-ins (app/api/auth/signin) ----------

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/**
 * Failed sign-ins per client address + email, and per email from anywhere (X-Forwarded-For can be forged when no
 * proxy sets it, so the per-account limit bounds guessing whatever the address claims to be); and every sign-in
 * attempt per client address, whatever the email: one address trying a password on many accounts (password
 * spraying) meets neither per-email limit, and each attempt costs the server a scrypt hash (tens of ms of CPU).
 */
export const SIGN_IN_LIMITS = {
  perClient: { limit: 10, windowMs: SIGN_IN_WINDOW_MS },
  perAccount: { limit: 50, windowMs: SIGN_IN_WINDOW_MS },
  perAddress: { limit: 100, windowMs: SIGN_IN_WINDOW_MS },
} as const;

/**
 * Sign-up attempts per client address (every body that would be hashed, created or not): a flood would otherwise
 * cost a scrypt hash each and fill the database with accounts. Generous enough for a workshop of instructors
 * signing up behind one NAT address.
 */
export const SIGN_UP_LIMITS = {
  perAddress: { limit: 100, windowMs: SIGN_IN_WINDOW_MS },
} as const;

/**
 * A window for attempts that are recorded before they are checked (race-free: requests in flight together each
 * find their own attempt counted). A window refuses once it holds `limit` entries, so it is built with one more
 * than the number of attempts allowed.
 */
export const countedFirst = (o: { limit: number; windowMs: number }) => ({ ...o, limit: o.limit + 1 });

/** One sliding window: in this process's memory, or named `name` in Redis when `shared` is given. */
export function windowLimiter(name: string, options: Omit<RateLimiterOptions, "now">, shared?: SharedRateLimiterDeps): RateLimiter {
  return shared ? createSharedRateLimiter(name, options, shared) : createRateLimiter(options);
}

export interface SignInLimiters {
  /** Failed sign-ins keyed by `<client address>|<email>`. */
  perClient: RateLimiter;
  /** Failed sign-ins keyed by the normalised email. */
  perAccount: RateLimiter;
  /** Every sign-in attempt keyed by the client address, recorded before it is checked. */
  perAddress: RateLimiter;
  /** Every sign-up attempt keyed by the client address, recorded before it is checked. */
  signUps: RateLimiter;
}

/**
 * In memory without `shared`; in Redis (keys `irsa:rl:signin:client:…`, `irsa:rl:signin:account:…`,
 * `irsa:rl:signin:address:…`, `irsa:rl:signup:address:…`) with it.
 */
export function createSignInLimiters(shared?: SharedRateLimiterDeps): SignInLimiters {
  return {
    perClient: windowLimiter("signin:client", SIGN_IN_LIMITS.perClient, shared),
    perAccount: windowLimiter("signin:account", SIGN_IN_LIMITS.perAccount, shared),
    perAddress: windowLimiter("signin:address", countedFirst(SIGN_IN_LIMITS.perAddress), shared),
    signUps: windowLimiter("signup:address", countedFirst(SIGN_UP_LIMITS.perAddress), shared),
  };
}

/** A 429 RATE_LIMITED body whose message says how long to wait, with Retry-After (RFC 9110 §10.2.3) in seconds. */
export function retryLaterMessage(what: string, waitMs: number): { message: string; seconds: number } {
  const seconds = Math.ceil(waitMs / 1000);
  return { message: `${what} Try again in ${seconds > 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`}.`, seconds };
}

const signIn = processWide("signin-limiters", () => createSignInLimiters());

/**
 * The process's sign-in limiters (lib/process-wide.ts): in memory unless the custom server handed in shared ones
 * with {@link provideSignInLimiters} (it does when REDIS_URL is set, on its own Redis connection).
 */
export const signInLimiters = signIn.get;
export const provideSignInLimiters = signIn.provide;
