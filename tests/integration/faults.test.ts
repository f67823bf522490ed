import { io as connect } from "socket.io-client";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Ack, HostView, ParticipantView, PhaseUpdate } from "@/lib/contract";
import { applyMeUpdate, applyPhaseUpdate, type MeUpdate } from "@/lib/contract";
import { PARTICIPANT_TOKEN_TTL_SECONDS } from "@/lib/auth/tokens";
import { createPrisma } from "@/lib/db/client";
import type { AppServer } from "@/server/app-server";
import { ANSWER_GRACE_MS } from "@/lib/quiz";
import { seededRandom } from "../bench/support/proc";
import {
  createTestDb,
  seedSession,
  startTestServer,
  TestClient,
  TestClock,
  untilAll,
  type ClientSocket,
  type DeckActivityInput,
  type TestDb,
} from "./support/harness";
import { TEST_SCENARIOS } from "./support/test-catalog";

/**
 * Issue 6, "Faults" (the SIGKILL case is sigkill.test.ts and resilience.test.ts): students who drop and come back,
 * a question nobody answers, an instructor who leaves and returns, a session left open overnight.
 */

const RIGHT = { kind: "pitfall" as const, choiceId: "a" };
const WRONG = { kind: "pitfall" as const, choiceId: "d" };
const pitfall = (i: number, timeLimitSec: number): DeckActivityInput => ({
  scenarioId: TEST_SCENARIOS[i % 2]!,
  kind: "pitfall",
  timeLimitSec,
  pointsMultiplier: 1,
});
const rightFor = (q: number) => (q % 2 === 0 ? RIGHT : { kind: "pitfall" as const, choiceId: "b" });

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function track<T extends { close(): void }>(c: T): T {
  cleanups.push(() => c.close());
  return c;
}

async function setUp(deck: DeckActivityInput[], clock?: TestClock) {
  const db: TestDb = await createTestDb();
  cleanups.push(() => db.cleanup());
  const session = await seedSession(db.prisma, { deck });
  const server = await startTestServer(db.prisma, { clock });
  cleanups.push(() => server.close());
  const host = track(new TestClient(server.url, { cookie: session.cookie }));
  await host.connected();
  expect((await host.emit("host:watch", { sessionId: session.sessionId })).ok).toBe(true);
  return { db, session, server, host };
}

async function joinStudents(url: string, code: string, n: number, prefix = "Student"): Promise<TestClient[]> {
  const students = Array.from({ length: n }, () => track(new TestClient(url)));
  await Promise.all(students.map((s) => s.connected()));
  const acks = await Promise.all(students.map((s, i) => s.join(code, `${prefix} ${i}`)));
  for (const a of acks) expect(a.ok, JSON.stringify(a)).toBe(true);
  return students;
}

/** Every participant's stored score is the sum of their stored points: nothing lost, nothing counted twice. */
async function expectScoresAddUp(db: TestDb, sessionId: string) {
  const participants = await db.prisma.participant.findMany({ where: { sessionId }, include: { responses: true } });
  for (const p of participants) {
    const sum = p.responses.reduce((total, r) => total + r.points + r.streakBonus, 0);
    expect(p.score, `score of ${p.nickname}`).toBe(sum);
    expect(new Set(p.responses.map((r) => r.activityIndex)).size, `one answer per activity for ${p.nickname}`).toBe(p.responses.length);
  }
  return participants;
}

/**
 * A phone with socket.io's own reconnection (as the app's client): a dropped network comes back by itself,
 * with connection state recovery when it can, else through the token in `auth`.
 */
class Phone {
  readonly socket: ClientSocket;
  view: ParticipantView | null = null;
  token: string | null = null;
  recovered = 0;
  reconnects = 0;

  constructor(url: string) {
    this.socket = connect(url, {
      transports: ["websocket"],
      forceNew: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
      auth: (cb: (data: object) => void) => cb(this.token ? { participantToken: this.token } : {}),
    }) as ClientSocket;
    this.socket.on("connect", () => {
      if (this.socket.recovered) this.recovered++;
    });
    this.socket.io.on("reconnect", () => this.reconnects++);
    this.socket.on("session:view", (v) => (this.view = v));
    this.socket.on("session:phase", (u: PhaseUpdate) => {
      if (this.view) this.view = applyPhaseUpdate(this.view, u);
    });
    this.socket.on("session:me", (u: MeUpdate) => {
      if (this.view) this.view = applyMeUpdate(this.view, u);
    });
  }

