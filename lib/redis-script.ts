/**
 * Running a Lua script on the Redis that several server processes share (REDIS_URL), for state that must be
 * counted across processes: the rate limits (server/rate-limit.ts, lib/auth/rate-limit.ts).
 *
 * A limit must neither fail open silently nor hang a request when Redis is down or slow. {@link SharedScript}
 * therefore answers `undefined` — "use your local fallback" — at once when the connection is not ready, after
 * `timeoutMs` when Redis does not answer, and, after such a failure, without asking Redis at all for `pauseMs`
 * (so a hung Redis costs one request per pause a timeout, not every request). It logs the first failure of a
 * burst and the recovery, not every request in between.
 */

/**
 * Redis key of a shared rate limit: `irsa:rl:<name>:<key>`. One namespace for both kinds (the token buckets of
 * server/rate-limit.ts are hashes, the failure windows of lib/auth/rate-limit.ts sorted sets), so their names must
 * not repeat: join, badcode, signin:client, signin:account, signin:address, signup:address, codes:client, codes:wrong,
 * lab:client, joined (lib/auth/joined-sessions.ts: a set).
 */
export const rateLimitKey = (name: string, key: string) => `irsa:rl:${name}:${key}`;

/** What a shared limit needs of a Redis connection; node-redis's client (`createClient()`) has it. */
export interface RedisScripts {
  /** node-redis: false while (re)connecting; commands sent then would wait in its offline queue. */
  readonly isReady: boolean;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

export interface SharedScriptLog {
  warn(message: string, context?: unknown): void;
  info(message: string, context?: unknown): void;
}

export interface SharedScriptOptions {
  /** Named in the log lines, e.g. "join rate limit". */
  what: string;
  log: SharedScriptLog;
  /** Longest wait for Redis's reply before the local fallback decides. */
  timeoutMs?: number;
  /** After a failure, how long to use the fallback without trying Redis again. */
  pauseMs?: number;
  now?: () => number;
}

/** A join awaits at most this for the shared limit (a round-trip on a LAN is well under a millisecond). */
export const SHARED_SCRIPT_TIMEOUT_MS = 250;
export const SHARED_SCRIPT_PAUSE_MS = 1_000;

export class SharedScript {
  private readonly timeoutMs: number;
  private readonly pauseMs: number;
  private readonly now: () => number;
  /** Since when Redis has been failing (null: healthy), and until when not to try it. */
  private failingSince: number | null = null;
  private pausedUntil = 0;
  private fallbacks = 0;

  constructor(
    private readonly redis: RedisScripts,
    private readonly options: SharedScriptOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? SHARED_SCRIPT_TIMEOUT_MS;
    this.pauseMs = options.pauseMs ?? SHARED_SCRIPT_PAUSE_MS;
    this.now = options.now ?? Date.now;
  }

  /** The script's reply, or `undefined` when Redis cannot answer now: the caller then decides locally. */
  async eval(script: string, keys: string[], args: string[]): Promise<unknown> {
    if (this.failingSince !== null && this.now() < this.pausedUntil) return this.fallback(null);
    if (!this.redis.isReady) return this.fallback(new Error("the Redis connection is not ready"));
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const reply = await Promise.race([
        this.redis.eval(script, { keys, arguments: args }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no reply from Redis within ${this.timeoutMs} ms`)), this.timeoutMs);
        }),
      ]);
      this.recovered();
      return reply;
    } catch (error) {
      return this.fallback(error);
    } finally {
      clearTimeout(timer);
    }
  }

  private fallback(error: unknown): undefined {
    this.fallbacks++;
    if (error !== null) this.pausedUntil = this.now() + this.pauseMs;
    if (this.failingSince === null) {
      this.failingSince = this.now();
      this.options.log.warn(`${this.options.what}: Redis unavailable, limiting per process until it is back`, error);
    }
    return undefined;
  }

  private recovered(): void {
    if (this.failingSince === null) return;
    this.options.log.info(`${this.options.what}: Redis is back, limits are shared again`, {
      afterMs: this.now() - this.failingSince,
      decidedLocally: this.fallbacks,
    });
    this.failingSince = null;
    this.fallbacks = 0;
  }
}
