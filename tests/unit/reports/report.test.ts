import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type PrismaClient } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { deleteSession, listHistory, loadDeckRuns, loadReportRows } from "@/lib/db/reports";
import { ActivityLabeler, answerLabel, compareSessions, computeReport, fallbackLabels, type SessionReport } from "@/lib/reports";
import { tempDir } from "../platform/helpers";
import { createFixtureCatalog, FIXTURE } from "./support/fixture-catalog";
import { NICK_FORMULA, seedClassSession, seedDeck, seedInstructor } from "./support/seed";

/** Every expected number below is computed by hand from the table in support/seed.ts. */
describe("session report from a seeded database", () => {
  const t = tempDir("irsa-report-");
  const url = `file:${path.join(t.dir, "report.db")}`;
  let prisma: PrismaClient;
  let instructorId: string;
  let otherId: string;
  let deckId: string;
  let sessionId: string;
  let ids: Record<string, string>;
  let report: SessionReport;
  const catalog = createFixtureCatalog();
  const labeler = new ActivityLabeler(catalog);

  beforeAll(async () => {
    await migrateDatabase(url);
    prisma = createPrisma(url);
    instructorId = await seedInstructor(prisma, "ada@example.edu");
    otherId = await seedInstructor(prisma, "eve@example.edu");
    deckId = await seedDeck(prisma, instructorId);
    ({ sessionId, ids } = await seedClassSession(prisma, { instructorId, deckId }));
    const rows = await loadReportRows(prisma, sessionId, { instructorId });
    expect(rows).not.toBeNull();
    report = computeReport(rows!, await labeler.label(rows!.session.activities));
  });
  afterAll(async () => {
    await prisma.$disconnect();
    t.cleanup();
  });

  it("reads only the owner's session", async () => {
    expect(await loadReportRows(prisma, sessionId, { instructorId: otherId })).toBeNull();
    expect(await loadReportRows(prisma, "nope", { instructorId })).toBeNull();
    expect(await loadReportRows(prisma, sessionId, { participantId: ids.Ana! })).not.toBeNull();
    expect(await loadReportRows(prisma, sessionId, { participantId: "someone-else" })).toBeNull();
  });

  it("summarises the session", () => {
    expect(report.session).toMatchObject({
      id: sessionId,
      code: "ABCDEF",
      deckTitle: "IRSA pitfalls — week 3",
      status: "ended",
      activityCount: 3,
      activitiesReached: 3,
      participants: 4,
      kicked: 1,
    });
    // (3 + 1 + 1 + 0) correct of 4 participants × 3 activities
    expect(report.session.averageAccuracy).toBeCloseTo(5 / 12, 10);
  });

  it("ranks like the live leaderboard and shows accuracy beside the points", () => {
    expect(
      report.leaderboard.map((r) => [r.rank, r.nickname, r.score, r.correct, r.answered, r.total, r.accuracy, r.answeredAccuracy]),
    ).toEqual([
      [1, "Ana", 3150, 3, 3, 3, 1, 1],
      [2, "Ben", 983, 1, 3, 3, 1 / 3, 1 / 3],
      [3, NICK_FORMULA, 950, 1, 2, 3, 1 / 3, 1 / 2],
      [4, "Eve", 0, 0, 0, 3, 0, null],
    ]);
  });

  it("computes each activity's distribution, share correct, median time and top wrong answer", () => {
    const [a0, a1, a2] = report.activities;
    expect(a0).toMatchObject({
      title: FIXTURE.pitfall.title,
      known: true,
      eligible: 4,
      answered: 3,
      correct: 2,
      medianTimeMs: 3000,
      testedStep: 3,
      topWrongStep: null,
    });
    expect(a0!.shareCorrect).toBeCloseTo(2 / 3, 10);
    expect(a0!.distribution.map((d) => [d.key, d.count, d.correct])).toEqual([
      ["a", 1, false],
      ["b", 2, true],
      ["c", 0, false],
      ["d", 0, false],
    ]);
    expect(a0!.topWrong).toEqual({
      key: "a",
      label: FIXTURE.pitfall.choices[0].text,
      count: 1,
      misconception: FIXTURE.pitfall.misconceptions.a,
    });

    expect(a1).toMatchObject({ answered: 2, correct: 1, shareCorrect: 0.5, medianTimeMs: 5000, testedStep: 6 });
    expect(a1!.topWrongStep).toEqual({ step: 4, title: "AssumeRoleWithWebIdentity request", count: 1 });
    expect(a1!.topWrong).toMatchObject({ key: "4", count: 1, misconception: FIXTURE.flow.explanation });
    expect(a1!.distribution).toHaveLength(9);
    expect(a1!.distribution.filter((d) => d.count > 0).map((d) => [d.key, d.count, d.correct])).toEqual([
      ["4", 1, false],
      ["6", 1, true],
    ]);

    // Not in the bank: raw ids as labels, correctness as the server judged it.
    expect(a2).toMatchObject({ title: "missing/gone-scenario", known: false, answered: 3, correct: 2, medianTimeMs: 2000, testedStep: null });
    expect(a2!.distribution.map((d) => [d.label, d.count, d.correct])).toEqual([
      ["x", 2, true],
      ["y", 1, false],
    ]);
    expect(a2!.topWrong).toEqual({ key: "y", label: "y", count: 1, misconception: null });
  });

  it("lists every answer of every student with its streak", () => {
    const ben = report.students.find((s) => s.nickname === "Ben")!;
    expect(ben.answers.map((a) => [answerLabel(report.activities[a.activityIndex]!, a.answerKey), a.correct, a.timeTakenMs, a.points, a.streakBonus, a.streak])).toEqual([
      [FIXTURE.pitfall.choices[0].text, false, 5000, 0, 0, 0],
      ["Step 4 — AssumeRoleWithWebIdentity request", false, 6000, 0, 0, 0],
      ["x", true, 1000, 983, 0, 1],
    ]);
    const ana = report.students.find((s) => s.nickname === "Ana")!;
    expect(ana.answers.map((a) => a.streak)).toEqual([1, 2, 3]);
    expect(ana.bestStreak).toBe(3);
    expect(report.activities[0]!.explanation).toBe(FIXTURE.pitfall.explanation);
    const cmd = report.students.find((s) => s.nickname === NICK_FORMULA)!;
    expect(cmd.answers.map((a) => [a.answered, a.streak])).toEqual([
      [true, 1],
      [false, 0],
      [true, 0],
    ]);
    expect(report.students.some((s) => s.nickname === "Dee")).toBe(false);
  });

  it("places the class on the nine steps", () => {
    const byStep = Object.fromEntries(report.steps.map((s) => [s.step, s]));
    expect(report.steps).toHaveLength(9);
    expect(byStep[3]).toMatchObject({ answered: 3, correct: 2, wrongPicks: 0, activities: 1 });
    expect(byStep[3]!.accuracy).toBeCloseTo(2 / 3, 10);
    expect(byStep[6]).toMatchObject({ answered: 2, correct: 1, accuracy: 0.5, activities: 1 });
    expect(byStep[4]).toMatchObject({ answered: 0, accuracy: null, wrongPicks: 1 });
    expect(report.steps.filter((s) => s.accuracy !== null).map((s) => s.step)).toEqual([3, 6]);
  });

  it("still opens without a scenario bank (raw ids as labels)", async () => {
    const rows = await loadReportRows(prisma, sessionId, { instructorId });
    const bare = computeReport(rows!, rows!.session.activities.map(fallbackLabels));
    expect(bare.activities.map((a) => a.title)).toEqual([FIXTURE.pitfall.scenarioId, FIXTURE.flow.scenarioId, "missing/gone-scenario"]);
    expect(bare.leaderboard.map((r) => r.score)).toEqual(report.leaderboard.map((r) => r.score));
    expect(bare.activities[1]!.testedStep).toBe(6); // from Response.correctStep
  });

  it("prepares each scenario once per labeler", async () => {
    const before = catalog.prepared;
    await labeler.label((await loadReportRows(prisma, sessionId, { instructorId }))!.session.activities);
    expect(catalog.prepared).toBe(before + 1); // only the missing scenario is tried again
  });

  it("lists the history newest first with average accuracy, and filters by title and date", async () => {
    const later = await seedClassSession(prisma, { instructorId, deckId, code: "GHJKLM", createdAt: new Date("2026-11-09T09:00:00Z") });
    const history = await listHistory(prisma, instructorId);
    expect(history.map((h) => h.sessionId)).toEqual([later.sessionId, sessionId]);
    expect(history[1]).toMatchObject({ participants: 4, answers: 8, activityCount: 3, deckTitle: "IRSA pitfalls — week 3" });
    expect(history[1]!.averageAccuracy).toBeCloseTo(5 / 12, 10);
    expect(await listHistory(prisma, otherId)).toEqual([]);
    expect((await listHistory(prisma, instructorId, { q: "week 3" })).length).toBe(2);
    expect((await listHistory(prisma, instructorId, { q: "week 4" })).length).toBe(0);
    const nov9 = await listHistory(prisma, instructorId, {
      from: new Date("2026-11-09T00:00:00Z"),
      to: new Date("2026-11-10T00:00:00Z"),
    });
    expect(nov9.map((h) => h.sessionId)).toEqual([later.sessionId]);

    const runs = await loadDeckRuns(prisma, deckId, instructorId);
    const labels = new Map(
      (await labeler.label(runs!.sessions[0]!.activities)).map((l) => [`${l.kind}:${l.scenarioId}`, l]),
    );
    const cmp = compareSessions(runs!.deck, runs!.sessions, (s) => labels.get(`${s.kind}:${s.scenarioId}`)!);
    expect(cmp.sessions.map((s) => s.id)).toEqual([sessionId, later.sessionId]);
    expect(cmp.rows.map((r) => [r.title, r.cells.map((c) => c && [c.correct, c.answered])])).toEqual([
      [FIXTURE.pitfall.title, [[2, 3], [2, 3]]],
      [FIXTURE.flow.title, [[1, 2], [1, 2]]],
      ["missing/gone-scenario", [[2, 3], [2, 3]]],
    ]);
    expect(await loadDeckRuns(prisma, deckId, otherId)).toBeNull();
  });

  it("deletes an ended session with its data, refuses a live one and another's", async () => {
    const live = await seedClassSession(prisma, { instructorId, deckId, code: "LIVEAA", status: "live" });
    expect(await deleteSession(prisma, live.sessionId, instructorId)).toEqual({ ok: false, reason: "LIVE" });
    const liveRows = await loadReportRows(prisma, live.sessionId, { instructorId });
    expect(liveRows!.session.reached).toBe(3);

    const doomed = await seedClassSession(prisma, { instructorId, deckId, code: "DOOMED" });
    expect(await deleteSession(prisma, doomed.sessionId, otherId)).toEqual({ ok: false, reason: "NOT_FOUND" });
    expect(await deleteSession(prisma, doomed.sessionId, instructorId)).toEqual({ ok: true });
    expect(await prisma.participant.count({ where: { sessionId: doomed.sessionId } })).toBe(0);
    expect(await prisma.response.count({ where: { sessionId: doomed.sessionId } })).toBe(0);
    expect(await prisma.response.count({ where: { sessionId } })).toBe(9);
  });
});

