import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INSTRUCTOR_COOKIE } from "@/lib/auth/cookies";
import { getAuthSecret } from "@/lib/auth/secret";
import { signInstructorToken, signParticipantToken } from "@/lib/auth/tokens";
import { resetConfigCache } from "@/lib/config";
import { createPrisma, provideSharedPrisma, type PrismaClient } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { tempDir } from "../platform/helpers";
import { NICK_FORMULA, seedClassSession, seedDeck, seedInstructor } from "./support/seed";

/**
 * The report routes as Next calls them (a Request and `{ params: Promise }`), on a temp database: who may read
 * what, and what the downloads look like on the wire.
 */
describe("report routes", () => {
  const t = tempDir("irsa-report-routes-");
  let prisma: PrismaClient;
  let cookie: string;
  let otherCookie: string;
  let sessionId: string;
  let liveId: string;
  let liveIds: Record<string, string>;
  let deckId: string;
  let ids: Record<string, string>;
  let routes: {
    list: typeof import("@/app/api/reports/route");
    one: typeof import("@/app/api/reports/[sessionId]/route");
    leaderboard: typeof import("@/app/api/reports/[sessionId]/leaderboard.csv/route");
    responses: typeof import("@/app/api/reports/[sessionId]/responses.csv/route");
    json: typeof import("@/app/api/reports/[sessionId]/session.json/route");
    compare: typeof import("@/app/api/reports/compare/route");
    me: typeof import("@/app/api/me/[sessionId]/route");
  };

  const ctx = (sessionId: string) => ({ params: Promise.resolve({ sessionId }) });
  const get = (url: string, headers: Record<string, string> = {}) => new Request(`http://localhost${url}`, { headers });

  beforeAll(async () => {
    process.env.DATA_DIR = t.dir;
    process.env.DATABASE_URL = `file:${path.join(t.dir, "routes.db")}`;
    delete process.env.AUTH_SECRET;
    resetConfigCache();
    await migrateDatabase(process.env.DATABASE_URL);
    prisma = createPrisma(process.env.DATABASE_URL);
    provideSharedPrisma(prisma);
    const instructorId = await seedInstructor(prisma, "ada@example.edu");
    const otherId = await seedInstructor(prisma, "eve@example.edu");
    deckId = await seedDeck(prisma, instructorId);
    ({ sessionId, ids } = await seedClassSession(prisma, { instructorId, deckId }));
    ({ sessionId: liveId, ids: liveIds } = await seedClassSession(prisma, { instructorId, deckId, code: "LIVEAA", status: "live" }));
    cookie = `${INSTRUCTOR_COOKIE}=${await signInstructorToken({ instructorId }, getAuthSecret())}`;
    otherCookie = `${INSTRUCTOR_COOKIE}=${await signInstructorToken({ instructorId: otherId }, getAuthSecret())}`;
    routes = {
      list: await import("@/app/api/reports/route"),
      one: await import("@/app/api/reports/[sessionId]/route"),
      leaderboard: await import("@/app/api/reports/[sessionId]/leaderboard.csv/route"),
      responses: await import("@/app/api/reports/[sessionId]/responses.csv/route"),
      json: await import("@/app/api/reports/[sessionId]/session.json/route"),
      compare: await import("@/app/api/reports/compare/route"),
      me: await import("@/app/api/me/[sessionId]/route"),
    };
  });
  afterAll(async () => {
    await prisma.$disconnect();
    t.cleanup();
  });

  it("asks instructors to sign in, and hides other instructors' sessions", async () => {
    expect((await routes.one.GET(get(`/api/reports/${sessionId}`), ctx(sessionId))).status).toBe(401);
    expect((await routes.list.GET(get("/api/reports"))).status).toBe(401);
    const other = await routes.one.GET(get(`/api/reports/${sessionId}`, { cookie: otherCookie }), ctx(sessionId));
    expect(other.status).toBe(404);
    expect((await routes.leaderboard.GET(get("/x", { cookie: otherCookie }), ctx(sessionId))).status).toBe(404);
    expect((await routes.one.DELETE(new Request("http://localhost/x", { method: "DELETE", headers: { cookie: otherCookie } }), ctx(sessionId))).status).toBe(404);
  });

  it("serves the report without every answer, and one student's answers on request", async () => {
    const res = await routes.one.GET(get(`/api/reports/${sessionId}`, { cookie }), ctx(sessionId));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const { report } = (await res.json()) as { report: { leaderboard: { nickname: string }[]; students: object[] } };
    expect(report.leaderboard.map((r) => r.nickname)).toEqual(["Ana", "Ben", NICK_FORMULA, "Eve"]);
    expect(report.students.every((s) => !("answers" in s))).toBe(true);

    const detail = await routes.one.GET(get(`/api/reports/${sessionId}?student=${ids.Ben}`, { cookie }), ctx(sessionId));
    const body = (await detail.json()) as { student: { nickname: string }; answers: { correct: boolean }[] };
    expect(body.student.nickname).toBe("Ben");
    expect(body.answers.map((a) => a.correct)).toEqual([false, false, true]);
  });

  it("lists the history with a title search", async () => {
    const all = (await (await routes.list.GET(get("/api/reports", { cookie }))).json()) as { sessions: { sessionId: string }[] };
    expect(all.sessions.map((s) => s.sessionId).sort()).toEqual([liveId, sessionId].sort());
    const none = (await (await routes.list.GET(get("/api/reports?q=nothing", { cookie }))).json()) as { sessions: unknown[] };
    expect(none.sessions).toEqual([]);
    expect((await routes.list.GET(get("/api/reports?from=yesterday", { cookie }))).status).toBe(400);
  });

  it("downloads CSV with BOM, CRLF and neutralised cells, and the whole session as JSON", async () => {
    const res = await routes.leaderboard.GET(get("/x", { cookie }), ctx(sessionId));
    expect(res.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="irsa-pitfalls-week-3_2026-11-02_ABCDEF_leaderboard.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("\r\n");
    const records = parse(text, { bom: true }) as string[][];
    expect(records.map((r) => r[1])).toEqual(["nickname", "Ana", "Ben", `'${NICK_FORMULA}`, "Eve"]);

    const responses = parse(await (await routes.responses.GET(get("/x", { cookie }), ctx(sessionId))).text(), { bom: true }) as string[][];
    expect(responses).toHaveLength(1 + 8);

    const json = (await (await routes.json.GET(get("/x", { cookie }), ctx(sessionId))).json()) as {
      participants: { nickname: string }[];
      responses: unknown[];
    };
    expect(json.participants.map((p) => p.nickname)).toContain(NICK_FORMULA);
    expect(json.responses).toHaveLength(9);
  });

  it("compares the runs of a deck", async () => {
    const res = await routes.compare.GET(get(`/api/reports/compare?deckId=${deckId}`, { cookie }));
    const { comparison } = (await res.json()) as { comparison: { sessions: unknown[]; rows: unknown[] } };
    expect(comparison.sessions).toHaveLength(2);
    expect(comparison.rows).toHaveLength(3);
    expect((await routes.compare.GET(get(`/api/reports/compare?deckId=${deckId}`, { cookie: otherCookie }))).status).toBe(404);
    expect((await routes.compare.GET(get(`/api/reports/compare`, { cookie }))).status).toBe(400);
  });

  it("gives a student their own results with their participant token, once the session ended", async () => {
    const bearer = async (participantId: string, sid: string) => ({
      authorization: `Bearer ${await signParticipantToken({ participantId, sessionId: sid }, getAuthSecret())}`,
    });
    const res = await routes.me.GET(get(`/api/me/${sessionId}`, await bearer(ids.Ben!, sessionId)), ctx(sessionId));
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as {
      results: { me: { rank: number; nickname: string }; answers: { explanation: string | null }[]; leaderboard: unknown[] };
    };
    expect(results.me).toMatchObject({ rank: 2, nickname: "Ben" });
    expect(results.answers).toHaveLength(3);
    expect(results.leaderboard).toHaveLength(4);

    expect((await routes.me.GET(get(`/api/me/${sessionId}`), ctx(sessionId))).status).toBe(401);
    expect((await routes.me.GET(get(`/api/me/${sessionId}`, { authorization: "Bearer nonsense" }), ctx(sessionId))).status).toBe(401);
    // A token for another session opens nothing here.
    expect((await routes.me.GET(get(`/api/me/${sessionId}`, await bearer(ids.Ben!, liveId)), ctx(sessionId))).status).toBe(403);
    // Kicked: no results.
    const kicked = await routes.me.GET(get(`/api/me/${sessionId}`, await bearer(ids.Dee!, sessionId)), ctx(sessionId));
    expect(kicked.status).toBe(403);
    expect(((await kicked.json()) as { error: { code: string } }).error.code).toBe("KICKED");
    // Live: the explanations would give answers away.
    const live = await routes.me.GET(get(`/api/me/${liveId}`, await bearer(liveIds.Ana!, liveId)), ctx(liveId));
    expect(live.status).toBe(409);
  });

  it("deletes an ended session, refuses a live one", async () => {
    const del = (id: string) => routes.one.DELETE(new Request("http://localhost/x", { method: "DELETE", headers: { cookie } }), ctx(id));
    expect((await del(liveId)).status).toBe(409);
    expect((await del(sessionId)).status).toBe(200);
    expect((await routes.one.GET(get(`/api/reports/${sessionId}`, { cookie }), ctx(sessionId))).status).toBe(404);
    expect(await prisma.response.count({ where: { sessionId } })).toBe(0);
  });
});
