import { answerLabel } from "./compute";
import type { ActivityReport, LeaderboardEntry, SessionReport, StudentReport } from "./types";

/**
 * What the HTTP routes send. The instructor's report leaves each student's answers out (40,000 of them for a
 * class of 2,000 × 20); the page asks for one student's answers when the instructor opens that student.
 */
export type StudentSummary = Omit<StudentReport, "answers">;
export interface ReportDto extends Omit<SessionReport, "students"> {
  students: StudentSummary[];
}

export function toReportDto(report: SessionReport): ReportDto {
  return { ...report, students: report.students.map(({ answers: _answers, ...rest }) => rest) };
}

/** One answer as a student (or the instructor's per-student view) reads it, labels included. */
export interface LabelledAnswer {
  activityIndex: number;
  number: number;
  title: string;
  kind: ActivityReport["kind"];
  answered: boolean;
  answerLabel: string | null;
  correct: boolean;
  timeTakenMs: number | null;
  points: number;
  streakBonus: number;
  streak: number;
  correctLabel: string | null;
  explanation: string | null;
}

export interface StudentDetailDto {
  student: StudentSummary;
  answers: LabelledAnswer[];
}

export function labelAnswers(report: SessionReport, student: StudentReport): LabelledAnswer[] {
  return student.answers.map((a) => {
    const activity = report.activities[a.activityIndex]!;
    return {
      activityIndex: a.activityIndex,
      number: activity.number,
      title: activity.title,
      kind: activity.kind,
      answered: a.answered,
      answerLabel: answerLabel(activity, a.answerKey),
      correct: a.correct,
      timeTakenMs: a.timeTakenMs,
      points: a.points,
      streakBonus: a.streakBonus,
      streak: a.streak,
      correctLabel: activity.correctLabel,
      explanation: activity.explanation,
    };
  });
}

export function toStudentDetail(report: SessionReport, participantId: string): StudentDetailDto | null {
  const student = report.students.find((s) => s.participantId === participantId);
  if (!student) return null;
  const { answers: _answers, ...summary } = student;
  return { student: summary, answers: labelAnswers(report, student) };
}

/** A student's own results after the session (GET /api/me/:sessionId). */
export interface MyResultsDto {
  session: { id: string; code: string; deckTitle: string; endedAt: string | null; activitiesReached: number; participants: number };
  me: StudentSummary;
  answers: LabelledAnswer[];
  /** The top of the final leaderboard (the student's own row is in `me`). */
  leaderboard: LeaderboardEntry[];
}

export const MY_LEADERBOARD_ROWS = 10;

export function toMyResults(report: SessionReport, participantId: string): MyResultsDto | null {
  const detail = toStudentDetail(report, participantId);
  if (!detail) return null;
  const s = report.session;
  return {
    session: {
      id: s.id,
      code: s.code,
      deckTitle: s.deckTitle,
      endedAt: s.endedAt,
      activitiesReached: s.activitiesReached,
      participants: s.participants,
    },
    me: detail.student,
    answers: detail.answers,
    leaderboard: report.leaderboard.slice(0, MY_LEADERBOARD_ROWS),
  };
}
