import { describe, expect, it } from "vitest";
import { computeReport, fallbackLabels, type ReportRows } from "@/lib/reports";
import { formatStepAccuracy } from "@/lib/reports/format";

/**
 * A question that was opened and left to time out with no answer was still played: the report counts it
 * (activities played, everyone's accuracy, the step it tests), instead of "Not reached in this session".
 */
function rows(reached: number | null): ReportRows {
  const at = new Date(0);
  const activity = { kind: "which-step" as const, scenarioId: "x", config: {}, timeLimitSec: 30, pointsMultiplier: 1 };
  return {
    session: {
      id: "s",
      code: "C",
      instructorId: "i",
      deckId: null,
      deckTitle: "d",
      activities: [activity, activity, activity],
      scoring: "accuracy",
      status: "ended",
      reached,
      createdAt: at,
      endedAt: at,
    },
    participants: [
      { id: "p", nickname: "ada", score: 1000, streak: 1, kicked: false, joinedAt: at },
      { id: "q", nickname: "bob", score: 0, streak: 0, kicked: false, joinedAt: at },
    ],
    responses: [
      { participantId: "p", activityIndex: 0, answer: { kind: "which-step", step: 6, errorCode: "AccessDenied" }, correct: true, points: 1000, streakBonus: 0, timeTakenMs: 10, pickedStep: 6, correctStep: 6, createdAt: at },
      { participantId: "q", activityIndex: 0, answer: { kind: "which-step", step: 5, errorCode: "AccessDenied" }, correct: false, points: 0, streakBonus: 0, timeTakenMs: 10, pickedStep: 5, correctStep: 6, createdAt: at },
    ],
  };
}

describe("activities played", () => {
  it("counts a played question nobody answered (the stored phase says how far the session got)", () => {
    const data = rows(2);
    const report = computeReport(data, data.session.activities.map(fallbackLabels));
    expect(report.session.activitiesReached).toBe(2);
    expect(report.activities[1]).toMatchObject({ answered: 0, eligible: 2, shareCorrect: null });
    // Unanswered counts as wrong in each student's accuracy and the class average: 1 correct of 2 × 2.
    expect(report.leaderboard.find((r) => r.nickname === "ada")).toMatchObject({ correct: 1, total: 2, accuracy: 0.5 });
    expect(report.session.averageAccuracy).toBe(0.25);
  });

  it("falls back on the answers when the stored phase does not say (sessions ended before it was recorded)", () => {
    const data = rows(null);
    const report = computeReport(data, data.session.activities.map(fallbackLabels));
    expect(report.session.activitiesReached).toBe(1);
  });

  it("never counts beyond the deck, and answers can only add to the stored figure", () => {
    const over = rows(7);
    expect(computeReport(over, over.session.activities.map(fallbackLabels)).session.activitiesReached).toBe(3);
    const under = rows(0);
    expect(computeReport(under, under.session.activities.map(fallbackLabels)).session.activitiesReached).toBe(1);
  });
});

describe("formatStepAccuracy", () => {
  it("tells a step nobody answered from a step nothing tested", () => {
    expect(formatStepAccuracy({ accuracy: 0.666, activities: 1 })).toBe("67%");
    expect(formatStepAccuracy({ accuracy: null, activities: 1 })).toBe("no answers");
    expect(formatStepAccuracy({ accuracy: null, activities: 0 })).toBe("not tested");
  });
});
