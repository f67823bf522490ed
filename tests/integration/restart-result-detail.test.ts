import { afterEach, describe, expect, it } from "vitest";
import type { Answer, HostView, ParticipantView } from "@/lib/contract";
import { createCatalog } from "@/lib/activities/catalog";
import { createPrisma } from "@/lib/db/client";
import type { AppServer } from "@/server/app-server";
import type { PreparedActivity } from "@/lib/activities/types";
import type { StoredResponse, StoredSession } from "@/lib/db/sessions";
import { initialState } from "@/lib/quiz";
import { Room, type RoomTransport } from "@/server/rooms/room";
import { createTestDb, seedSession, startTestServer, TestClient, TestClock, untilAll, type TestDb } from "./support/harness";

/**
 * A result's detail (partial credit, the simulator's verdict on one's own submission) is not stored: a restarted
 * server checks each stored answer again with the activity's checker. The phone's reveal must read the same after a
 * restart as before it — restarted during the reveal itself, and restarted while the question was still open.
 */
const DECK = [
  { scenarioId: "node-role/frontend-after", kind: "node-role" as const, timeLimitSec: 60, pointsMultiplier: 1 },
  { scenarioId: "pitfalls/20-sub-namespace-typo", kind: "chain-fix" as const, timeLimitSec: 60, pointsMultiplier: 1 },
  { scenarioId: "pitfalls/17-audience-typo", kind: "which-step" as const, timeLimitSec: 60, pointsMultiplier: 1 },
];
const PARTIAL: Answer = { kind: "node-role", selected: ["assets-read", "users-read"] }; // Jaccard 1/2
const FULL: Answer = { kind: "node-role", selected: ["assets-read"] };
const CHAIN_WRONG: Answer = { kind: "chain-fix", fields: { saName: "billing" } };
const CHAIN_RIGHT: Answer = { kind: "chain-fix", fields: { subValue: "system:serviceaccount:payments:billing-svc" } };
const STEP_WRONG_CODE: Answer = { kind: "which-step", step: 5, errorCode: "AccessDenied" }; // right step, wrong code: credit 0.5
const STEP_RIGHT: Answer = { kind: "which-step", step: 5, errorCode: "InvalidIdentityToken" };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});
const track = (c: TestClient): TestClient => {
  cleanups.push(() => c.close());
  return c;
};
const phaseOf = (c: TestClient) => (c.view as ParticipantView).phase;
const at = (c: TestClient, type: string, index: number) => {
  const p = c.view?.phase;
  return p?.type === type && "activityIndex" in p && p.activityIndex === index;
};

