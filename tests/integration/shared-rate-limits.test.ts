import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createClient } from "redis";
import { POST as signIn } from "@/app/api/auth/signin/route";
import {
  createSignInLimiters,
  provideSignInLimiters,
  SIGN_IN_LIMITS,
  SIGN_IN_WINDOW_MS,
  type SignInLimiters,
} from "@/lib/auth/rate-limit";
import { SharedTokenBuckets } from "@/server/rate-limit";
import { rateLimitKey } from "@/lib/redis-script";
import { jsonRequest, useTempDatabase } from "../unit/platform/helpers";
import { startRedis, type TestRedis } from "./support/redis-server";

/**
 * Issue 6, "Rate limits": with REDIS_URL the per-address and per-account limits live in Redis, so guesses spread
 * over several processes count against one budget. Each "process" here is its own Redis connection with its own
 * limiters (what each server process builds), against Debian's redis-server started by the test.
 */

// A short, steady reconnect delay: the Redis-down test restarts its server.
const newClient = (url: string) => createClient({ url, socket: { reconnectStrategy: () => 50 } });
type Client = ReturnType<typeof newClient>;
let redis: TestRedis;
const opened: Client[] = [];

async function connection(url: string): Promise<Client> {
  const c = newClient(url);
  c.on("error", () => undefined);
  await c.connect();
  opened.push(c);
  return c;
}

const quietLog = () => ({ warn: vi.fn(), info: vi.fn(), error: vi.fn() });

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  for (const c of opened) c.destroy();
  await redis?.kill();
});

describe("failed sign-ins, shared through Redis", () => {
  it("counts the failures of one client+email and of one account once across processes", async () => {
    const [one, two] = [await connection(redis.url), await connection(redis.url)];
    const p1 = createSignInLimiters({ redis: one, log: quietLog() });
    const p2 = createSignInLimiters({ redis: two, log: quietLog() });
    const key = "10.1.1.1|ada@example.org";

    // 10 failures allowed per client+email: five on each process.
    for (let i = 0; i < SIGN_IN_LIMITS.perClient.limit; i++) {
      expect(await (i % 2 ? p2 : p1).perClient.retryAfterMs(key)).toBe(0);
      await (i % 2 ? p2 : p1).perClient.recordFailure(key);
    }
    for (const p of [p1, p2]) {
      const wait = await p.perClient.retryAfterMs(key);
      expect(wait).toBeGreaterThan(SIGN_IN_WINDOW_MS - 60_000);
      expect(wait).toBeLessThanOrEqual(SIGN_IN_WINDOW_MS);
    }
    expect(await p1.perClient.retryAfterMs("10.1.1.2|ada@example.org")).toBe(0);

    // The Redis key: at most `limit` entries (the most recent), expiring with the window.
    const stored = rateLimitKey("signin:client", key);
    expect(await one.zCard(stored)).toBe(SIGN_IN_LIMITS.perClient.limit);
    await p1.perClient.recordFailure(key);
    expect(await one.zCard(stored)).toBe(SIGN_IN_LIMITS.perClient.limit);
    const ttl = await one.pTTL(stored);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(SIGN_IN_WINDOW_MS);

    // A success on one process clears the client+email count for all.
    await p2.perClient.reset(key);
    expect(await p1.perClient.retryAfterMs(key)).toBe(0);

    // 50 per account, from anywhere: 25 from each process.
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount.limit; i++) {
      await (i % 2 ? p2 : p1).perAccount.recordFailure("grace@example.org");
    }
    expect(await p1.perAccount.retryAfterMs("grace@example.org")).toBeGreaterThan(0);
    expect(await p2.perAccount.retryAfterMs("grace@example.org")).toBeGreaterThan(0);
  });

  it("the sign-in route answers 429 once the failures on two processes add up to the limit", async () => {
    const db = await useTempDatabase();
    try {
      const p1 = createSignInLimiters({ redis: await connection(redis.url), log: quietLog() });
      const p2 = createSignInLimiters({ redis: await connection(redis.url), log: quietLog() });
      const attempt = (ip: string, limiters: SignInLimiters) => {
        // The route takes the process's limiters from globalThis (as the server provides them with REDIS_URL).
        provideSignInLimiters(limiters);
        const body = { email: "route@example.org", password: "not-the-password" };
        return signIn(jsonRequest("POST", "/api/auth/signin", body, { headers: { "x-forwarded-for": ip } }));
      };
      for (let i = 0; i < SIGN_IN_LIMITS.perClient.limit; i++) expect((await attempt("10.2.2.2", i % 2 ? p2 : p1)).status).toBe(401);

      // Each process saw only five failures; together they are ten.
      for (const p of [p1, p2]) {
        const limited = await attempt("10.2.2.2", p);
        expect(limited.status).toBe(429);
        expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
        expect(await limited.json()).toEqual({
          error: { code: "RATE_LIMITED", message: "Too many failed sign-ins. Try again in 15 minutes." },
        });
      }
      expect((await attempt("10.2.2.3", p2)).status).toBe(401);
    } finally {
      provideSignInLimiters(createSignInLimiters());
      await db.cleanup();
    }
  });
});