describe("the packed response read", () => {
  it("gives back exactly what Prisma wrote", async () => {
    const t = tempDir("irsa-report-packed-");
    const url = `file:${path.join(t.dir, "p.db")}`;
    await migrateDatabase(url);
    const prisma = createPrisma(url);
    try {
      const instructorId = await seedInstructor(prisma, "p@example.edu");
      const deckId = await seedDeck(prisma, instructorId);
      const { sessionId } = await seedClassSession(prisma, { instructorId, deckId });
      const viaPrisma = await prisma.response.findMany({ where: { sessionId } });
      const rows = (await loadReportRows(prisma, sessionId, { instructorId }))!;
      const key = (r: { participantId: string; activityIndex: number }) => `${r.participantId}/${r.activityIndex}`;
      const packed = new Map(rows.responses.map((r) => [key(r), r]));
      expect(packed.size).toBe(viaPrisma.length);
      for (const r of viaPrisma) {
        expect(packed.get(key(r))).toEqual({
          participantId: r.participantId,
          activityIndex: r.activityIndex,
          answer: JSON.parse(r.answer) as unknown,
          correct: r.correct,
          points: r.points,
          streakBonus: r.streakBonus,
          timeTakenMs: r.timeTakenMs,
          pickedStep: r.pickedStep,
          correctStep: r.correctStep,
          createdAt: r.createdAt,
        });
      }
    } finally {
      await prisma.$disconnect();
      t.cleanup();
    }
  });
});
