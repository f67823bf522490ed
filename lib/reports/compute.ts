import { rankStandings } from "@/lib/quiz/leaderboard";
import { STEPS } from "@/lib/sim/steps";
import { answerKey, isFlowKind, selectionLabel, stepTitle } from "./labels";
import type {
  ActivityLabels,
  ActivityReport,
  DistributionEntry,
  LeaderboardEntry,
  ReportResponseRow,
  ReportRows,
  SessionReport,
  StepStanding,
  StudentAnswer,
  StudentReport,
} from "./types";

/** The bucket of an answer whose stored JSON is not a valid Answer. */
export const UNREADABLE = "(unreadable)";

/** The text of an answer key of an activity (a choice's text, "Step 4 — …"), or the key itself. */
export function answerLabel(activity: Pick<ActivityReport, "distribution">, key: string | null): string | null {
  if (key === null) return null;
  return activity.distribution.find((d) => d.key === key)?.label ?? key;
}

/** Median of integers; the mean of the two middle values for an even count, rounded to a whole ms. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Ties are broken by the option's order in the activity, then by key, so the result never depends on row order. */
function pickMax<T extends { count: number }>(items: readonly T[]): T | null {
  let best: T | null = null;
  for (const item of items) if (item.count > 0 && (!best || item.count > best.count)) best = item;
  return best;
}

/**
 * The whole report of one session, from its database rows and the activities' labels (same order as
 * `rows.session.activities`). Pure and deterministic: the same rows give the same report.
 *
 * Kicked participants are left out of every figure (the live leaderboard leaves them out too) and counted apart.
 */