describe("a result's detail after a restart", () => {
  it("is rebuilt from the stored answers: the phone's reveal shows the same credit and verdict", async () => {
    const clock = new TestClock();
    const db: TestDb = await createTestDb();
    cleanups.push(() => db.cleanup());
    const session = await seedSession(db.prisma, { deck: DECK });
    let server: AppServer = await startTestServer(db.prisma, { clock, catalog: await createCatalog() });
    let closeServer = () => server.close();
    cleanups.push(() => closeServer());
    let prisma = db.prisma;

    let host = track(new TestClient(server.url, { cookie: session.cookie }));
    let ada = track(new TestClient(server.url));
    let bob = track(new TestClient(server.url));
    await Promise.all([host.connected(), ada.connected(), bob.connected()]);
    expect((await host.emit<HostView>("host:watch", { sessionId: session.sessionId })).ok).toBe(true);
    expect((await ada.join(session.code, "Ada")).ok).toBe(true);
    expect((await bob.join(session.code, "Bob")).ok).toBe(true);

    /** A new process on the same database; everyone comes back with their token or cookie. */
    const restart = async () => {
      await server.abandon();
      await prisma.$disconnect();
      prisma = createPrisma(db.url);
      const p = prisma;
      cleanups.push(() => p.$disconnect());
      // A fresh catalog, as a new process has: its checks must agree with the first one's.
      server = await startTestServer(prisma, { clock, catalog: await createCatalog() });
      closeServer = () => server.close();
      await untilAll([host, ada, bob], (c) => !c.socket.connected, "the old connections to drop");
      host = track(new TestClient(server.url, { cookie: session.cookie }));
      ada = track(new TestClient(server.url, { token: ada.token! }));
      bob = track(new TestClient(server.url, { token: bob.token! }));
      await Promise.all([host.connected(), ada.connected(), bob.connected()]);
      expect((await host.emit<HostView>("host:watch", { sessionId: session.sessionId })).ok).toBe(true);
      await untilAll([ada, bob], (c) => c.view !== null, "each phone's screen after the restart");
    };

    // 1. Restart during a reveal: node-role, partial credit.
    expect((await host.command(session.sessionId, { type: "start" })).ok).toBe(true);
    await untilAll([ada, bob], (c) => at(c, "question", 0), "question 1");
    clock.advance(2_000);
    expect((await ada.answer({ activityIndex: 0, answer: PARTIAL })).ok).toBe(true);
    expect((await bob.answer({ activityIndex: 0, answer: FULL })).ok).toBe(true);
    expect((await host.command(session.sessionId, { type: "reveal" })).ok).toBe(true);
    await untilAll([ada, bob], (c) => at(c, "reveal", 0) && c.view?.me.lastResult !== null, "reveal 1");
    const before1 = { ada: ada.view!.me.lastResult, bob: bob.view!.me.lastResult };
    expect(before1.ada).toMatchObject({ correct: false, credit: 0.5 });
    expect(before1.ada!.points).toBeGreaterThan(0);
    expect(before1.bob).toMatchObject({ correct: true });

    await restart();
    expect(phaseOf(ada).type).toBe("reveal");
    expect(ada.view!.me.lastResult).toEqual(before1.ada);
    expect(bob.view!.me.lastResult).toEqual(before1.bob);

    // 2. Restart while the question is open, then reveal: chain-fix, the simulator's verdict on each submission.
    expect((await host.command(session.sessionId, { type: "next" })).ok).toBe(true);
    await untilAll([ada, bob], (c) => at(c, "question", 1), "question 2");
    clock.advance(3_000);
    expect((await ada.answer({ activityIndex: 1, answer: CHAIN_WRONG })).ok).toBe(true);
    expect((await bob.answer({ activityIndex: 1, answer: CHAIN_RIGHT })).ok).toBe(true);
    await restart();
    expect(at(ada, "question", 1)).toBe(true);
    expect(ada.view!.me.answered).toEqual(CHAIN_WRONG);
    expect((await host.command(session.sessionId, { type: "reveal" })).ok).toBe(true);
    await untilAll([ada, bob], (c) => at(c, "reveal", 1) && c.view?.me.lastResult !== null, "reveal 2");

    // What the live path would have shown: the same checker on the same answer, on a catalog of its own.
    const prepared = await (await createCatalog()).prepare({ ...DECK[1]!, config: {} });
    const rows = await prisma.response.findMany({ where: { sessionId: session.sessionId, activityIndex: 1 }, include: { participant: true } });
    const row = (nickname: string) => rows.find((r) => r.participant.nickname === nickname)!;
    const adaCheck = await prepared.check(CHAIN_WRONG);
    const bobCheck = await prepared.check(CHAIN_RIGHT);
    expect(adaCheck.verdict).toMatch(/^With your fields the flow fails at step 1 \(Forbidden\): /);
    expect(ada.view!.me.lastResult).toEqual({ correct: false, points: 0, streakBonus: 0, verdict: adaCheck.verdict });
    expect(bob.view!.me.lastResult).toEqual({ correct: true, points: row("Bob").points, streakBonus: row("Bob").streakBonus, verdict: bobCheck.verdict });
    expect(bob.view!.me.lastResult!.verdict).toContain("succeeds");

    // 3. The same check on a live path and after a restart: which-step, half credit for a wrong error code.
    expect((await host.command(session.sessionId, { type: "next" })).ok).toBe(true);
    await untilAll([ada, bob], (c) => at(c, "question", 2), "question 3");
    clock.advance(1_000);
    expect((await ada.answer({ activityIndex: 2, answer: STEP_WRONG_CODE })).ok).toBe(true);
    expect((await bob.answer({ activityIndex: 2, answer: STEP_RIGHT })).ok).toBe(true);
    expect((await host.command(session.sessionId, { type: "reveal" })).ok).toBe(true);
    await untilAll([ada, bob], (c) => at(c, "reveal", 2) && c.view?.me.lastResult !== null, "reveal 3");
    const before3 = { ada: ada.view!.me.lastResult, bob: bob.view!.me.lastResult };
    expect(before3.ada).toMatchObject({ correct: true, credit: 0.5 });
    await restart();
    expect(ada.view!.me.lastResult).toEqual(before3.ada);
    expect(bob.view!.me.lastResult).toEqual(before3.bob);
    // The leaderboard that follows still carries the result (it is shown there too).
    expect((await host.command(session.sessionId, { type: "leaderboard" })).ok).toBe(true);
    await ada.until(() => phaseOf(ada).type === "leaderboard", "the leaderboard");
    expect(ada.view!.me.lastResult).toEqual(before3.ada);
  }, 60_000);
});

