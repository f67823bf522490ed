import { describe, expect, it } from "vitest";
import type { Answer } from "@/lib/contract";
import { answerKey, computeReport, fallbackLabels, selectionLabel, type ReportRows } from "@/lib/reports";

describe("answer keys per kind (lib/contract Distribution)", () => {
  it.each<[Answer, boolean, string]>([
    [{ kind: "pitfall", choiceId: "c" }, false, "c"],
    [{ kind: "which-step", step: 6, errorCode: "AccessDenied" }, true, "6"],
    [{ kind: "flow-replay", step: 3 }, false, "3"],
    [{ kind: "jwt-predict", prediction: "no-match" }, true, "no-match"],
    [{ kind: "chain-fix", fields: { subValue: "system:serviceaccount:app:api" } }, true, "correct"],
    [{ kind: "setup-challenge", inputs: { namespace: "a", serviceAccountName: "b", roleName: "c", policy: "d" } }, false, "incorrect"],
    [{ kind: "node-role", selected: ["s3", "ec2"] }, false, "ec2,s3"],
    [{ kind: "node-role", selected: [] }, true, ""],
  ])("%j (correct: %s) → %j", (answer, correct, key) => {
    expect(answerKey(answer, correct)).toBe(key);
  });

  it("names node-role selections", () => {
    expect(selectionLabel("ec2,s3", { ec2: "EC2", s3: "S3" })).toBe("EC2 + S3");
    expect(selectionLabel("", {})).toBe("(nothing selected)");
  });

  it("treats flow-replay like which-step on the nine steps, and survives an unknown kind", () => {
    const at = new Date(0);
    const rows: ReportRows = {
      session: {
        id: "s",
        code: "C",
        instructorId: "i",
        deckId: null,
        deckTitle: "d",
        activities: [
          { kind: "flow-replay", scenarioId: "x", config: {}, timeLimitSec: 30, pointsMultiplier: 1 },
          { kind: "future-kind" as never, scenarioId: "y", config: {}, timeLimitSec: 30, pointsMultiplier: 1 },
        ],
        scoring: "accuracy",
        status: "ended",
        reached: null,
        createdAt: at,
        endedAt: at,
      },
      participants: [{ id: "p", nickname: "n", score: 1000, streak: 1, kicked: false, joinedAt: at }],
      responses: [
        { participantId: "p", activityIndex: 0, answer: { kind: "flow-replay", step: 5 }, correct: false, points: 0, streakBonus: 0, timeTakenMs: 10, pickedStep: 5, correctStep: 4, createdAt: at },
        { participantId: "p", activityIndex: 1, answer: null, correct: true, points: 1000, streakBonus: 0, timeTakenMs: 20, pickedStep: null, correctStep: null, createdAt: at },
      ],
    };
    const report = computeReport(rows, rows.session.activities.map(fallbackLabels));
    expect(report.activities[0]!.topWrongStep).toMatchObject({ step: 5, count: 1 });
    expect(report.steps[3]).toMatchObject({ answered: 1, correct: 0, accuracy: 0 });
    expect(report.steps[4]).toMatchObject({ wrongPicks: 1 });
    expect(report.activities[1]!.distribution.map((d) => [d.key, d.count])).toEqual([["(unreadable)", 1]]);
    expect(report.leaderboard[0]).toMatchObject({ correct: 1, answered: 2, total: 2, accuracy: 0.5 });
  });
});
