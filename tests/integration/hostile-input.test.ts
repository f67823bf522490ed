import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCode, hostCommandSchema, joinSessionSchema, type Ack } from "@/lib/contract";
import { normalizeNickname } from "@/lib/quiz";
import type { AppServer } from "@/server/app-server";
import { databaseSnapshot, STACK_TRACE } from "./security/support";
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
    // Every table, row by row: not one insert, update or delete anywhere.
    const before = await databaseSnapshot(db.prisma);
    const junk = fc.anything({ maxDepth: 2 });
    // Near misses: the right shape with one field wrong, which a schema must still catch.
    const nearAnswer = fc.oneof(
      fc.record({ kind: fc.constantFrom("pitfall", "which-step", "flow-replay", "chain-fix", "jwt-predict", "setup-challenge", "node-role", "x"), choiceId: junk, step: junk, fields: junk, prediction: junk, inputs: junk, selected: junk }, { requiredKeys: ["kind"] }),
      fc.record({ kind: fc.constant("pitfall"), choiceId: fc.oneof(fc.constant(""), fc.string({ minLength: 65, maxLength: 100 }), fc.integer()) }),
      fc.record({ kind: fc.constant("node-role"), selected: fc.oneof(fc.array(fc.string({ minLength: 1 }), { minLength: 21, maxLength: 25 }), fc.array(fc.constant(""), { minLength: 1, maxLength: 2 })) }),
    );
    const nearCommand = fc.oneof(
      fc.record({ type: fc.constantFrom("start", "next", "close", "addTime", "skip", "reveal", "leaderboard", "end", "kick", "lockLobby", "allowLateJoin", "replayStep", "delete", "START"), seconds: junk, participantId: junk, locked: junk, allowed: junk, step: junk }, { requiredKeys: [] }),
      fc.record({ type: fc.constant("addTime"), seconds: fc.oneof(fc.integer({ max: 4 }), fc.integer({ min: 301 }), fc.double({ noInteger: true }), fc.constant(Number.NaN)) }),
      fc.record({ type: fc.constant("replayStep"), step: fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 10 })) }),
      fc.record({ type: fc.constant("kick"), participantId: fc.oneof(fc.constant(""), fc.string({ minLength: 65, maxLength: 90 }), fc.integer()) }),
    );
    const badNickname = fc.oneof(
      fc.constantFrom("", "   ", "\u0000", "a\u200bb", "\u202eevil", "x".repeat(201), "\ufeff", "\n\t"),
      fc.string({ minLength: 41, maxLength: 200 }),
    );
    const payload = fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.record({ code: fc.oneof(fc.string({ maxLength: 12 }), fc.constant(session.code), fc.constant(session.code.toLowerCase())), nickname: fc.oneof(fc.string({ maxLength: 300 }), badNickname, fc.integer()) }, { requiredKeys: [] }),
      fc.record(
        {
          activityIndex: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constantFrom(0, 1, 999, 1000, -1)),
          answer: fc.oneof(fc.anything({ maxDepth: 2 }), nearAnswer),
        },
        { requiredKeys: [] },
      ),
      fc.record({ sessionId: fc.oneof(fc.string({ maxLength: 80 }), fc.constant(session.sessionId)), command: fc.oneof(fc.anything({ maxDepth: 2 }), nearCommand) }, { requiredKeys: [] }),
      fc.record({ clientSentAt: fc.oneof(fc.string(), fc.constant(null), fc.object({ maxDepth: 1 })) }),
    );
    const validAnswer = fc.constantFrom({ kind: "pitfall", choiceId: "a" }, { kind: "pitfall", choiceId: "zzz" }, { kind: "jwt-predict", prediction: "match" }, { kind: "node-role", selected: ["x"] });
    const validCommand = fc.constantFrom(...["start", "next", "close", "skip", "reveal", "leaderboard", "end"].map((type) => ({ type })), { type: "kick", participantId: "nobody" }, { type: "addTime", seconds: 30 });
    /**
     * Per event, inputs that pass (or nearly pass) its schema, so the handler's own checks are reached too: an
     * answer already given or for another activity, a command for a session that does not exist, a real code
     * with a nickname that is refused, an empty sync with extra fields.
     */
    const aimed: Record<(typeof EVENTS)[number], fc.Arbitrary<unknown>> = {
      "session:join": fc.record({ code: fc.constantFrom(session.code, session.code.toLowerCase(), ` ${session.code} `, "ZZZZZZ", "AAAAA!"), nickname: fc.oneof(badNickname, fc.string({ maxLength: 30 })) }),
      "session:sync": fc.oneof(fc.constant({}), fc.record({ sessionId: fc.string(), participantId: fc.string() }, { requiredKeys: [] })),
      "answer:submit": fc.record({ activityIndex: fc.constantFrom(0, 1, 5, 999), answer: fc.oneof(validAnswer, nearAnswer) }),
      "time:sync": fc.record({ clientSentAt: fc.oneof(fc.double(), fc.constant(Number.MAX_VALUE), fc.string()) }),
      "host:watch": fc.record({ sessionId: fc.oneof(fc.constant(session.sessionId), fc.string({ minLength: 1, maxLength: 64 }), fc.constant(""), fc.string({ minLength: 65, maxLength: 70 })) }),
      "host:command": fc.record({ sessionId: fc.oneof(fc.constant(session.sessionId), fc.string({ minLength: 1, maxLength: 64 })), command: fc.oneof(validCommand, nearCommand) }),
      "no:such-event": fc.oneof(fc.constant({}), validAnswer),
    };
    const sent = fc.constantFrom(...EVENTS).chain((event) =>
      fc.tuple(fc.constant(event), fc.oneof(aimed[event].map((p) => [p]), fc.array(payload, { minLength: 0, maxLength: 3 }))),
    );
    /** A payload that is no attack at all for this sender: a real join or a real command would rightly change the database. */
    const legitimate = (event: string, who: string, first: unknown): boolean => {
      if (event === "host:command" && who === "host") {
        const command = hostCommandSchema.safeParse(first);
        return command.success && command.data.sessionId === session.sessionId;
      }
      if (event === "session:join" && who !== "student") {
        const join = joinSessionSchema.safeParse(first);
        return join.success && join.data.code === session.code && normalizeNickname(join.data.nickname).ok;
      }
      return false;
    };
    let count = 0;
    const seen: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(
        sent,
        fc.constantFrom("anon", "student", "host"),
        async ([event, args], who) => {
          fc.pre(!legitimate(event, who, args[0]));
          const client = who === "anon" ? anon : who === "student" ? student : host;
          const ack = await send(client, event, args);
          count++;
          const key = `${event} ${ack.ok ? "ok" : ack.error.code}`;
          seen[key] = (seen[key] ?? 0) + 1;
          if (ack.ok) {
            // Only read-only events may succeed on junk: a clock reading or the caller's own view.
            expect(["time:sync", "session:sync", "host:watch"]).toContain(event);
          } else {
            expect(CODES.has(ack.error.code), JSON.stringify(ack)).toBe(true);
            expect(ack.error.code, JSON.stringify(ack)).not.toBe("INTERNAL");
            expect(ack.error.message.length).toBeGreaterThan(0);
            expect(JSON.stringify(ack)).not.toMatch(STACK_TRACE); // never a stack trace
            // A refused payload says which event, and where it is wrong (or that the event does not exist).
            if (ack.error.code === "INVALID_PAYLOAD" && !ack.error.message.startsWith("Unknown event")) {
              expect(ack.error.issues?.length, JSON.stringify(ack)).toBeGreaterThan(0);
            }
          }
        },
      ),
      { numRuns: 1200, seed: 0x6b0d }, // seeded: a failure names its input and replays exactly
    );
    expect(count).toBeGreaterThanOrEqual(1200);
    // Every event was reached, and the near misses got past the shape checks to the handlers' own refusals.
    for (const event of EVENTS) expect(Object.keys(seen).some((k) => k.startsWith(`${event} `)), `${event} sent`).toBe(true);
    for (const reached of ["answer:submit WRONG_ACTIVITY", "answer:submit UNAUTHORIZED", "host:command UNAUTHORIZED", "host:command NOT_FOUND", "session:join CONFLICT", "session:join NOT_FOUND"]) {
      expect(seen[reached] ?? 0, `${reached}: ${JSON.stringify(seen)}`).toBeGreaterThan(0);
    }
    expect(await databaseSnapshot(db.prisma)).toEqual(before);
    // Still serving, and the student and the instructor who were sent junk alongside are still in their session.
    expect((await anon.emit("time:sync", { clientSentAt: 1 })).ok).toBe(true);
    expect(student.socket.connected && host.socket.connected).toBe(true);
    const mine = await student.emit<{ me: { answered: unknown } }>("session:sync", {});
    expect(mine.ok && mine.data.me.answered).toEqual({ kind: "pitfall", choiceId: "a" });
    const watch = await host.emit<{ phase: { type: string } }>("host:watch", { sessionId: session.sessionId });
    expect(watch.ok && watch.data.phase.type).toBe("question");
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
