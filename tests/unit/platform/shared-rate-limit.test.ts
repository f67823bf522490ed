import { describe, expect, it, vi } from "vitest";
import { createSharedRateLimiter } from "@/lib/auth/rate-limit";
import { SharedScript, type RedisScripts } from "@/lib/redis-script";
import { bucketTtlMs, SharedTokenBuckets, TokenBuckets } from "@/server/rate-limit";

/**
 * The shared limits' behaviour when Redis does not answer (lib/redis-script.ts), with stand-ins for the Redis
 * connection; the scripts themselves run against a real redis-server in tests/integration/shared-rate-limits.test.ts
 * and tests/integration/multi-process.test.ts.
 */

const log = () => ({ warn: vi.fn(), info: vi.fn(), error: vi.fn() });

function fakeRedis(reply: () => Promise<unknown>, ready = true): RedisScripts & { calls: number } {
  const fake = {
    isReady: ready,
    calls: 0,
    eval: () => {
      fake.calls++;
      return reply();
    },
  };
  return fake;
}

describe("SharedScript", () => {
  it("does not send to a connection that is not ready (node-redis would queue it until reconnected)", async () => {
    const redis = fakeRedis(() => Promise.resolve(1), false);
    const l = log();
    expect(await new SharedScript(redis, { what: "x", log: l }).eval("return 1", [], [])).toBeUndefined();
    expect(redis.calls).toBe(0);
    expect(l.warn).toHaveBeenCalledTimes(1);
  });

  it("gives up on a Redis that does not answer, then leaves it alone for the pause; one warning per burst", async () => {
    let now = 0;
    const redis = fakeRedis(() => new Promise(() => undefined));
    const l = log();
    const script = new SharedScript(redis, { what: "x", log: l, timeoutMs: 10, pauseMs: 1_000, now: () => now });
    expect(await script.eval("return 1", [], [])).toBeUndefined();
    expect(redis.calls).toBe(1);
    now = 999;
    expect(await script.eval("return 1", [], [])).toBeUndefined();
    expect(redis.calls).toBe(1);
    now = 1_000;
    expect(await script.eval("return 1", [], [])).toBeUndefined();
    expect(redis.calls).toBe(2);
    expect(l.warn).toHaveBeenCalledTimes(1);
  });

  it("says once that Redis is back, and warns again at the next outage", async () => {
    let fail = true;
    const redis = fakeRedis(() => (fail ? Promise.reject(new Error("ECONNRESET")) : Promise.resolve(7)));
    const l = log();
    const script = new SharedScript(redis, { what: "x", log: l, pauseMs: 0 });
    await script.eval("", [], []);
    await script.eval("", [], []);
    fail = false;
    expect(await script.eval("", [], [])).toBe(7);
    expect(await script.eval("", [], [])).toBe(7);
    expect(l.warn).toHaveBeenCalledTimes(1);
    expect(l.info).toHaveBeenCalledTimes(1);
    expect(l.info.mock.calls[0]?.[1]).toMatchObject({ decidedLocally: 2 });
    fail = true;
    await script.eval("", [], []);
    expect(l.warn).toHaveBeenCalledTimes(2);
  });
});

describe("SharedTokenBuckets", () => {
  const clock = { now: () => 0 };

  it("follows Redis's answer while it answers (the budget other processes spent counts)", async () => {
    const redis = fakeRedis(() => Promise.resolve(0));
    const buckets = new SharedTokenBuckets("t", { capacity: 5, refillPerSec: 1 }, { redis, clock, log: log() });
    expect(await buckets.take("1.2.3.4")).toBe(false);
  });

  it("falls back to this process's bucket, which counted every take, when Redis fails", async () => {
    let down = false;
    const redis = fakeRedis(() => (down ? Promise.reject(new Error("down")) : Promise.resolve(1)));
    const buckets = new SharedTokenBuckets("t", { capacity: 3, refillPerSec: 0 }, { redis, clock, log: log(), pauseMs: 0 });
    expect(await buckets.take("a")).toBe(true);
    expect(await buckets.take("a")).toBe(true);
    down = true;
    expect([await buckets.take("a"), await buckets.take("a"), await buckets.take("b")]).toEqual([true, false, true]);
  });

  it("lets a bucket's key expire once it would be full again", () => {
    expect(bucketTtlMs({ capacity: 20, refillPerSec: 0.2 })).toBe(101_000);
    expect(bucketTtlMs({ capacity: 300, refillPerSec: 50 })).toBe(7_000);
    expect(bucketTtlMs({ capacity: 1, refillPerSec: 0 })).toBe(24 * 60 * 60 * 1000);
  });

  it("leaves the in-memory buckets synchronous (the answer path awaits nothing)", () => {
    expect(new TokenBuckets({ capacity: 1, refillPerSec: 0 }, clock).take("s")).toBe(true);
  });
});

describe("createSharedRateLimiter", () => {
  it("counts failures locally too, and refuses from that count while Redis fails", async () => {
    const redis = fakeRedis(() => Promise.reject(new Error("down")));
    const limiter = createSharedRateLimiter("t", { limit: 2, windowMs: 60_000 }, { redis, log: log() });
    expect(await limiter.retryAfterMs("k")).toBe(0);
    await limiter.recordFailure("k");
    await limiter.recordFailure("k");
    expect(await limiter.retryAfterMs("k")).toBeGreaterThan(0);
    await limiter.reset("k");
    expect(await limiter.retryAfterMs("k")).toBe(0);
  });

  it("takes Redis's retry-after while it answers", async () => {
    const redis = fakeRedis(() => Promise.resolve(4_200));
    const limiter = createSharedRateLimiter("t", { limit: 2, windowMs: 60_000 }, { redis, log: log() });
    expect(await limiter.retryAfterMs("k")).toBe(4_200);
  });
});

describe("code lookup limits (GET /api/codes/CODE)", () => {
  it("are per process by default, and go to Redis under their own keys when the server provides shared ones", async () => {
    const { codeLookupLimiters, createCodeLookupLimiters, provideCodeLookupLimiters } = await import("@/lib/auth/code-lookup-limits");
    const local = codeLookupLimiters();
    expect(local.perClient.retryAfterMs("10.0.0.1")).toBe(0);

    const keys: string[] = [];
    const redis: RedisScripts = {
      isReady: true,
      eval: (_script, options) => {
        keys.push(...options.keys);
        return Promise.resolve(0);
      },
    };
    const shared = createCodeLookupLimiters({ redis, log: log() });
    provideCodeLookupLimiters(shared);
    try {
      expect(codeLookupLimiters()).toBe(shared);
      await shared.wrongPerClient.recordFailure("10.0.0.1");
      expect(await shared.perClient.retryAfterMs("10.0.0.1")).toBe(0);
      expect(keys).toEqual(["irsa:rl:codes:wrong:10.0.0.1", "irsa:rl:codes:client:10.0.0.1"]);
    } finally {
      provideCodeLookupLimiters(local);
    }
  });
});
