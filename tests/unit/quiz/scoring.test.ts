import { describe, expect, it } from "vitest";
import { scoreAnswer, speedPoints, streakAfterMissing, streakBonusFor, type ScoreInput } from "@/lib/quiz";

const base: ScoreInput = { mode: "speed", correct: true, credit: 1, timeTakenMs: 0, timeLimitMs: 20_000, multiplier: 1, streakBefore: 0 };

describe("speedPoints = round(1000 × (1 − (t/T)/2))", () => {
  it.each([
    [0, 20_000, 1000],
    [10_000, 20_000, 750],
    [20_000, 20_000, 500],
    [5_000, 20_000, 875],
    [1, 30_000, 1000],
    [1_234, 30_000, 979],
    [30_000 + 999, 30_000, 500],
    [-50, 30_000, 1000],
  ])("t=%i T=%i → %i", (t, T, expected) => expect(speedPoints(t, T)).toBe(expected));
});

describe("streak bonus: +100 from the 2nd correct in a row, capped at +500", () => {
  it.each([
    [0, 0], [1, 0], [2, 100], [3, 200], [5, 400], [6, 500], [7, 500], [50, 500],
  ])("streak %i → +%i", (streak, bonus) => expect(streakBonusFor(streak)).toBe(bonus));
});

describe("scoreAnswer", () => {
  const rows: [string, Partial<ScoreInput>, { points: number; streakBonus: number; streak: number; total: number }][] = [
    ["speed, instant, first correct", {}, { points: 1000, streakBonus: 0, streak: 1, total: 1000 }],
    ["speed, half time, 2nd in a row", { timeTakenMs: 10_000, streakBefore: 1 }, { points: 750, streakBonus: 100, streak: 2, total: 850 }],
    ["speed, capped streak", { timeTakenMs: 20_000, streakBefore: 9 }, { points: 500, streakBonus: 500, streak: 10, total: 1000 }],
    ["speed, double points", { timeTakenMs: 10_000, multiplier: 2 }, { points: 1500, streakBonus: 0, streak: 1, total: 1500 }],
    ["speed, double points, bonus not multiplied", { multiplier: 2, streakBefore: 2 }, { points: 2000, streakBonus: 200, streak: 3, total: 2200 }],
    ["speed, wrong resets the streak", { correct: false, credit: 0, streakBefore: 4 }, { points: 0, streakBonus: 0, streak: 0, total: 0 }],
    ["speed, partial credit scales points, resets streak", { correct: false, credit: 0.5, streakBefore: 3 }, { points: 500, streakBonus: 0, streak: 0, total: 500 }],
    ["speed, partial credit at half time", { correct: false, credit: 0.5, timeTakenMs: 10_000 }, { points: 375, streakBonus: 0, streak: 0, total: 375 }],
    ["credit out of range is clamped", { credit: 7 }, { points: 1000, streakBonus: 0, streak: 1, total: 1000 }],
    ["warm-up (×0) scores nothing, keeps the streak", { multiplier: 0, streakBefore: 3 }, { points: 0, streakBonus: 0, streak: 3, total: 0 }],
    ["warm-up (×0) wrong keeps the streak", { multiplier: 0, correct: false, credit: 0, streakBefore: 3 }, { points: 0, streakBonus: 0, streak: 3, total: 0 }],
    ["accuracy: 1000 whatever the time", { mode: "accuracy", timeTakenMs: 19_000 }, { points: 1000, streakBonus: 0, streak: 1, total: 1000 }],
    ["accuracy: no streak bonus, streak counted", { mode: "accuracy", streakBefore: 4 }, { points: 1000, streakBonus: 0, streak: 5, total: 1000 }],
    ["accuracy: ×2", { mode: "accuracy", multiplier: 2 }, { points: 2000, streakBonus: 0, streak: 1, total: 2000 }],
    ["accuracy: wrong", { mode: "accuracy", correct: false, credit: 0, streakBefore: 2 }, { points: 0, streakBonus: 0, streak: 0, total: 0 }],
    ["accuracy: partial", { mode: "accuracy", correct: false, credit: 0.25 }, { points: 250, streakBonus: 0, streak: 0, total: 250 }],
  ];
  it.each(rows)("%s", (_n, input, expected) => expect(scoreAnswer({ ...base, ...input })).toEqual(expected));

  it("a missing answer resets the streak, except on a warm-up", () => {
    expect(streakAfterMissing(4, 1)).toBe(0);
    expect(streakAfterMissing(4, 2)).toBe(0);
    expect(streakAfterMissing(4, 0)).toBe(4);
  });
});
