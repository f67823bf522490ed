import { afterEach, describe, expect, it } from "vitest";
import type { HostView, ParticipantView } from "@/lib/contract";
import { createPrisma } from "@/lib/db/client";
import { SessionRepository } from "@/lib/db/sessions";
import type { AppServer } from "@/server/app-server";
import type { RealtimeLimits } from "@/server/realtime";
import { createTestDb, seedSession, startTestServer, TestClient, TestClock, untilAll, type TestDb } from "./support/harness";
import { TEST_SCENARIOS } from "./support/test-catalog";

const LONG_DECK = [
  { scenarioId: TEST_SCENARIOS[0]!, kind: "pitfall" as const, timeLimitSec: 60, pointsMultiplier: 1 },
  { scenarioId: TEST_SCENARIOS[1]!, kind: "pitfall" as const, timeLimitSec: 60, pointsMultiplier: 1 },
];
const RIGHT = { kind: "pitfall" as const, choiceId: "a" };
const WRONG = { kind: "pitfall" as const, choiceId: "d" };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function setUp(clock = new TestClock(), limits?: Partial<RealtimeLimits>) {
  const db: TestDb = await createTestDb();
  cleanups.push(() => db.cleanup());
  const session = await seedSession(db.prisma, { deck: LONG_DECK });
  const server = await startTestServer(db.prisma, { clock, limits });
  cleanups.push(() => server.close());
  const host = track(new TestClient(server.url, { cookie: session.cookie }));
  await host.connected();
  expect((await host.emit("host:watch", { sessionId: session.sessionId })).ok).toBe(true);
  return { db, session, server, host, clock };
}

function track(c: TestClient): TestClient {
  cleanups.push(() => c.close());
  return c;
}

async function joinStudents(url: string, code: string, n: number, prefix = "Student"): Promise<TestClient[]> {
  const students = Array.from({ length: n }, () => track(new TestClient(url)));
  await Promise.all(students.map((s) => s.connected()));
  const acks = await Promise.all(students.map((s, i) => s.join(code, `${prefix} ${i}`)));
  for (const a of acks) expect(a.ok, JSON.stringify(a)).toBe(true);
  return students;
}

