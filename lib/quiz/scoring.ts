import type { ScoringMode } from "@/lib/contract";

/**
 * Scoring, as in the classroom quiz tools students know (issue 3):
 *
 * speed mode (default)
 *   - a correct answer scores `round(1000 × (1 − (t/T)/2))`: 1000 for an instant answer, 500 at the deadline
 *     (t = time taken, clamped to [0, T]; T = the time limit including time added by the instructor);
 *   - partial credit (`credit` 0..1) scales those points, then the activity's multiplier does:
 *     `round(round(1000 × (1 − (t/T)/2)) × credit × multiplier)`;
 *   - streak bonus: the 2nd correct answer in a row earns +100, the 3rd +200, … capped at +500
 *     (`min(100 × (streak − 1), 500)`); the first correct answer of a run earns none, as in Kahoot.
 *     A wrong answer (correct = false, even with partial credit) or a missing one resets the streak to 0.
 *     The bonus is not multiplied: the cap means "+500 at most", whatever the activity's multiplier.
 *
 * accuracy mode ("accuracy only", for slow devices and assistive technology)
 *   - `round(1000 × credit × multiplier)`, no speed component;
 *   - no streak bonus either, so the score is exactly 1000 × correct answers × multiplier and never depends on
 *     timing or luck of order; the streak is still counted so the phone can show "3 in a row".
 *
 * An activity with multiplier 0 is a warm-up: it scores nothing and neither extends nor resets a streak.
 */

export const MAX_POINTS = 1000;
export const STREAK_STEP = 100;
export const STREAK_CAP = 500;

export interface ScoreInput {
  mode: ScoringMode;
  correct: boolean;
  /** 0..1; 1 for a fully correct answer, 0 for a wrong one. Clamped. */
  credit: number;
  timeTakenMs: number;
  timeLimitMs: number;
  multiplier: number;
  /** Consecutive correct answers before this one. */
  streakBefore: number;
}

export interface ScoreResult {
  /** Points for the answer itself (speed or accuracy part), multiplier applied. */
  points: number;
  streakBonus: number;
  /** Streak after this answer. */
  streak: number;
  /** points + streakBonus */
  total: number;
}

export function streakBonusFor(streak: number): number {
  return Math.min(Math.max(0, streak - 1) * STREAK_STEP, STREAK_CAP);
}

export function speedPoints(timeTakenMs: number, timeLimitMs: number): number {
  const T = Math.max(1, timeLimitMs);
  const t = Math.min(T, Math.max(0, timeTakenMs));
  return Math.round(MAX_POINTS * (1 - t / T / 2));
}

export function scoreAnswer(input: ScoreInput): ScoreResult {
  const credit = Math.min(1, Math.max(0, Number.isFinite(input.credit) ? input.credit : 0));
  const multiplier = Math.max(0, input.multiplier);
  if (multiplier === 0) return { points: 0, streakBonus: 0, streak: input.streakBefore, total: 0 };

  const base = input.mode === "speed" ? speedPoints(input.timeTakenMs, input.timeLimitMs) : MAX_POINTS;
  const points = credit > 0 ? Math.round(base * credit * multiplier) : 0;
  const streak = input.correct ? input.streakBefore + 1 : 0;
  const streakBonus = input.correct && input.mode === "speed" ? streakBonusFor(streak) : 0;
  return { points, streakBonus, streak, total: points + streakBonus };
}

/** The streak after an activity the participant did not answer (reset, unless the activity was a warm-up). */
export function streakAfterMissing(streakBefore: number, multiplier: number): number {
  return multiplier === 0 ? streakBefore : 0;
}