describe("when Redis goes down", () => {
  it("the limits fall back to this process's own count (still limiting), log once, and are shared again when it is back", async () => {
    const own = await startRedis();
    try {
      const c = await connection(own.url);
      const log = quietLog();
      const buckets = new SharedTokenBuckets(
        "badcode",
        { capacity: 4, refillPerSec: 0.001 },
        { redis: c, clock: { now: () => Date.now() }, log, pauseMs: 20 },
      );
      const signins = createSignInLimiters({ redis: c, log, pauseMs: 20 });
      const key = "10.3.3.3|down@example.org";

      expect([await buckets.take("10.3.3.3"), await buckets.take("10.3.3.3")]).toEqual([true, true]);
      for (let i = 0; i < 6; i++) await signins.perClient.recordFailure(key);

      await own.kill();
      // The local bucket saw the two takes: two more, then refused — not a fresh budget, not open.
      const taken: boolean[] = [];
      for (let i = 0; i < 6; i++) taken.push(await buckets.take("10.3.3.3"));
      expect(taken).toEqual([true, true, false, false, false, false]);
      // Sign-ins: the six failures before plus four now reach the limit of ten on this process's count.
      expect(await signins.perClient.retryAfterMs(key)).toBe(0);
      for (let i = 0; i < 4; i++) await signins.perClient.recordFailure(key);
      expect(await signins.perClient.retryAfterMs(key)).toBeGreaterThan(0);

      // One warning per limiter for the whole outage, not one per request.
      const warned = log.warn.mock.calls.map(([message]) => String(message));
      expect(warned.filter((m) => m.includes('"badcode"'))).toHaveLength(1);
      expect(warned.filter((m) => m.includes('"signin:client"'))).toHaveLength(1);
      expect(warned.every((m) => m.includes("Redis unavailable"))).toBe(true);

      // Back (empty, as a restarted Redis without persistence is): shared again, and said so once.
      const again = await startRedis(own.port);
      try {
        const start = Date.now();
        while (!c.isReady && Date.now() - start < 10_000) await new Promise((r) => setTimeout(r, 10));
        await new Promise((r) => setTimeout(r, 30)); // past the 20 ms pause after the last failure
        expect(await buckets.take("10.3.3.3")).toBe(true); // Redis's answer: its bucket is new and full
        expect(await c.exists("irsa:rl:badcode:10.3.3.3")).toBe(1);
        expect(log.info.mock.calls.map(([message]) => String(message)).filter((m) => m.includes('"badcode"'))).toEqual([
          'rate limit "badcode": Redis is back, limits are shared again',
        ]);
      } finally {
        await again.kill();
      }
    } finally {
      await own.kill();
    }
  });
});
