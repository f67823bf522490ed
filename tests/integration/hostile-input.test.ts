import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCode, type Ack } from "@/lib/contract";
import type { AppServer } from "@/server/app-server";
import { createTestDb, seedSession, startTestServer, TestClient, type TestDb } from "./support/harness";

/**
 * Hostile input (issue 6): well over 1,000 generated payloads, wrong-typed, missing, extra or absurd, sent to every
 * socket event by an anonymous socket, a student and the instructor. Each must get a clear error code (or, for the
 * read-only events, a normal answer), the server must stay up, and the database must not change.
 */

const EVENTS = ["session:join", "session:sync", "answer:submit", "time:sync", "host:watch", "host:command", "no:such-event"] as const;
const CODES = new Set<string>(Object.values(ErrorCode));

let db: TestDb;
let server: AppServer;
let session: Awaited<ReturnType<typeof seedSession>>;
let anon: TestClient;
let student: TestClient;
let host: TestClient;

async function snapshot() {
  const [responses, participants, live] = await Promise.all([
    db.prisma.response.findMany({ orderBy: { id: "asc" } }),
    db.prisma.participant.findMany({ orderBy: { id: "asc" } }),
    db.prisma.liveSession.findMany({ orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify({ responses, participants, live });
}

function send(client: TestClient, event: string, args: unknown[]): Promise<Ack<unknown>> {
  return new Promise((resolve) => {
    (client.socket as unknown as { emit(e: string, ...a: unknown[]): void }).emit(event, ...args, resolve);
  });
}

beforeAll(async () => {
  db = await createTestDb();
  session = await seedSession(db.prisma);
  server = await startTestServer(db.prisma, {
    limits: { joinPerIp: { capacity: 100_000, refillPerSec: 1000 }, badCodePerIp: { capacity: 100_000, refillPerSec: 1000 }, answersPerParticipant: { capacity: 50, refillPerSec: 5 } },
  });
  host = new TestClient(server.url, { cookie: session.cookie });
  anon = new TestClient(server.url);
  student = new TestClient(server.url);
  await Promise.all([host.connected(), anon.connected(), student.connected()]);
  expect((await host.emit("host:watch", { sessionId: session.sessionId })).ok).toBe(true);
  expect((await student.join(session.code, "Mallory")).ok).toBe(true);
  expect((await host.command(session.sessionId, { type: "start" })).ok).toBe(true);
  expect((await student.answer({ activityIndex: 0, answer: { kind: "pitfall", choiceId: "a" } })).ok).toBe(true);
});

afterAll(async () => {
  for (const c of [host, anon, student]) c?.close();
  await server?.close();
  await db?.cleanup();
});

describe("hostile input over the socket", () => {
  it("1,200 generated payloads: each gets a clear answer, nothing changes, the server stays up", async () => {
    await new Promise((r) => setTimeout(r, 50));
    const before = await snapshot();
    const payload = fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.record({ code: fc.string({ maxLength: 12 }), nickname: fc.oneof(fc.string({ maxLength: 300 }), fc.integer()) }, { requiredKeys: [] }),
      fc.record(
        {
          activityIndex: fc.oneof(fc.integer(), fc.double(), fc.string()),
          answer: fc.oneof(fc.anything({ maxDepth: 2 }), fc.record({ kind: fc.constantFrom("pitfall", "which-step", "x"), choiceId: fc.string(), step: fc.integer() })),
        },
        { requiredKeys: [] },
      ),
      fc.record({ sessionId: fc.oneof(fc.string({ maxLength: 80 }), fc.constant(session.sessionId)), command: fc.anything({ maxDepth: 2 }) }, { requiredKeys: [] }),
    );
    let count = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...EVENTS),
        fc.constantFrom("anon", "student", "host"),
        fc.array(payload, { minLength: 0, maxLength: 3 }),
        async (event, who, args) => {
          const client = who === "anon" ? anon : who === "student" ? student : host;
          const ack = await send(client, event, args);
          count++;
          if (ack.ok) {
            // Only read-only events may succeed on junk: a clock reading or the caller's own view.
            expect(["time:sync", "session:sync", "host:watch"]).toContain(event);
          } else {
            expect(CODES.has(ack.error.code), JSON.stringify(ack)).toBe(true);
            expect(ack.error.message.length).toBeGreaterThan(0);
            expect(JSON.stringify(ack)).not.toMatch(/at .*\.ts:\d+/); // never a stack trace
          }
        },
      ),
      { numRuns: 1200 },
    );
    expect(count).toBeGreaterThanOrEqual(1200);
    expect(await snapshot()).toBe(before);
    const time = await anon.emit("time:sync", { clientSentAt: 1 });
    expect(time.ok).toBe(true);
  });

  it("an oversized message closes that connection only; the server keeps serving", async () => {
    const big = new TestClient(server.url);
    await big.connected();
    (big.socket as unknown as { emit(e: string, p: unknown): void }).emit("session:join", { code: "AAAAAA", nickname: "x".repeat(200_000) });
    await big.until(() => !big.socket.connected, "the oversized connection to be closed");
    const fresh = new TestClient(server.url);
    await fresh.connected();
    expect((await fresh.emit("time:sync", { clientSentAt: 2 })).ok).toBe(true);
    fresh.close();
    expect(student.socket.connected && host.socket.connected).toBe(true);
  });
});
