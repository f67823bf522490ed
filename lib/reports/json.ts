import type { ReportRows, SessionReport } from "./types";

export const SESSION_EXPORT_VERSION = 1;

/**
 * The whole session as one JSON document: what was stored (the activities as played, every participant and
 * every response) and the report computed from it. JSON is not evaluated by spreadsheets, so nicknames are
 * exported exactly as the students typed them.
 */
export function sessionJson(rows: ReportRows, report: SessionReport): string {
  const doc = {
    format: "irsa-classroom.session",
    version: SESSION_EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    session: {
      ...report.session,
      activities: rows.session.activities.map((spec, i) => ({
        index: i,
        ...spec,
        title: report.activities[i]?.title ?? spec.scenarioId,
        correctLabel: report.activities[i]?.correctLabel ?? null,
        explanation: report.activities[i]?.explanation ?? null,
      })),
    },
    participants: rows.participants.map((p) => ({
      id: p.id,
      nickname: p.nickname,
      score: p.score,
      streak: p.streak,
      kicked: p.kicked,
      joinedAt: p.joinedAt.toISOString(),
    })),
    responses: rows.responses.map((r) => ({
      participantId: r.participantId,
      activityIndex: r.activityIndex,
      answer: r.answer,
      correct: r.correct,
      points: r.points,
      streakBonus: r.streakBonus,
      timeTakenMs: r.timeTakenMs,
      pickedStep: r.pickedStep,
      correctStep: r.correctStep,
      answeredAt: r.createdAt.toISOString(),
    })),
    report: {
      leaderboard: report.leaderboard,
      activities: report.activities,
      steps: report.steps,
    },
  };
  return JSON.stringify(doc, null, 2);
}
