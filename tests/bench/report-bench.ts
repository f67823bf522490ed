/**
 * `npm run bench:report`: how long a report takes for a big class — 2,000 participants × 20 activities
 * (40,000 responses) in a temp SQLite database migrated like production. Times each stage end to end:
 * the queries, the computation, and the serialisations the routes send (report JSON, both CSVs, session JSON).
 * Prints figures; asserts nothing (STYLE.md §8).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { ActivitySpec } from "@/lib/activities/types";
import { createPrisma } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { listHistory, loadDeckRuns, loadReportRows } from "@/lib/db/reports";
import { ActivityLabeler, compareSessions, computeReport, leaderboardCsv, responsesCsv, sessionJson, toReportDto } from "@/lib/reports";
import { createFixtureCatalog, FIXTURE } from "../unit/reports/support/fixture-catalog";

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 2000);
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** Deterministic pseudo-random numbers (mulberry32), so every run seeds the same class. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "irsa-report-bench-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  try {
    await migrateDatabase(url);
    const prisma = createPrisma(url);
    const random = rng(42);

    let t0 = performance.now();
    const instructor = await prisma.instructor.create({ data: { email: "bench@example.edu", name: "Bench", passwordHash: "x" } });
    const activities: ActivitySpec[] = Array.from({ length: ACTIVITIES }, (_, i) =>
      i % 2 === 0
        ? { kind: "pitfall", scenarioId: FIXTURE.pitfall.scenarioId, config: { variant: i }, timeLimitSec: 30, pointsMultiplier: 1 }
        : { kind: "which-step", scenarioId: FIXTURE.flow.scenarioId, config: { variant: i }, timeLimitSec: 30, pointsMultiplier: 1 },
    );
    const deck = await prisma.deck.create({ data: { instructorId: instructor.id, title: "Bench deck" } });
    const session = await prisma.liveSession.create({
      data: {
        code: "BENCH1",
        instructorId: instructor.id,
        deckId: deck.id,
        deckTitle: deck.title,
        activities: JSON.stringify(activities),
        status: "ended",
        phaseState: JSON.stringify({ phase: { type: "ended", endedAt: Date.now() }, timeLimitsSec: activities.map(() => 30), lobbyLocked: false, allowLateJoin: true }),
        endedAt: new Date(),
      },
    });
    const ids = Array.from({ length: PARTICIPANTS }, (_, i) => `bench-p-${String(i).padStart(5, "0")}`);
    const scores = new Map<string, number>();
    const responses = [];
    for (const participantId of ids) {
      let streak = 0;
      for (let a = 0; a < ACTIVITIES; a++) {
        const pitfall = a % 2 === 0;
        const correct = random() < 0.6;
        const timeTakenMs = 500 + Math.floor(random() * 29_000);
        const points = correct ? Math.round(1000 * (1 - timeTakenMs / 30_000 / 2)) : 0;
        streak = correct ? streak + 1 : 0;
        const streakBonus = correct ? Math.min(500, (streak - 1) * 100) : 0;
        const wrongChoice = ["a", "c", "d"][Math.floor(random() * 3)]!;
        const wrongStep = [2, 3, 4, 5, 7][Math.floor(random() * 5)]!;
        const answer = pitfall
          ? { kind: "pitfall", choiceId: correct ? "b" : wrongChoice }
          : { kind: "which-step", step: correct ? 6 : wrongStep };
        scores.set(participantId, (scores.get(participantId) ?? 0) + points + streakBonus);
        responses.push({
          sessionId: session.id,
          participantId,
          activityIndex: a,
          answer: JSON.stringify(answer),
          correct,
          points,
          streakBonus,
          timeTakenMs,
          pickedStep: pitfall ? null : (answer as { step: number }).step,
          correctStep: pitfall ? null : 6,
        });
      }
    }
    await prisma.participant.createMany({
      data: ids.map((id, i) => ({ id, sessionId: session.id, nickname: i % 50 === 0 ? `=student${i}` : `student${i}`, score: scores.get(id) ?? 0 })),
    });
    for (let i = 0; i < responses.length; i += 5000) await prisma.response.createMany({ data: responses.slice(i, i + 5000) });
    console.log(`seeded ${PARTICIPANTS} participants × ${ACTIVITIES} activities = ${responses.length} responses in ${(performance.now() - t0).toFixed(0)} ms`);

    const labeler = new ActivityLabeler(createFixtureCatalog());
    const figures: Record<string, number[]> = { query: [], labels: [], compute: [], reportJson: [], leaderboardCsv: [], responsesCsv: [], sessionJson: [], "report route (query+compute+JSON)": [] };
    let sizes = { reportJson: 0, responsesCsv: 0, leaderboardCsv: 0, sessionJson: 0 };
    for (let run = 0; run < RUNS; run++) {
      t0 = performance.now();
      const rows = (await loadReportRows(prisma, session.id, { instructorId: instructor.id }))!;
      const t1 = performance.now();
      const labels = await labeler.label(rows.session.activities);
      const t2 = performance.now();
      const report = computeReport(rows, labels);
      const t3 = performance.now();
      const json = JSON.stringify({ report: toReportDto(report) }); // what GET /api/reports/:id sends
      const t4 = performance.now();
      const lb = leaderboardCsv(report);
      const t5 = performance.now();
      const rc = responsesCsv(report);
      const t6 = performance.now();
      const sj = sessionJson(rows, report);
      const t7 = performance.now();
      figures.query!.push(t1 - t0);
      figures.labels!.push(t2 - t1);
      figures.compute!.push(t3 - t2);
      figures.reportJson!.push(t4 - t3);
      figures.leaderboardCsv!.push(t5 - t4);
      figures.responsesCsv!.push(t6 - t5);
      figures.sessionJson!.push(t7 - t6);
      figures["report route (query+compute+JSON)"]!.push(t4 - t0);
      sizes = { reportJson: json.length, leaderboardCsv: lb.length, responsesCsv: rc.length, sessionJson: sj.length };
    }
    console.log(`\nreport of one session, ${RUNS} runs (run 1 is cold: first query plans, JIT):`);
    for (const [name, list] of Object.entries(figures)) {
      const sorted = [...list].sort((a, b) => a - b);
      console.log(
        `  ${name.padEnd(36)} first ${list[0]!.toFixed(0).padStart(5)} ms   median ${sorted[sorted.length >> 1]!.toFixed(0).padStart(5)} ms   max ${sorted.at(-1)!.toFixed(0).padStart(5)} ms`,
      );
    }
    console.log(
      `  sizes: report JSON ${(sizes.reportJson / 1e6).toFixed(1)} MB, leaderboard.csv ${(sizes.leaderboardCsv / 1e3).toFixed(0)} kB, responses.csv ${(sizes.responsesCsv / 1e6).toFixed(1)} MB, session.json ${(sizes.sessionJson / 1e6).toFixed(1)} MB`,
    );

    t0 = performance.now();
    const history = await listHistory(prisma, instructor.id);
    const th = performance.now() - t0;
    t0 = performance.now();
    const runs = (await loadDeckRuns(prisma, deck.id, instructor.id))!;
    const labels = await labeler.label(runs.sessions.flatMap((s) => s.activities));
    const byKey = new Map(labels.map((l) => [`${l.kind}:${l.scenarioId}`, l]));
    compareSessions(runs.deck, runs.sessions, (s) => byKey.get(`${s.kind}:${s.scenarioId}`)!);
    const tc = performance.now() - t0;
    console.log(`\nhistory list ${th.toFixed(0)} ms (avg accuracy ${((history[0]?.averageAccuracy ?? 0) * 100).toFixed(1)}%), deck comparison ${tc.toFixed(0)} ms`);
    await prisma.$disconnect();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