  emit<T>(event: string, payload: unknown): Promise<Ack<T>> {
    return new Promise((resolve) => (this.socket as unknown as { emit(e: string, p: unknown, cb: (r: Ack<T>) => void): void }).emit(event, payload, resolve));
  }

  /**
   * The network drops under the phone (not a clean disconnect): the connection is cut at the server's end, the
   * phone sees "transport close" and socket.io reconnects by itself.
   */
  drop(server: AppServer): void {
    server.realtime.io.of("/").sockets.get(this.socket.id ?? "")?.conn.close();
  }

  async until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const start = Date.now();
    while (!predicate()) {
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  close(): void {
    this.socket.disconnect();
  }
}

describe("students who drop and come back", () => {
  it("1 in 5 drop at random moments (seeded); nobody loses points or gets a second answer in", async () => {
    const QUESTIONS = 3;
    const N = 20;
    const clock = new TestClock();
    const { db, session, server, host } = await setUp(
      Array.from({ length: QUESTIONS }, (_, q) => pitfall(q, 60)),
      clock,
    );
    const random = seededRandom(2026);
    // Some droppers are phones whose network blips (socket.io reconnects, recovering the connection); the
    // others reload the page (a new socket presenting the stored participant token).
    const phones = Array.from({ length: N }, () => track(new Phone(server.url)));
    await Promise.all(phones.map((p) => new Promise<void>((r) => (p.socket.connected ? r() : p.socket.once("connect", () => r())))));
    for (const [i, p] of phones.entries()) {
      const r = await p.emit<{ participantToken: string; view: ParticipantView }>("session:join", { code: session.code, nickname: `Kid ${i}` });
      expect(r.ok).toBe(true);
      if (r.ok) {
        p.token = r.data.participantToken;
        p.view = r.data.view;
      }
    }
    const droppers = new Set<number>();
    while (droppers.size < N / 5) droppers.add(Math.floor(random() * N));
    // Each dropper is one kind of phone all along: odd ones blip, even ones reload.
    const howOf = (i: number) => (i % 2 === 1 ? ("blip" as const) : ("reload" as const));
    const moments = ["before answering", "answer in flight", "after the ack", "during the reveal"] as const;
    const reloaded = new Map<number, TestClient>();
    const seenScore = new Map<number, number>();

    const comeBack = async (i: number, how: "blip" | "reload") => {
      const before = phones[i]!.view?.me.score ?? 0;
      if (how === "blip") {
        const reconnects = phones[i]!.reconnects;
        phones[i]!.drop(server);
        await phones[i]!.until(() => phones[i]!.socket.connected && phones[i]!.reconnects > reconnects, `Kid ${i} to reconnect`);
        await phones[i]!.until(() => phones[i]!.view !== null, `Kid ${i}'s screen`);
        expect(phones[i]!.view!.me.score, `Kid ${i} kept their points`).toBeGreaterThanOrEqual(before);
      } else {
        (reloaded.get(i) ?? phones[i]!).close();
        const back = track(new TestClient(server.url, { token: phones[i]!.token! }));
        await back.connected();
        await back.until(() => back.view !== null, `Kid ${i}'s screen after a reload`);
        expect(back.view!.me.score, `Kid ${i} kept their points`).toBeGreaterThanOrEqual(before);
        reloaded.set(i, back);
      }
    };
    const answerOf = (i: number): ((payload: unknown) => Promise<Ack<unknown>>) => {
      const r = reloaded.get(i);
      return r ? (p) => r.emit("answer:submit", p) : (p) => phones[i]!.emit("answer:submit", p);
    };
    const viewOf = (i: number) => reloaded.get(i)?.view ?? phones[i]!.view;

    for (let q = 0; q < QUESTIONS; q++) {
      expect((await host.command(session.sessionId, { type: q === 0 ? "start" : "next" })).ok).toBe(true);
      await Promise.all(
        Array.from({ length: N }, (_, i) => i).map(async (i) => {
          const phone = { until: (f: () => boolean, w: string) => (reloaded.get(i) ?? phones[i]!).until(f, w) };
          await phone.until(() => viewOf(i)?.phase.type === "question" && viewOf(i)!.phase.type === "question" && (viewOf(i)!.phase as { activityIndex: number }).activityIndex === q, `question ${q} on Kid ${i}`);
        }),
      );
      clock.advance(2_000);
      const dropping = [...droppers].map((i) => ({ i, moment: moments[Math.floor(random() * moments.length)]!, how: howOf(i) }));
      const answerPayload = (i: number) => ({ activityIndex: q, answer: i % 3 === 0 ? WRONG : rightFor(q) });

      await Promise.all(
        Array.from({ length: N }, (_, i) => i).map(async (i) => {
          const d = dropping.find((x) => x.i === i);
          if (!d) {
            const r = await answerOf(i)(answerPayload(i));
            expect(r.ok, `Kid ${i} q${q}: ${JSON.stringify(r)}`).toBe(true);
            return;
          }
          if (d.moment === "before answering") {
            await comeBack(i, d.how);
            const r = await answerOf(i)(answerPayload(i));
            expect(r.ok).toBe(true);
          } else if (d.moment === "answer in flight") {
            const first = answerOf(i)(answerPayload(i));
            await comeBack(i, d.how);
            void first;
            // No ack came (or it did): the phone sends it again. It counts once either way.
            const again = await answerOf(i)(answerPayload(i));
            expect(again.ok || (!again.ok && again.error.code === "ALREADY_ANSWERED"), JSON.stringify(again)).toBe(true);
          } else if (d.moment === "after the ack") {
            expect((await answerOf(i)(answerPayload(i))).ok).toBe(true);
            await comeBack(i, d.how);
            const again = await answerOf(i)({ activityIndex: q, answer: WRONG });
            expect(!again.ok && again.error.code, "a second answer after coming back").toBe("ALREADY_ANSWERED");
            expect(viewOf(i)!.me.answered).toEqual(answerPayload(i).answer);
          } else {
            expect((await answerOf(i)(answerPayload(i))).ok).toBe(true);
          }
        }),
      );
      expect((await host.command(session.sessionId, { type: "reveal" })).ok).toBe(true);
      for (const d of dropping.filter((x) => x.moment === "during the reveal")) await comeBack(d.i, d.how);
      await Promise.all(
        Array.from({ length: N }, (_, i) => i).map((i) =>
          (reloaded.get(i) ?? phones[i]!).until(() => viewOf(i)?.phase.type === "reveal" && viewOf(i)!.me.lastResult !== null, `reveal ${q} on Kid ${i}`),
        ),
      );
      for (let i = 0; i < N; i++) {
        const score = viewOf(i)!.me.score;
        expect(score, `Kid ${i} never loses points`).toBeGreaterThanOrEqual(seenScore.get(i) ?? 0);
        seenScore.set(i, score);
      }
    }

    const participants = await expectScoresAddUp(db, session.sessionId);
    const rows = await db.prisma.response.findMany({ where: { sessionId: session.sessionId } });
    expect(rows).toHaveLength(N * QUESTIONS);
    for (let i = 0; i < N; i++) {
      const p = participants.find((x) => x.nickname === `Kid ${i}`)!;
      expect(viewOf(i)!.me.score, `Kid ${i}'s phone shows the stored score`).toBe(p.score);
    }
    // The blips really were recovered connections or token rejoins, never new participants.
    expect(participants).toHaveLength(N);
    expect(host.socket.connected).toBe(true);
  });
});

describe("a question nobody answers", () => {
  it("closes by itself after the deadline and the grace; the reveal works; streaks reset", async () => {
    // Real clock: the auto-close timer and the deadline check must agree on time.
    const { db, session, server, host } = await setUp([pitfall(0, 60), pitfall(1, 1), pitfall(0, 60)]);
    const students = await joinStudents(server.url, session.code, 5);
    expect((await host.command(session.sessionId, { type: "start" })).ok).toBe(true);
    await untilAll(students, (s) => s.view?.phase.type === "question", "question 0");
    for (const s of students) expect((await s.answer({ activityIndex: 0, answer: RIGHT })).ok).toBe(true);
    expect((await host.command(session.sessionId, { type: "reveal" })).ok).toBe(true);
    await untilAll(students, (s) => s.view?.phase.type === "reveal" && s.view.me.streak === 1, "a streak of 1");

    const opened = Date.now();
    expect((await host.command(session.sessionId, { type: "next" })).ok).toBe(true);
    await untilAll(students, (s) => s.view?.phase.type === "question", "question 1");
    // Nobody answers. The server closes it at deadline + grace, by itself.
    await untilAll(students, (s) => s.view?.phase.type === "reveal" && s.view.phase.activityIndex === 1, "the automatic reveal");
    expect(Date.now() - opened).toBeGreaterThanOrEqual(1000 + ANSWER_GRACE_MS - 50);
    for (const s of students) {
      const phase = s.view!.phase;
      if (phase.type !== "reveal") throw new Error("not the reveal");
      expect(phase.distribution).toEqual({});
      expect(phase.reveal.correct).toEqual({ kind: "pitfall", choiceId: "b" });
      expect(s.view!.me.lastResult).toBeNull();
      expect(s.view!.me.streak, "a missed question breaks the streak").toBe(0);
    }
    await host.until(() => host.hostView?.phase.type === "reveal" && host.hostView.progress?.answered === 0, "the dashboard's reveal");
    const late = await students[0]!.answer({ activityIndex: 1, answer: RIGHT });
    expect(!late.ok && late.error.code).toBe("PHASE_CLOSED");
    const stored = await db.prisma.participant.findMany({ where: { sessionId: session.sessionId } });
    expect(stored.every((p) => p.streak === 0 && p.score > 0)).toBe(true);

    // The session goes on: leaderboard, then the next question, where the streak bonus starts again from nothing.
    expect((await host.command(session.sessionId, { type: "leaderboard" })).ok).toBe(true);
    expect((await host.command(session.sessionId, { type: "next" })).ok).toBe(true);
    await untilAll(students, (s) => s.view?.phase.type === "question" && s.view.phase.activityIndex === 2, "question 2");
    expect((await students[0]!.answer({ activityIndex: 2, answer: RIGHT })).ok).toBe(true);
    expect((await host.command(session.sessionId, { type: "reveal" })).ok).toBe(true);
    await students[0]!.until(() => students[0]!.view?.me.lastResult !== null && students[0]!.view?.phase.type === "reveal", "the last reveal");
    expect(students[0]!.view!.me.lastResult!.streakBonus).toBe(0);
    expect(students[0]!.view!.me.streak).toBe(1);
    await expectScoresAddUp(db, session.sessionId);
  });
});

describe("an instructor who disconnects and returns", () => {
  it("finds the same phase and the answers given meanwhile; the controls work", async () => {
    const clock = new TestClock();
    const { session, server, host } = await setUp([pitfall(0, 60), pitfall(1, 60)], clock);
    const students = await joinStudents(server.url, session.code, 6);
    expect((await host.command(session.sessionId, { type: "start" })).ok).toBe(true);
    await untilAll(students, (s) => s.view?.phase.type === "question", "the question");
    host.close(); // the laptop's Wi-Fi drops

    clock.advance(5_000);
    for (const s of students.slice(0, 4)) expect((await s.answer({ activityIndex: 0, answer: RIGHT })).ok).toBe(true);

    const back = track(new TestClient(server.url, { cookie: session.cookie }));
    await back.connected();
    const watch = await back.emit<HostView>("host:watch", { sessionId: session.sessionId });
    expect(watch.ok).toBe(true);
    if (!watch.ok) return;
    expect(watch.data.phase.type).toBe("question");
    expect(watch.data.progress).toMatchObject({ answered: 4, total: 6 });
    expect(watch.data.counts).toEqual({ joined: 6, online: 6, answeredCurrent: 4 });
    expect(watch.data.answerKey?.correct).toEqual(RIGHT);

    // Live updates reach the returned instructor, and every control works.
    expect((await students[4]!.answer({ activityIndex: 0, answer: WRONG })).ok).toBe(true);
    await back.until(() => back.hostView?.progress?.answered === 5, "the dashboard to count the new answer");
    const more = await back.command(session.sessionId, { type: "addTime", seconds: 10 });
    expect(more.ok && more.data.phase.type === "question" && more.data.phase.deadline).toBe(
      (watch.data.phase as { deadline: number }).deadline + 10_000,
    );
    expect((await back.command(session.sessionId, { type: "reveal" })).ok).toBe(true);
    await untilAll(students, (s) => s.view?.phase.type === "reveal", "the reveal");
    expect((await back.command(session.sessionId, { type: "leaderboard" })).ok).toBe(true);
    expect((await back.command(session.sessionId, { type: "next" })).ok).toBe(true);
    await untilAll(students, (s) => s.view?.phase.type === "question" && s.view.phase.activityIndex === 1, "question 1");
    // The old connection is gone for good; it receives nothing more.
    expect(host.socket.connected).toBe(false);
  });
});

describe("a session left open overnight", () => {
  /**
   * The rule: a participant token is valid for PARTICIPANT_TOKEN_TTL_SECONDS (30 days, lib/auth/tokens.ts) from the
   * join, so a phone that slept through the night rejoins the same participant, with its score, while the session
   * is live; after that it must join again with the code (as someone new). The server's timer is in server time: a question whose
   * deadline passed while nobody was there refuses answers (DEADLINE_PASSED), shows zero seconds left, and is
   * closed by the instructor — or at once when the room is loaded again (a restart), since its timer is armed
   * with what is left of the deadline, which is nothing.
   */
  it("tokens rejoin after a night, not after their lifetime; an overdue question is refused, shown as over and closed on reload", async () => {
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    const clock = new TestClock(Date.now());
    const { db, session, server, host } = await setUp([pitfall(0, 60), pitfall(1, 60)], clock);
    const students = await joinStudents(server.url, session.code, 3, "Night");
    expect((await host.command(session.sessionId, { type: "start" })).ok).toBe(true);
    await untilAll(students, (s) => s.view?.phase.type === "question", "the question");
    clock.advance(3_000);
    expect((await students[0]!.answer({ activityIndex: 0, answer: RIGHT })).ok).toBe(true);
    const score = (await db.prisma.participant.findFirstOrThrow({ where: { nickname: "Night 0" } })).score;
    expect(score).toBeGreaterThan(0);
    for (const s of students) s.close();

    // 16 hours later (the server kept running; both its clock and the wall clock moved on).
    const later = 16 * 3600 * 1000;
    clock.advance(later);
    vi.setSystemTime(Date.now() + later);
    const back = track(new TestClient(server.url, { token: students[0]!.token! }));
    await back.connected();
    await back.until(() => back.view !== null, "the screen after the night");
    expect(back.view!.me.score).toBe(score);
    const phase = back.view!.phase;
    expect(phase.type).toBe("question");
    if (phase.type === "question") expect(phase.deadline).toBeLessThan(back.view!.serverNow); // zero seconds left
    const late = track(new TestClient(server.url, { token: students[1]!.token! }));
    await late.connected();
    const refused = await late.answer({ activityIndex: 0, answer: RIGHT });
    expect(!refused.ok && refused.error.code).toBe("DEADLINE_PASSED");

    // A restart in the morning: the overdue question is closed as soon as the room is loaded.
    await server.close();
    const prisma = createPrisma(db.url);
    cleanups.push(() => prisma.$disconnect());
    const next = await startTestServer(prisma, { clock });
    cleanups.push(() => next.close());
    const morning = track(new TestClient(next.url, { token: students[2]!.token! }));
    await morning.connected();
    await morning.until(() => morning.view?.phase.type === "reveal", "the overdue question closed on reload");
    const host2 = track(new TestClient(next.url, { cookie: session.cookie }));
    await host2.connected();
    const watch = await host2.emit<HostView>("host:watch", { sessionId: session.sessionId });
    expect(watch.ok && watch.data.phase.type).toBe("reveal");
    void host;

    // Past the token's lifetime: refused with a clear message; the code still lets them join as someone new.
    vi.setSystemTime(Date.now() + PARTICIPANT_TOKEN_TTL_SECONDS * 1000);
    const expired = track(new TestClient(next.url, { token: students[1]!.token! }));
    expect(await expired.refused()).toMatchObject({ code: "UNAUTHORIZED" });
    const fresh = track(new TestClient(next.url));
    await fresh.connected();
    const rejoin = await fresh.join(session.code, "Night 1 again");
    expect(rejoin.ok).toBe(true);
  });
});
