import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer, HostView, JoinResult, ParticipantView } from "@/lib/contract";
import { ANSWER_GRACE_MS, parseState, scoreAnswer, streakAfterMissing } from "@/lib/quiz";
import type { AppServer } from "@/server/app-server";
import { createTestDb, seedSession, startTestServer, TestClient, TestClock, untilAll, type TestDb } from "./support/harness";
import { SECRET } from "./support/test-catalog";

/**
 * A whole session on the real server (socket.io on a free port, a migrated temp SQLite database):
 * an instructor and 32 students through three activities, with right, wrong, missing, late, double,
 * wrong-phase and malformed answers; every frame a student receives is recorded and scanned for the answer.
 */

const N = 32;
const pad = (i: number) => String(i).padStart(2, "0");

type Plan = { answer: Answer; correct: boolean } | null;

describe("a live session, end to end", () => {
  let db: TestDb;
  let server: AppServer;
  const clock = new TestClock();
  let session: Awaited<ReturnType<typeof seedSession>>;
  let host: TestClient;
  const students: TestClient[] = [];
  /** What each student answered (accepted) per activity, to recompute scores with lib/quiz. */
  const accepted: { timeTakenMs: number; T: number; multiplier: number; plan: Plan }[][] = Array.from({ length: N }, () => []);

  beforeAll(async () => {
    db = await createTestDb();
    session = await seedSession(db.prisma);
    server = await startTestServer(db.prisma, { clock });
  });

  afterAll(async () => {
    for (const c of [...students, host]) c?.close();
    await server?.close();
    await db?.cleanup();
  });

  it("the instructor watches the lobby; other identities are refused", async () => {
    host = new TestClient(server.url, { cookie: session.cookie });
    await host.connected();
    const watch = await host.emit<HostView>("host:watch", { sessionId: session.sessionId });
    expect(watch.ok).toBe(true);
    if (!watch.ok) return;
    expect(watch.data.phase).toEqual({ type: "lobby" });
    expect(watch.data.session.code).toBe(session.code);
    expect(watch.data.joinUrl).toBe(`${server.url}/join/${session.code}`);
    expect(watch.data.activities).toHaveLength(3);

    const other = await seedSession(db.prisma);
    const stranger = new TestClient(server.url, { cookie: other.cookie });
    await stranger.connected();
    const peek = await stranger.emit("host:watch", { sessionId: session.sessionId });
    expect(!peek.ok && peek.error.code).toBe("FORBIDDEN");
    const grab = await stranger.command(session.sessionId, { type: "end" });
    expect(!grab.ok && grab.error.code).toBe("FORBIDDEN");
    const missing = await stranger.emit("host:watch", { sessionId: "no-such-session" });
    expect(!missing.ok && missing.error.code).toBe("NOT_FOUND");
    stranger.close();

    const forged = new TestClient(server.url, { cookie: "irsa_session=not-a-token" });
    await forged.connected();
    const r = await forged.emit("host:watch", { sessionId: session.sessionId });
    expect(!r.ok && r.error.code).toBe("UNAUTHORIZED");
    forged.close();
  });

  it(`${N} students join; bad joins get clear errors`, async () => {
    for (let i = 0; i < N; i++) students.push(new TestClient(server.url));
    await Promise.all(students.map((s) => s.connected()));
    const acks = await Promise.all(students.map((s, i) => s.join(session.code.toLowerCase(), `  Student   ${pad(i)} `)));
    for (const [i, ack] of acks.entries()) {
      expect(ack.ok, JSON.stringify(ack)).toBe(true);
      if (!ack.ok) continue;
      expect(ack.data.participantToken.split(".")).toHaveLength(3);
      expect(ack.data.view.me.nickname).toBe(`Student ${pad(i)}`);
      expect(ack.data.view.phase).toEqual({ type: "lobby" });
      expect(ack.data.view.me.score).toBe(0);
    }

    const extra = new TestClient(server.url);
    await extra.connected();
    const cases: [unknown, string][] = [
      [{ code: session.code, nickname: "STUDENT 00" }, "NICKNAME_TAKEN"],
      [{ code: session.code, nickname: "evil\u202Egnp" }, "INVALID_PAYLOAD"],
      [{ code: session.code, nickname: "   " }, "INVALID_PAYLOAD"],
      [{ code: session.code, nickname: 42 }, "INVALID_PAYLOAD"],
      [{ code: "ABC", nickname: "x" }, "INVALID_PAYLOAD"],
      [{ code: "ZZZZZZ", nickname: "x" }, "NOT_FOUND"],
      [{ code: "Z0ZZZZ", nickname: "x" }, "NOT_FOUND"],
      [null, "INVALID_PAYLOAD"],
    ];
    for (const [payload, code] of cases) {
      const r = await extra.emit<JoinResult>("session:join", payload);
      expect(!r.ok && r.error.code, JSON.stringify(payload)).toBe(code);
    }
    const second = await students[0]!.join(session.code, "Another name");
    expect(!second.ok && second.error.code).toBe("CONFLICT");

    // Anonymous sockets may not answer or command; students may not command; unknown events are refused.
    expect(await extra.answer({ activityIndex: 0, answer: { kind: "pitfall", choiceId: "a" } })).toMatchObject({ ok: false, error: { code: "UNAUTHORIZED" } });
    expect(await students[0]!.command(session.sessionId, { type: "start" })).toMatchObject({ ok: false, error: { code: "UNAUTHORIZED" } });
    expect(await students[0]!.emit("host:watch", { sessionId: session.sessionId })).toMatchObject({ ok: false, error: { code: "UNAUTHORIZED" } });
    expect(await students[0]!.emit("admin:drop" as "time:sync", {})).toMatchObject({ ok: false, error: { code: "INVALID_PAYLOAD" } });
    const sync = await students[1]!.emit<ParticipantView>("session:sync", {});
    expect(sync.ok && sync.data.me.nickname).toBe("Student 01");
    const time = await extra.emit<{ clientSentAt: number; serverNow: number }>("time:sync", { clientSentAt: 5 });
    expect(time).toEqual({ ok: true, data: { clientSentAt: 5, serverNow: clock.now() } });
    extra.close();

    await host.until(() => (host.hostView?.participants.length ?? 0) === N && host.hostView!.participants.every((p) => p.connected), "the dashboard to list everyone");
  });

  it("answers before the start are refused", async () => {
    const r = await students[0]!.answer({ activityIndex: 0, answer: { kind: "pitfall", choiceId: "a" } });
    expect(!r.ok && r.error.code).toBe("PHASE_CLOSED");
  });

  it("question 1: everyone gets it without the answer; right, wrong, double, wrong-activity and malformed answers", async () => {
    const start = await host.command(session.sessionId, { type: "start" });
    expect(start.ok).toBe(true);
    if (!start.ok) return;
    expect(start.data.phase.type).toBe("question");
    expect(start.data.answerKey?.correct).toEqual({ kind: "pitfall", choiceId: "a" });
    await untilAll(students, (s) => s.view?.phase.type === "question" && s.view.phase.activityIndex === 0, "question 0");
    for (const s of students) {
      const phase = s.view!.phase;
      if (phase.type !== "question") throw new Error("not a question");
      expect(phase.deadline - phase.openedAt).toBe(20_000);
      expect(phase.prompt.kind).toBe("pitfall");
      expect(s.view!.me.answered).toBeNull();
    }

    // Refusals first: none of them takes the student's one answer.
    const s1 = await students[1]!.answer({ activityIndex: 1, answer: { kind: "pitfall", choiceId: "a" } });
    expect(!s1.ok && s1.error.code).toBe("WRONG_ACTIVITY");
    const s2 = await students[2]!.emit("answer:submit", { activityIndex: "zero", answer: { choiceId: "a" } });
    expect(s2).toMatchObject({ ok: false, error: { code: "INVALID_PAYLOAD" } });
    expect(!s2.ok && s2.error.issues?.length).toBeGreaterThan(0);
    const s3 = await students[3]!.answer({ activityIndex: 0, answer: { kind: "which-step", step: 6 } });
    expect(!s3.ok && s3.error.code).toBe("INVALID_PAYLOAD");
    // No ack function at all: tolerated, and the server keeps serving.
    (students[4]!.socket as unknown as { emit(e: string, p: unknown): void }).emit("answer:submit", { bogus: true });

    clock.advance(2_000);
    const plans: Plan[] = students.map((_, i) =>
      i >= 30 ? null : i % 4 === 3 ? { answer: { kind: "pitfall", choiceId: "b" }, correct: false } : { answer: { kind: "pitfall", choiceId: "a" }, correct: true },
    );
    const acks = await Promise.all(students.map((s, i) => (plans[i] ? s.answer({ activityIndex: 0, answer: plans[i]!.answer }) : null)));
    for (const [i, ack] of acks.entries()) {
      if (!plans[i]) {
        accepted[i]!.push({ timeTakenMs: 0, T: 20_000, multiplier: 1, plan: null });
        continue;
      }
      expect(ack, `student ${i}`).toEqual({ ok: true, data: { acceptedAt: clock.now() } });
      accepted[i]!.push({ timeTakenMs: 2_000, T: 20_000, multiplier: 1, plan: plans[i]! });
    }
    const twice = await students[0]!.answer({ activityIndex: 0, answer: { kind: "pitfall", choiceId: "c" } });
    expect(!twice.ok && twice.error.code).toBe("ALREADY_ANSWERED");

    // The dashboard counts as answers stream in (throttled), with the distribution and the share correct.
    await host.until(() => host.hostView?.progress?.answered === 30, "the dashboard to count 30 answers");
    expect(host.hostView!.progress).toMatchObject({ answered: 30, total: N, distribution: { a: 23, b: 7 } });
    expect(host.hostView!.progress!.correctShare).toBeCloseTo(23 / 30);
    expect(host.hostView!.participants.filter((p) => !p.answeredCurrent).map((p) => p.nickname).sort()).toEqual(["Student 30", "Student 31"]);
  });

  it("the reveal: each student's own result; a late answer is refused", async () => {
    const close = await host.command(session.sessionId, { type: "close" });
    expect(close.ok && close.data.phase.type).toBe("reveal");
    await untilAll(students, (s) => s.view?.phase.type === "reveal" && s.view.phase.activityIndex === 0, "reveal 0");
    for (const [i, s] of students.entries()) {
      const phase = s.view!.phase;
      if (phase.type !== "reveal") throw new Error("not the reveal");
      expect(phase.reveal.correct).toEqual({ kind: "pitfall", choiceId: "a" });
      expect(phase.distribution).toEqual({ a: 23, b: 7 });
      const plan = accepted[i]![0]!.plan;
      if (!plan) expect(s.view!.me.lastResult).toBeNull();
      else expect(s.view!.me.lastResult).toEqual({ correct: plan.correct, points: plan.correct ? 950 : 0, streakBonus: 0 });
      expect(s.view!.me.rank).not.toBeNull();
    }
    const late = await students[30]!.answer({ activityIndex: 0, answer: { kind: "pitfall", choiceId: "a" } });
    expect(!late.ok && late.error.code).toBe("PHASE_CLOSED");
    const again = await host.command(session.sessionId, { type: "close" });
    expect(!again.ok && again.error.code).toBe("CONFLICT");

    const board = await host.command(session.sessionId, { type: "leaderboard" });
    expect(board.ok).toBe(true);
    await untilAll(students, (s) => s.view?.phase.type === "leaderboard", "the leaderboard");
    const phase = students[0]!.view!.phase;
    if (phase.type !== "leaderboard") throw new Error("not the leaderboard");
    expect(phase.leaderboard).toHaveLength(10);
    expect(phase.leaderboard[0]).toMatchObject({ rank: 1, score: 950 });
    expect(students[3]!.view!.me.rank).toBe(24); // 23 correct students share rank 1; the rest share 24
  });

  it("question 2 (×2) with added time; an answer after deadline + grace is refused", async () => {
    const next = await host.command(session.sessionId, { type: "next" });
    expect(next.ok).toBe(true);
    await untilAll(students, (s) => s.view?.phase.type === "question" && s.view.phase.activityIndex === 1, "question 1");
    const more = await host.command(session.sessionId, { type: "addTime", seconds: 10 });
    expect(more.ok).toBe(true);
    await untilAll(
      students,
      (s) => s.view?.phase.type === "question" && s.view.phase.deadline - s.view.phase.openedAt === 30_000,
      "the new deadline",
    );
    clock.advance(6_000);
    const plans: Plan[] = students.map((_, i) =>
      i === 29 ? null : i % 5 === 0 ? { answer: { kind: "pitfall", choiceId: "a" }, correct: false } : { answer: { kind: "pitfall", choiceId: "b" }, correct: true },
    );
    const acks = await Promise.all(students.map((s, i) => (plans[i] ? s.answer({ activityIndex: 1, answer: plans[i]!.answer }) : null)));
    for (const [i, ack] of acks.entries()) {
      if (plans[i]) expect(ack, `student ${i}`).toMatchObject({ ok: true });
      accepted[i]!.push({ timeTakenMs: 6_000, T: 30_000, multiplier: 2, plan: plans[i]! });
    }
    clock.advance(30_000 - 6_000 + ANSWER_GRACE_MS + 1);
    const late = await students[29]!.answer({ activityIndex: 1, answer: { kind: "pitfall", choiceId: "b" } });
    expect(!late.ok && late.error.code).toBe("DEADLINE_PASSED");
    expect((await host.command(session.sessionId, { type: "reveal" })).ok).toBe(true);
    await untilAll(students, (s) => s.view?.phase.type === "reveal" && s.view.phase.activityIndex === 1, "reveal 1");
  });

  it("question 3 closes by itself at its deadline; then the podium and the end", async () => {
    expect((await host.command(session.sessionId, { type: "next" })).ok).toBe(true);
    await untilAll(students, (s) => s.view?.phase.type === "question" && s.view.phase.activityIndex === 2, "question 2");
    clock.advance(1_000);
    const plans: Plan[] = students.map((_, i) =>
      i === 5 ? null : i % 2 === 0 ? { answer: { kind: "which-step", step: 6, errorCode: "AccessDenied" }, correct: true } : { answer: { kind: "which-step", step: 3 }, correct: false },
    );
    const acks = await Promise.all(students.map((s, i) => (plans[i] ? s.answer({ activityIndex: 2, answer: plans[i]!.answer }) : null)));
    for (const [i, ack] of acks.entries()) {
      if (plans[i]) expect(ack, `student ${i}`).toMatchObject({ ok: true });
      accepted[i]!.push({ timeTakenMs: 1_000, T: 2_000, multiplier: 1, plan: plans[i]! });
    }
    // The server's own timer closes the question (2 s + grace of real time); the clock is moved past it too.
    clock.advance(1_000 + ANSWER_GRACE_MS);
    await untilAll(students, (s) => s.view?.phase.type === "reveal" && s.view.phase.activityIndex === 2, "the automatic reveal");

    expect((await host.command(session.sessionId, { type: "next" })).ok).toBe(true);
    await untilAll(students, (s) => s.view?.phase.type === "podium", "the podium");
    expect((await host.command(session.sessionId, { type: "end" })).ok).toBe(true);
    await untilAll(students, (s) => s.view?.phase.type === "ended", "the end");
    const after = await host.command(session.sessionId, { type: "next" });
    expect(!after.ok && after.error.code).toBe("SESSION_ENDED");
  });

  it("no student ever received an answer before its reveal (every frame scanned)", () => {
    for (const s of students) {
      expect(s.frames.length).toBeGreaterThan(5);
      for (const i of [0, 1, 2]) {
        const first = s.frames.find((f) => f.raw.includes(`${SECRET}${i}`));
        expect(first, `activity ${i} revealed to a student`).toBeDefined();
        // The first frame that carries activity i's answer is the reveal of activity i itself (the shared
        // `session:phase`, after the student's own `session:me`).
        expect(first!.raw).toMatch(/"session:(view|phase)"/);
        expect(first!.raw).toContain(`"type":"reveal","activityIndex":${i}`);
        expect(first!.raw).not.toContain("answerKey");
      }
      expect(s.frames.some((f) => f.raw.includes("answerKey"))).toBe(false);
    }
    const key = host.frames.find((f) => f.raw.includes(`${SECRET}0`));
    expect(key?.raw).toContain("answerKey");
  });

  it("the database holds every accepted answer, and scores equal lib/quiz's", async () => {
    const rows = await db.prisma.response.findMany({ where: { sessionId: session.sessionId } });
    const expectedCount = accepted.flat().filter((a) => a.plan).length;
    expect(rows).toHaveLength(expectedCount);

    const participants = await db.prisma.participant.findMany({ where: { sessionId: session.sessionId } });
    expect(participants).toHaveLength(N);
    for (const p of participants) {
      const i = Number(p.nickname.slice("Student ".length));
      let score = 0;
      let streak = 0;
      for (const [activityIndex, a] of accepted[i]!.entries()) {
        const row = rows.find((r) => r.participantId === p.id && r.activityIndex === activityIndex);
        if (!a.plan) {
          expect(row).toBeUndefined();
          streak = streakAfterMissing(streak, a.multiplier);
          continue;
        }
        const s = scoreAnswer({ mode: "speed", correct: a.plan.correct, credit: a.plan.correct ? 1 : 0, timeTakenMs: a.timeTakenMs, timeLimitMs: a.T, multiplier: a.multiplier, streakBefore: streak });
        expect(row, `${p.nickname} activity ${activityIndex}`).toMatchObject({ correct: a.plan.correct, points: s.points, streakBonus: s.streakBonus, timeTakenMs: a.timeTakenMs });
        expect(JSON.parse(row!.answer)).toEqual(a.plan.answer);
        score += s.total;
        streak = s.streak;
      }
      expect({ nickname: p.nickname, score: p.score, streak: p.streak }).toEqual({ nickname: p.nickname, score, streak });
      const view = students[i]!.view!;
      expect(view.me.score).toBe(score);
    }
    const live = await db.prisma.liveSession.findUniqueOrThrow({ where: { id: session.sessionId } });
    expect(live.status).toBe("ended");
    expect(live.endedAt).not.toBeNull();
    expect(parseState(live.phaseState).phase.type).toBe("ended");

    const which = rows.filter((r) => r.activityIndex === 2);
    expect(which.every((r) => r.correctStep === 6 && (r.pickedStep === 6 || r.pickedStep === 3))).toBe(true);
  });
});