describe("a crash in the middle of a question", () => {
  it("loses no acknowledged answer; the session resumes in the same phase; students and instructor find it", async () => {
    const clock = new TestClock();
    const { db, session, server, host } = await setUp(clock);
    const students = await joinStudents(server.url, session.code, 10);
    expect((await host.command(session.sessionId, { type: "start" })).ok).toBe(true);
    await untilAll(students, (s) => s.view?.phase.type === "question", "the question");
    const before = students[0]!.view!.phase;
    if (before.type !== "question") throw new Error("no question");

    clock.advance(3_000);
    const acked = await Promise.all(students.slice(0, 6).map((s, i) => s.answer({ activityIndex: 0, answer: i % 2 ? WRONG : RIGHT })));
    expect(acked.every((a) => a.ok)).toBe(true);
    // Two more answers in flight when the process dies: they were never acknowledged, so either outcome is fine.
    for (const s of students.slice(6, 8)) s.answer({ activityIndex: 0, answer: RIGHT }).catch(() => undefined);
    await server.abandon();
    await db.prisma.$disconnect();

    // A new process on the same database file.
    const prisma = createPrisma(db.url);
    cleanups.push(() => prisma.$disconnect());
    const next: AppServer = await startTestServer(prisma, { clock });
    cleanups.push(() => next.close());

    const stored = await prisma.response.findMany({ where: { sessionId: session.sessionId } });
    await untilAll([...students, host], (s) => !s.socket.connected, "the old connections to drop");
    const participants = await prisma.participant.findMany({ where: { sessionId: session.sessionId } });
    const idOf = (i: number) => participants.find((p) => p.nickname === `Student ${i}`)!.id;
    for (let i = 0; i < 6; i++) {
      expect(stored.some((r) => r.participantId === idOf(i) && r.activityIndex === 0), `acked answer of Student ${i}`).toBe(true);
    }

    // Students come back with their tokens and land on the same question, same deadline, their score.
    const back = students.map((s) => track(new TestClient(next.url, { token: s.token! })));
    await Promise.all(back.map((s) => s.connected()));
    await untilAll(back, (s) => s.view !== null, "the current screen on reconnect");
    for (const [i, s] of back.entries()) {
      const phase = s.view!.phase;
      expect(phase.type).toBe("question");
      if (phase.type !== "question") continue;
      expect(phase.deadline).toBe(before.deadline);
      const dbScore = participants.find((p) => p.id === idOf(i))!.score;
      expect(s.view!.me.participantId).toBe(idOf(i));
      expect(s.view!.me.score).toBe(dbScore);
      if (i < 6) {
        expect(s.view!.me.answered).toEqual(i % 2 ? WRONG : RIGHT);
        expect(dbScore).toBe(i % 2 ? 0 : 975); // round(1000 × (1 − (3/60)/2))
      }
    }
    const again = await back[0]!.answer({ activityIndex: 0, answer: WRONG });
    expect(!again.ok && again.error.code).toBe("ALREADY_ANSWERED");
    const fresh = await back[9]!.answer({ activityIndex: 0, answer: RIGHT });
    expect(fresh.ok).toBe(true);

    // The instructor finds the session in their list and where it was.
    const list = await new SessionRepository(prisma).listForInstructor(session.instructorId);
    expect(list.find((s) => s.sessionId === session.sessionId)).toMatchObject({ status: "live", participants: 10 });
    const host2 = track(new TestClient(next.url, { cookie: session.cookie }));
    await host2.connected();
    const watch = await host2.emit<HostView>("host:watch", { sessionId: session.sessionId });
    expect(watch.ok && watch.data.phase.type).toBe("question");
    expect(host.socket.connected).toBe(false);

    expect((await host2.command(session.sessionId, { type: "close" })).ok).toBe(true);
    await untilAll(back, (s) => s.view?.phase.type === "reveal", "the reveal after the restart");
    const rows = await prisma.response.findMany({ where: { sessionId: session.sessionId } });
    for (const [i, s] of back.entries()) {
      const row = rows.find((r) => r.participantId === idOf(i));
      expect(s.view!.me.lastResult?.points ?? null).toBe(row ? row.points : null);
    }
    // One answer per participant and activity, whatever happened to the in-flight ones.
    expect(new Set(rows.map((r) => r.participantId)).size).toBe(rows.length);
  });
});