export function computeReport(rows: ReportRows, labels: readonly ActivityLabels[]): SessionReport {
  const { session } = rows;
  const activityCount = session.activities.length;
  const present = rows.participants.filter((p) => !p.kicked);
  const presentIds = new Set(present.map((p) => p.id));
  const responses = rows.responses.filter(
    (r) => presentIds.has(r.participantId) && r.activityIndex >= 0 && r.activityIndex < activityCount,
  );

  // The stored phase says how far the session got; answers can only add to it (a session ended before the
  // phase recorded it, or rows written by hand).
  let reached = session.reached ?? 0;
  for (const r of responses) reached = Math.max(reached, r.activityIndex + 1);
  reached = Math.min(reached, activityCount);

  const byActivity: ReportResponseRow[][] = Array.from({ length: activityCount }, () => []);
  const byParticipant = new Map<string, (ReportResponseRow | undefined)[]>();
  for (const p of present) byParticipant.set(p.id, new Array<ReportResponseRow | undefined>(activityCount));
  for (const r of responses) {
    byActivity[r.activityIndex]!.push(r);
    byParticipant.get(r.participantId)![r.activityIndex] = r;
  }

  const label = (i: number): ActivityLabels => labels[i]!;
  const optionLabels = labels.map((l) => new Map(l.options.map((o) => [o.key, o.label])));
  const optionLabel = (i: number, key: string): string => {
    const names = label(i).optionNames;
    return optionLabels[i]?.get(key) ?? (names ? selectionLabel(key, names) : key);
  };
  const testedStep = (i: number, r?: ReportResponseRow): number | null => r?.correctStep ?? label(i).failingStep;
  const pickedStep = (r: ReportResponseRow): number | null =>
    r.pickedStep ?? (r.answer?.kind === "which-step" || r.answer?.kind === "flow-replay" ? r.answer.step : null);

  // ---- per activity ----
  const activities: ActivityReport[] = session.activities.map((spec, i) => {
    const l = label(i);
    const list = byActivity[i]!;
    const counts = new Map<string, { count: number; correct: number }>();
    for (const r of list) {
      const key = r.answer ? answerKey(r.answer, r.correct) : UNREADABLE;
      const c = counts.get(key) ?? { count: 0, correct: 0 };
      c.count++;
      if (r.correct) c.correct++;
      counts.set(key, c);
    }
    const keys = [...l.options.map((o) => o.key), ...[...counts.keys()].filter((k) => !l.options.some((o) => o.key === k)).sort()];
    const distribution: DistributionEntry[] = keys.map((key) => {
      const c = counts.get(key) ?? { count: 0, correct: 0 };
      return {
        key,
        label: optionLabel(i, key),
        count: c.count,
        share: list.length > 0 ? c.count / list.length : 0,
        // The simulator decided each answer; a bucket is "correct" when its answers were judged correct.
        correct: l.correctKey !== null ? key === l.correctKey : c.count > 0 && c.correct === c.count,
      };
    });
    const wrong = pickMax(
      keys.map((key) => {
        const c = counts.get(key) ?? { count: 0, correct: 0 };
        return { key, count: c.count - c.correct };
      }),
    );
    const correct = list.filter((r) => r.correct).length;

    let topWrongStep: ActivityReport["topWrongStep"] = null;
    if (isFlowKind(spec.kind)) {
      const stepCounts = STEPS.map((s) => ({ step: s.n as number, count: 0 }));
      for (const r of list) {
        const s = pickedStep(r);
        if (!r.correct && s !== null && s >= 1 && s <= 9) stepCounts[s - 1]!.count++;
      }
      const best = pickMax(stepCounts);
      topWrongStep = best ? { step: best.step, title: stepTitle(best.step), count: best.count } : null;
    }
    const tested = list.find((r) => r.correctStep !== null)?.correctStep ?? l.failingStep;

    return {
      index: i,
      number: i + 1,
      kind: spec.kind,
      scenarioId: spec.scenarioId,
      title: l.title,
      known: l.known,
      eligible: present.length,
      answered: list.length,
      correct,
      shareCorrect: ratio(correct, list.length),
      medianTimeMs: median(list.map((r) => r.timeTakenMs)),
      distribution,
      correctLabel: l.correctLabel,
      explanation: l.explanation,
      topWrong: wrong
        ? {
            key: wrong.key,
            label: optionLabel(i, wrong.key),
            count: wrong.count,
            misconception: l.misconceptions[wrong.key] ?? l.explanation,
          }
        : null,
      topWrongStep,
      testedStep: tested,
    };
  });

  // ---- per student ----
  const students: StudentReport[] = present.map((p) => {
    const mine = byParticipant.get(p.id)!;
    let streak = 0;
    let bestStreak = 0;
    let correct = 0;
    let answered = 0;
    const answers: StudentAnswer[] = [];
    for (let i = 0; i < reached; i++) {
      const r = mine[i];
      // A missing answer breaks a streak, as it does live (lib/db/sessions savePhase resets it).
      streak = r?.correct ? streak + 1 : 0;
      bestStreak = Math.max(bestStreak, streak);
      if (r) answered++;
      if (r?.correct) correct++;
      answers.push({
        activityIndex: i,
        answered: Boolean(r),
        answerKey: r ? (r.answer ? answerKey(r.answer, r.correct) : UNREADABLE) : null,
        correct: r?.correct ?? false,
        timeTakenMs: r?.timeTakenMs ?? null,
        points: r?.points ?? 0,
        streakBonus: r?.streakBonus ?? 0,
        streak,
        answeredAt: r ? r.createdAt.toISOString() : null,
      });
    }
    return {
      participantId: p.id,
      nickname: p.nickname,
      rank: null,
      score: p.score,
      correct,
      answered,
      total: reached,
      accuracy: ratio(correct, reached),
      bestStreak,
      kicked: p.kicked,
      answers,
    };
  });

  // ---- leaderboard: the live ranking (lib/quiz), with accuracy beside the points ----
  const ranked = rankStandings(
    students.map((s) => ({ participantId: s.participantId, nickname: s.nickname, score: s.score, correct: s.correct, answered: s.answered })),
  );
  const rankOf = new Map(ranked.map((r) => [r.participantId, r.rank]));
  for (const s of students) s.rank = rankOf.get(s.participantId) ?? null;
  const leaderboard: LeaderboardEntry[] = ranked.map((r) => ({
    ...r,
    total: reached,
    accuracy: ratio(r.correct, reached),
    answeredAccuracy: ratio(r.correct, r.answered),
  }));

  // ---- where the class stands on the nine steps ----
  const steps: StepStanding[] = STEPS.map((s) => ({
    step: s.n,
    title: s.title,
    answered: 0,
    correct: 0,
    accuracy: null,
    wrongPicks: 0,
    activities: 0,
  }));
  activities.forEach((a) => {
    if (a.testedStep !== null && a.testedStep >= 1 && a.testedStep <= 9 && a.index < reached) steps[a.testedStep - 1]!.activities++;
  });
  for (const r of responses) {
    const t = testedStep(r.activityIndex, r);
    if (t !== null && t >= 1 && t <= 9) {
      steps[t - 1]!.answered++;
      if (r.correct) steps[t - 1]!.correct++;
    }
    const picked = pickedStep(r);
    if (!r.correct && picked !== null && picked >= 1 && picked <= 9) steps[picked - 1]!.wrongPicks++;
  }
  for (const s of steps) s.accuracy = ratio(s.correct, s.answered);

  const totalCorrect = students.reduce((n, s) => n + s.correct, 0);
  return {
    session: {
      id: session.id,
      code: session.code,
      deckId: session.deckId,
      deckTitle: session.deckTitle,
      scoring: session.scoring,
      status: session.status,
      createdAt: session.createdAt.toISOString(),
      endedAt: session.endedAt ? session.endedAt.toISOString() : null,
      activityCount,
      activitiesReached: reached,
      participants: present.length,
      kicked: rows.participants.length - present.length,
      averageAccuracy: ratio(totalCorrect, present.length * reached),
    },
    leaderboard,
    activities,
    students,
    steps,
  };
}
