import type { ActivitySpec } from "@/lib/activities/types";
import type { ActivityKind, Answer, LeaderboardRow, ScoringMode } from "@/lib/contract";

/**
 * The rows a report is computed from, exactly as lib/db/reports.ts reads them from the database (a report never
 * looks at a live room, so it works after a restart and for sessions of any age).
 */
export interface ReportSessionRow {
  id: string;
  code: string;
  instructorId: string;
  deckId: string | null;
  deckTitle: string;
  activities: ActivitySpec[];
  scoring: ScoringMode;
  status: "live" | "ended";
  /**
   * How many activities were opened (lib/quiz activitiesReached: a question shown counts even when nobody
   * answered it), or null when the stored state does not say (a session ended before it was recorded).
   */
  reached: number | null;
  createdAt: Date;
  endedAt: Date | null;
}

export interface ReportParticipantRow {
  id: string;
  nickname: string;
  score: number;
  streak: number;
  kicked: boolean;
  joinedAt: Date;
}

export interface ReportResponseRow {
  participantId: string;
  activityIndex: number;
  /** null when the stored JSON is not a valid Answer (a hand-edited database); counted, labelled "(unreadable)". */
  answer: Answer | null;
  correct: boolean;
  points: number;
  streakBonus: number;
  timeTakenMs: number;
  pickedStep: number | null;
  correctStep: number | null;
  createdAt: Date;
}

export interface ReportRows {
  session: ReportSessionRow;
  participants: ReportParticipantRow[];
  responses: ReportResponseRow[];
}

/** One answer option as the report names it: a pitfall choice, or a step of the token flow. */
export interface OptionLabel {
  /** The distribution key: the choice id for pitfall, the step number as a string for which-step. */
  key: string;
  label: string;
}

/**
 * What the report shows about an activity, from the scenario bank. When the scenario is missing from the bank
 * (deleted, renamed, a custom one gone), `known` is false and the raw ids stand in for labels.
 */
export interface ActivityLabels {
  kind: ActivityKind;
  scenarioId: string;
  known: boolean;
  title: string;
  options: OptionLabel[];
  correctKey: string | null;
  correctLabel: string | null;
  explanation: string | null;
  /** Which misconception a wrong option stands for, by option key (when the bank says so). */
  misconceptions: Record<string, string>;
  /** The step of the nine this activity tests (where its flow fails), if known. */
  failingStep: number | null;
  /** node-role: option id → label, to name any selection ("ec2,s3" → "EC2 + S3"). */
  optionNames?: Record<string, string>;
}

export interface DistributionEntry extends OptionLabel {
  count: number;
  /** 0..1 of the answers to this activity. */
  share: number;
  correct: boolean;
}

export interface ActivityReport {
  index: number;
  /** 1-based, as people count. */
  number: number;
  kind: ActivityKind;
  scenarioId: string;
  title: string;
  known: boolean;
  /** Participants who could answer (not kicked). */
  eligible: number;
  answered: number;
  correct: number;
  /** correct / answered, null when nobody answered. */
  shareCorrect: number | null;
  medianTimeMs: number | null;
  distribution: DistributionEntry[];
  correctLabel: string | null;
  explanation: string | null;
  /** The wrong answer chosen most often, and the misconception it stands for. */
  topWrong: { key: string; label: string; count: number; misconception: string | null } | null;
  /** Flow activities: the step picked most often by students who were wrong. */
  topWrongStep: { step: number; title: string; count: number } | null;
  /** The step of the nine this activity tests. */
  testedStep: number | null;
}

/**
 * One student's result on one activity. Labels (title, the answer's text, the explanation) are not repeated here:
 * they are in {@link ActivityReport} (see {@link answerLabel}), which keeps a 2,000-student report small.
 */
export interface StudentAnswer {
  activityIndex: number;
  answered: boolean;
  answerKey: string | null;
  correct: boolean;
  timeTakenMs: number | null;
  points: number;
  streakBonus: number;
  /** Consecutive correct answers up to and including this one (a missing or wrong answer resets it). */
  streak: number;
  answeredAt: string | null;
}

export interface LeaderboardEntry extends LeaderboardRow {
  /** Activities reached in the session (see {@link SessionReport.activitiesReached}). */
  total: number;
  /** correct / total, null when no activity was reached. */
  accuracy: number | null;
  /** correct / answered, null when nothing was answered. */
  answeredAccuracy: number | null;
}

export interface StudentReport {
  participantId: string;
  nickname: string;
  rank: number | null;
  score: number;
  correct: number;
  answered: number;
  total: number;
  accuracy: number | null;
  bestStreak: number;
  kicked: boolean;
  answers: StudentAnswer[];
}

export interface StepStanding {
  step: number;
  title: string;
  /** Answers to activities that test this step. */
  answered: number;
  correct: number;
  /** correct / answered, null when no activity of the session tests this step. */
  accuracy: number | null;
  /** Wrong answers that blamed this step (flow activities). */
  wrongPicks: number;
  /** Activities of the session that test this step. */
  activities: number;
}

export interface SessionReport {
  session: {
    id: string;
    code: string;
    deckId: string | null;
    deckTitle: string;
    scoring: ScoringMode;
    status: "live" | "ended";
    createdAt: string;
    endedAt: string | null;
    activityCount: number;
    /**
     * Activities reached: up to the furthest one that was opened (by the live phase) or answered. A session ended
     * early does not count the activities it never reached against anyone's accuracy.
     */
    activitiesReached: number;
    participants: number;
    kicked: number;
    /** Mean of the participants' accuracy (= all correct answers / (participants × activities reached)). */
    averageAccuracy: number | null;
  };
  leaderboard: LeaderboardEntry[];
  activities: ActivityReport[];
  students: StudentReport[];
  steps: StepStanding[];
}

/** One row of an instructor's history (lib/db/reports listHistory). */
export interface HistoryItem {
  sessionId: string;
  code: string;
  deckId: string | null;
  deckTitle: string;
  status: "live" | "ended";
  createdAt: string;
  endedAt: string | null;
  activityCount: number;
  participants: number;
  answers: number;
  /** Mean of the participants' accuracy, as in the report (correct / (participants × activities reached)). */
  averageAccuracy: number | null;
}