describe("Room.restore", () => {
  /** A which-step activity whose checker says step 5 is right, with a verdict, or throws for step 9. */
  const activity = (checks: { n: number }): PreparedActivity => ({
    spec: { kind: "which-step", scenarioId: "x", config: {}, timeLimitSec: 30, pointsMultiplier: 1 },
    title: "x",
    prompt: { kind: "which-step", title: "x", prompt: "x", panels: [], steps: [], errorCodes: [] },
    reveal: { correct: { kind: "which-step", step: 5 }, correctLabel: "5", explanation: "", panels: [] },
    async check(answer) {
      checks.n++;
      if (answer.kind !== "which-step") return { correct: false, credit: 0 };
      if (answer.step === 9) throw new Error("the simulator refused");
      return { correct: answer.step === 5, credit: answer.step === 5 ? 0.5 : 0, verdict: `step ${answer.step}`, pickedStep: answer.step, correctStep: 5 };
    },
    distributionKey: (a) => ("step" in a ? String(a.step) : "(other)"),
  });
  const session: StoredSession = {
    id: "s1", code: "ABCDEF", instructorId: "i1", deckTitle: "Deck",
    activities: [{ kind: "which-step", scenarioId: "x", config: {}, timeLimitSec: 30, pointsMultiplier: 1 }],
    scoring: "speed", status: "live",
    state: { ...initialState([30], { allowLateJoin: true }), phase: { type: "reveal", activityIndex: 0 } },
    createdAt: new Date(),
  };
  const participant = (id: string) => ({ id, nickname: id, score: 0, streak: 0, kicked: false, joinedAt: new Date() });
  const response = (participantId: string, step: number, over: Partial<StoredResponse> = {}): StoredResponse => ({
    participantId, activityIndex: 0, answer: { kind: "which-step", step }, correct: step === 5, points: step === 5 ? 900 : 0, streakBonus: 0, timeTakenMs: 1000, pickedStep: step, correctStep: 5, ...over,
  });
  const transport: RoomTransport = { toParticipant: () => undefined, toAllParticipants: () => undefined, toHosts: () => undefined, hasHosts: () => false, kick: () => undefined };

  it("re-checks every stored answer; one whose check disagrees with its row, or throws, keeps the row's result without detail", async () => {
    const checks = { n: 0 };
    const warnings: { message: string; context: unknown }[] = [];
    const room = await Room.restore(
      {
        session,
        participants: ["agrees", "legacy-row", "flipped", "moved-step", "throws"].map(participant),
        responses: [
          response("agrees", 5),
          // A row written before pickedStep was loaded: nothing to compare but correctness.
          response("legacy-row", 5, { pickedStep: undefined, correctStep: undefined }),
          // The bank changed between two versions: the stored row says correct, the check says no.
          response("flipped", 4, { correct: true, points: 800 }),
          response("moved-step", 5, { correctStep: 6 }),
          response("throws", 9),
        ],
      },
      [activity(checks)],
      {
        store: { createParticipant: () => Promise.reject(new Error("no")), savePhase: async () => undefined, kickParticipant: async () => undefined },
        answers: { write: async () => undefined },
        transport,
        clock: { now: () => 1_800_000_000_000 },
        log: { error: () => undefined, info: () => undefined, warn: (message, context) => void warnings.push({ message, context }) },
        joinUrl: (c) => c,
      },
    );
    room.dispose();
    expect(checks.n).toBe(5);
    const result = (id: string) => room.participantView(id)?.me.lastResult;
    expect(result("agrees")).toEqual({ correct: true, points: 900, streakBonus: 0, credit: 0.5, verdict: "step 5" });
    expect(result("legacy-row")).toEqual({ correct: true, points: 900, streakBonus: 0, credit: 0.5, verdict: "step 5" });
    expect(result("flipped")).toEqual({ correct: true, points: 800, streakBonus: 0 });
    expect(result("moved-step")).toEqual({ correct: true, points: 900, streakBonus: 0 });
    expect(result("throws")).toEqual({ correct: false, points: 0, streakBonus: 0 });
    // One line per activity and kind of problem (not one per answer): the two rows that disagree, the one that threw.
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({ message: expect.stringContaining("no longer agrees") as string, context: { activityIndex: 0, answers: 2 } });
    expect(warnings[1]).toMatchObject({ message: expect.stringContaining("could not be checked again") as string, context: { activityIndex: 0, answers: 1 } });
  });
});
