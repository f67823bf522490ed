import { describe, expect, it } from "vitest";
import { createLocalJoinedSessions, JOINED_SESSIONS_TTL_MS } from "@/lib/auth/joined-sessions";
import { TokenBuckets } from "@/server/rate-limit";

/** The pieces of "past its wrong-code budget, an address reaches only the sessions it joined" (server/handlers/session.ts). */
describe("joined sessions per address (in memory)", () => {
  it("remembers a join for a day after the address's last join, per address", async () => {
    let now = 0;
    const joined = createLocalJoinedSessions({ now: () => now });
    await joined.add("10.0.0.1", "s1");
    expect(await joined.has("10.0.0.1", "s1")).toBe(true);
    expect(await joined.has("10.0.0.1", "s2")).toBe(false);
    expect(await joined.has("10.0.0.2", "s1")).toBe(false);
    now = JOINED_SESSIONS_TTL_MS - 1;
    await joined.add("10.0.0.1", "s2"); // another join renews the address's entry
    now = JOINED_SESSIONS_TTL_MS + 10;
    expect(await joined.has("10.0.0.1", "s1")).toBe(true);
    now = 2 * JOINED_SESSIONS_TTL_MS;
    expect(await joined.has("10.0.0.1", "s2")).toBe(false);
  });

  it("is bounded: the least recently joined addresses and sessions go first", async () => {
    const joined = createLocalJoinedSessions({ maxAddresses: 2, maxSessionsPerAddress: 2 });
    await joined.add("a", "s1");
    await joined.add("a", "s2");
    await joined.add("a", "s3");
    expect([await joined.has("a", "s1"), await joined.has("a", "s2"), await joined.has("a", "s3")]).toEqual([false, true, true]);
    await joined.add("b", "s1");
    await joined.add("c", "s1");
    expect([await joined.has("a", "s2"), await joined.has("b", "s1"), await joined.has("c", "s1")]).toEqual([false, true, true]);
  });
});

describe("TokenBuckets.has", () => {
  it("says whether a token is there without taking it, refill included", () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 2, refillPerSec: 1 }, { now: () => now });
    expect(buckets.has("ip")).toBe(true);
    expect(buckets.take("ip")).toBe(true);
    expect(buckets.take("ip")).toBe(true);
    expect(buckets.has("ip")).toBe(false);
    expect(buckets.has("ip")).toBe(false);
    now = 1000;
    expect(buckets.has("ip")).toBe(true);
    expect(buckets.has("ip")).toBe(true); // asking twice takes nothing
    expect(buckets.take("ip")).toBe(true);
    expect(buckets.take("ip")).toBe(false);
  });
});