describe("rejoining, kicking, locking", () => {
  it("a new socket with the same participant token is the same participant, with score and current screen", async () => {
    const { session, server, host, clock } = await setUp();
    const [ada] = await joinStudents(server.url, session.code, 1, "Ada");
    expect((await host.command(session.sessionId, { type: "start" })).ok).toBe(true);
    await ada!.until(() => ada!.view?.phase.type === "question", "the question");
    clock.advance(1_000);
    expect((await ada!.answer({ activityIndex: 0, answer: RIGHT })).ok).toBe(true);
    const me = (await ada!.emit<ParticipantView>("session:sync", {})) as { ok: true; data: ParticipantView };
    expect(me.data.me.score).toBeGreaterThan(0);

    ada!.close(); // the phone slept
    const again = track(new TestClient(server.url, { token: ada!.token! }));
    await again.connected();
    await again.until(() => again.view !== null, "the view on reconnect");
    expect(again.view!.me).toMatchObject({ participantId: me.data.me.participantId, score: me.data.me.score, answered: RIGHT });
    expect(again.view!.phase.type).toBe("question");
    const sync = await again.emit<ParticipantView>("session:sync", {});
    expect(sync.ok && sync.data.me.participantId).toBe(me.data.me.participantId);
    const twice = await again.answer({ activityIndex: 0, answer: RIGHT });
    expect(!twice.ok && twice.error.code).toBe("ALREADY_ANSWERED");

    const forged = track(new TestClient(server.url, { token: "eyJhbGciOiJIUzI1NiJ9.e30.bad" }));
    expect(await forged.refused()).toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("kick: the student is told, disconnected, and their token no longer opens the session", async () => {
    const { session, server, host } = await setUp();
    const [bob, eve] = await joinStudents(server.url, session.code, 2);
    const kick = await host.command(session.sessionId, { type: "kick", participantId: eve!.view!.me.participantId });
    expect(kick.ok).toBe(true);
    if (kick.ok) expect(kick.data.participants.map((p) => p.nickname)).toEqual([bob!.view!.me.nickname]);
    await eve!.until(() => eve!.kicked !== null && !eve!.socket.connected, "the kick");
    const back = track(new TestClient(server.url, { token: eve!.token! }));
    expect(await back.refused()).toMatchObject({ code: "KICKED" });
    const nobody = await host.command(session.sessionId, { type: "kick", participantId: "nobody" });
    expect(!nobody.ok && nobody.error.code).toBe("NOT_FOUND");
    expect(bob!.socket.connected).toBe(true);
  });

  it("a locked lobby and late-join rules are enforced on join", async () => {
    const { session, server, host } = await setUp();
    await joinStudents(server.url, session.code, 1, "Early");
    expect((await host.command(session.sessionId, { type: "lockLobby", locked: true })).ok).toBe(true);
    const late = track(new TestClient(server.url));
    await late.connected();
    expect(await late.join(session.code, "Locked out")).toMatchObject({ ok: false, error: { code: "LOBBY_LOCKED" } });
    expect((await host.command(session.sessionId, { type: "lockLobby", locked: false })).ok).toBe(true);
    expect((await host.command(session.sessionId, { type: "allowLateJoin", allowed: false })).ok).toBe(true);
    expect((await host.command(session.sessionId, { type: "start" })).ok).toBe(true);
    expect(await late.join(session.code, "Too late")).toMatchObject({ ok: false, error: { code: "LOBBY_LOCKED" } });
    expect((await host.command(session.sessionId, { type: "allowLateJoin", allowed: true })).ok).toBe(true);
    const joined = await late.join(session.code, "Late but welcome");
    expect(joined.ok && joined.data.view.phase.type).toBe("question");
  });

  it("rate limits: code guessing per address and answer spam per participant", async () => {
    const { db, session, server, host } = await setUp(new TestClock(), {
      badCodePerIp: { capacity: 3, refillPerSec: 0 },
      answersPerParticipant: { capacity: 2, refillPerSec: 0 },
    });
    // Every client here comes from 127.0.0.1: the class's first student, then a guesser on the same address.
    const [spammer] = await joinStudents(server.url, session.code, 1, "Spam");
    const other = await seedSession(db.prisma);
    const guesser = track(new TestClient(server.url));
    await guesser.connected();
    const codes = ["AAAAAA", "BBBBBB", "CCCCCC", "DDDDDD", "EEEEEE"];
    const results = [];
    for (const code of codes) results.push(await guesser.join(code, "guesser"));
    expect(results.map((r) => (r.ok ? "ok" : r.error.code))).toEqual(["NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "RATE_LIMITED", "RATE_LIMITED"]);
    // Past the budget, a live code the address has not joined is refused like a wrong one (a guess that hit must
    // not be told apart from a miss), while the class's own session, joined from here already, still lets students in.
    const hit = await guesser.join(other.code, "guesser");
    expect(hit.ok ? "ok" : `${hit.error.code}: ${hit.error.message}`).toBe("RATE_LIMITED: Too many wrong codes; wait a minute.");
    const classmate = track(new TestClient(server.url));
    await classmate.connected();
    expect((await classmate.join(session.code, "Classmate")).ok).toBe(true);
    expect((await host.command(session.sessionId, { type: "start" })).ok).toBe(true);
    const spam = [];
    for (let i = 0; i < 4; i++) spam.push(await spammer!.answer({ activityIndex: 0, answer: RIGHT }));
    expect(spam.map((r) => (r.ok ? "ok" : r.error.code))).toEqual(["ok", "ALREADY_ANSWERED", "RATE_LIMITED", "RATE_LIMITED"]);
  });
});
