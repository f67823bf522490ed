import { describe, expect, it } from "vitest";
import { ANSWER_GRACE_MS, acceptAnswer, type Phase } from "@/lib/quiz";

const open: Phase = { type: "question", activityIndex: 1, openedAt: 10_000, deadline: 40_000 };
const fresh = { kicked: false, alreadyAnswered: false };

describe("acceptAnswer", () => {
  const refusals: [string, Phase, number, { kicked: boolean; alreadyAnswered: boolean }, number, string][] = [
    ["session ended", { type: "ended", endedAt: 1 }, 1, fresh, 20_000, "SESSION_ENDED"],
    ["kicked", open, 1, { kicked: true, alreadyAnswered: false }, 20_000, "KICKED"],
    ["lobby", { type: "lobby" }, 0, fresh, 20_000, "PHASE_CLOSED"],
    ["reveal", { type: "reveal", activityIndex: 1 }, 1, fresh, 20_000, "PHASE_CLOSED"],
    ["leaderboard", { type: "leaderboard", activityIndex: 1 }, 1, fresh, 20_000, "PHASE_CLOSED"],
    ["podium", { type: "podium" }, 1, fresh, 20_000, "PHASE_CLOSED"],
    ["another activity", open, 0, fresh, 20_000, "WRONG_ACTIVITY"],
    ["after deadline + grace", open, 1, fresh, 40_000 + ANSWER_GRACE_MS + 1, "DEADLINE_PASSED"],
    ["a second answer", open, 1, { kicked: false, alreadyAnswered: true }, 20_000, "ALREADY_ANSWERED"],
  ];
  it.each(refusals)("refuses: %s", (_n, phase, index, who, now, code) => {
    const r = acceptAnswer(phase, index, who, now);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe(code);
  });

  const accepted: [string, number, number][] = [
    ["at the opening", 10_000, 0],
    ["midway", 25_000, 15_000],
    ["at the deadline", 40_000, 30_000],
    ["in the grace window: counted as at the deadline", 40_000 + ANSWER_GRACE_MS, 30_000],
    ["clock before the opening: clamped to 0", 9_000, 0],
  ];
  it.each(accepted)("accepts %s", (_n, now, taken) => {
    expect(acceptAnswer(open, 1, fresh, now)).toEqual({ ok: true, timeTakenMs: taken, timeLimitMs: 30_000 });
  });
});
