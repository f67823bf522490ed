import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as lookup } from "@/app/api/codes/[code]/route";
import { CODE_LOOKUP_LIMITS } from "@/lib/auth/code-lookup-limits";
import { joinedSessions } from "@/lib/auth/joined-sessions";
import { ENDED_RECENTLY_MS } from "@/lib/db/join-codes";
import { seedClassSession, seedDeck, seedInstructor } from "../reports/support/seed";
import { jsonRequest, useTempDatabase } from "./helpers";

let db: Awaited<ReturnType<typeof useTempDatabase>>;
let liveSessionId = "";
beforeAll(async () => {
  db = await useTempDatabase();
  const instructorId = await seedInstructor(db.prisma, "codes@example.org");
  const deckId = await seedDeck(db.prisma, instructorId);
  liveSessionId = (await seedClassSession(db.prisma, { instructorId, deckId, code: "KQXKQX", status: "live" })).sessionId;
  await seedClassSession(db.prisma, { instructorId, deckId, code: "ENDEDX", status: "ended", createdAt: new Date(Date.now() - 60 * 60 * 1000) });
  await seedClassSession(db.prisma, { instructorId, deckId, code: "PASTXY", status: "ended", createdAt: new Date(Date.now() - ENDED_RECENTLY_MS - 60 * 60 * 1000) });
  // A code reused: an old ended session and today's live one.
  await seedClassSession(db.prisma, { instructorId, deckId, code: "REUSED", status: "ended", createdAt: new Date(Date.now() - 2 * 60 * 60 * 1000) });
  await seedClassSession(db.prisma, { instructorId, deckId, code: "REUSED", status: "live" });
}, 60_000);
afterAll(() => db.cleanup());

// Each test gets its own client address, so the per-address budgets of one test do not spill into the next.
let ip = 0;
let address = "";
beforeEach(() => {
  address = `198.51.100.${++ip}`;
});
const get = (code: string, from = address) =>
  lookup(jsonRequest("GET", `/api/codes/${encodeURIComponent(code)}`, undefined, { headers: { "x-forwarded-for": from } }), {
    params: Promise.resolve({ code }),
  });

describe("GET /api/codes/:code", () => {
  it.each([
    ["KQXKQX", "live"],
    ["kqxkqx", "live"],
    [" KQXKQX ", "live"],
    ["REUSED", "live"],
    ["ENDEDX", "ended"],
    ["PASTXY", "unknown"],
    ["ZZZZZZ", "unknown"],
    ["ABC10O", "unknown"],
    ["", "unknown"],
    ["x".repeat(5000), "unknown"],
    ["%", "unknown"],
  ])("%.12j → %s, and nothing else", async (code, status) => {
    const res = await get(code);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    // Only the word: no session id, title, instructor, count or timestamps.
    expect(await res.json()).toEqual({ status });
  });

  it(`answers ${CODE_LOOKUP_LIMITS.wrongPerClient.limit} lookups of codes without a live session per address, then 429 with Retry-After`, async () => {
    // The class's first student joined KQXKQX's session from this address (the socket handler records it).
    await joinedSessions().add(address, liveSessionId);
    for (let i = 0; i < CODE_LOOKUP_LIMITS.wrongPerClient.limit; i++) expect((await get(i % 2 ? "ZZZZZZ" : "ENDEDX")).status).toBe(200);
    const refused = await get("QQQQQQ");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({ error: { code: "RATE_LIMITED", message: expect.stringContaining("wait") as string } });
    // The class's own live code still answers (its typos do not lock it out); another live code, one a guesser
    // might have hit, is refused exactly like a miss; another address is not affected.
    expect(await (await get("KQXKQX")).json()).toEqual({ status: "live" });
    const hit = await get("REUSED");
    expect(hit.status).toBe(429);
    expect(await hit.json()).toEqual({ error: { code: "RATE_LIMITED", message: "Too many code checks; wait a minute." } });
    expect(await (await get("REUSED", "203.0.113.9")).json()).toEqual({ status: "live" });
    expect(await (await get("ZZZZZZ", "203.0.113.9")).json()).toEqual({ status: "unknown" });
  });

  it("parallel lookups of wrong codes get no more answers than the budget", async () => {
    const results = await Promise.all(Array.from({ length: 3 * CODE_LOOKUP_LIMITS.wrongPerClient.limit }, (_, i) => get(`ZZZZ${String.fromCharCode(65 + (i % 20))}${String.fromCharCode(65 + Math.floor(i / 20))}`, "198.51.100.7")));
    // Each miss is counted before it is checked: in flight together, some that the budget would have allowed are
    // refused too (never the other way round), and every lookup is either answered or refused.
    const answered = results.filter((r) => r.status === 200).length;
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThanOrEqual(CODE_LOOKUP_LIMITS.wrongPerClient.limit);
    expect(results.filter((r) => r.status === 429)).toHaveLength(results.length - answered);
  });

  it("a class behind one address checking a live code is not limited by the wrong-code budget", async () => {
    for (let i = 0; i < 60; i++) expect(await (await get("KQXKQX")).json()).toEqual({ status: "live" });
  });

  it(`caps every lookup per address at ${CODE_LOOKUP_LIMITS.perClient.limit} per window`, async () => {
    for (let i = 0; i < CODE_LOOKUP_LIMITS.perClient.limit; i++) expect((await get("KQXKQX")).status).toBe(200);
    expect((await get("KQXKQX")).status).toBe(429);
  });
});
