import { z } from "zod";
import type { Ack } from "./errors";
import { answerSchema, type ActivityPrompt, type ActivityReveal, type Answer, type Distribution } from "./activities";

/**
 * The realtime contract between server/ and the browser (STYLE.md §3).
 * Event names are `area:verb`. Every client command carries one payload and an ack.
 * Identity never comes from a payload: the participant token (socket handshake `auth.participantToken`)
 * or the instructor's session cookie are verified in `io.use()` and kept in `socket.data`.
 */

// ---------- shared state shapes ----------

export const ScoringMode = { speed: "speed", accuracy: "accuracy" } as const;
export type ScoringMode = (typeof ScoringMode)[keyof typeof ScoringMode];

/** A session's phase, a tagged union switched exhaustively everywhere (lib/quiz owns transitions). */
export type PhaseView =
  | { type: "lobby" }
  | {
      type: "question";
      activityIndex: number;
      /** Server time (epoch ms) when the question opened and when it closes. Clients correct for clock offset. */
      openedAt: number;
      deadline: number;
      prompt: ActivityPrompt;
      timeLimitSec: number;
      points: number;
    }
  | {
      type: "reveal";
      activityIndex: number;
      prompt: ActivityPrompt;
      reveal: ActivityReveal;
      distribution: Distribution;
      /**
       * flow-replay: how far the instructor has stepped the replay (0 = not started, 1–9 = steps 1..n shown with
       * their status from `reveal.steps`). Absent for the other kinds.
       */
      replayStep?: number;
    }
  | { type: "leaderboard"; activityIndex: number; leaderboard: LeaderboardRow[] }
  | { type: "podium"; leaderboard: LeaderboardRow[] }
  | { type: "ended"; leaderboard: LeaderboardRow[] };

export interface LeaderboardRow {
  rank: number;
  participantId: string;
  nickname: string;
  score: number;
  correct: number;
  answered: number;
}

export interface SessionInfo {
  sessionId: string;
  code: string;
  deckTitle: string;
  activityCount: number;
  scoring: ScoringMode;
  lobbyLocked: boolean;
  allowLateJoin: boolean;
}

/** Everything a student's phone renders, sent on join/rejoin and on every phase change. */
export interface ParticipantView {
  session: SessionInfo;
  me: {
    participantId: string;
    nickname: string;
    score: number;
    streak: number;
    rank: number | null;
    /** The answer this participant gave to the current activity, if any ("answer received"). */
    answered: Answer | null;
    /**
     * Their result for the activity being revealed. `credit` (only when partial, 0 < credit < 1: node-role) and `verdict` (the
     * simulator's words on their own submission: chain-fix, setup-challenge) are there when known.
     */
    lastResult: { correct: boolean; points: number; streakBonus: number; credit?: number; verdict?: string } | null;
  };
  phase: PhaseView;
  /** Server clock at send time (epoch ms), to estimate the offset. */
  serverNow: number;
}

export interface ParticipantSummary {
  participantId: string;
  nickname: string;
  connected: boolean;
  score: number;
  answeredCurrent: boolean;
}

/** The instructor's console and projector view. Only sent to the session's own instructor. */
export interface HostView {
  session: SessionInfo;
  phase: PhaseView;
  /**
   * Every participant in a class-sized session; in a large one (more than HOST_PARTICIPANTS_MAX, server/rooms/room.ts)
   * a bounded page of them — during a question those who have not answered yet first — so the dashboard stays
   * cheap to build, send and render at 5,000 students. `counts` always covers everyone.
   */
  participants: ParticipantSummary[];
  /** Everyone (kicked participants excluded), whatever `participants` holds. */
  counts?: { joined: number; online: number; answeredCurrent: number };
  /** How many participants `participants` leaves out (0 or absent: the list is complete). */
  participantsOmitted?: number;
  /** For the open or revealed activity: how many answered, the distribution so far, the share correct. */
  progress: { answered: number; total: number; distribution: Distribution; correctShare: number | null } | null;
  /** The correct answer of the open activity, for the instructor's eyes only. */
  answerKey: ActivityReveal | null;
  activities: { index: number; kind: string; title: string; timeLimitSec: number; points: number }[];
  joinUrl: string;
  serverNow: number;
}

// ---------- client → server payloads (one zod schema per event) ----------

export const joinSessionSchema = z.object({
  code: z.string().trim().toUpperCase().length(6),
  nickname: z.string().max(200),
});
export type JoinSessionPayload = z.infer<typeof joinSessionSchema>;

export const submitAnswerSchema = z.object({
  activityIndex: z.number().int().min(0).max(999),
  answer: answerSchema,
});
export type SubmitAnswerPayload = z.infer<typeof submitAnswerSchema>;

export const hostWatchSchema = z.object({ sessionId: z.string().min(1).max(64) });

export const hostCommandSchema = z.object({
  sessionId: z.string().min(1).max(64),
  command: z.discriminatedUnion("type", [
    z.object({ type: z.literal("start") }),
    z.object({ type: z.literal("next") }),
    z.object({ type: z.literal("close") }),
    z.object({ type: z.literal("addTime"), seconds: z.number().int().min(5).max(300) }),
    z.object({ type: z.literal("skip") }),
    z.object({ type: z.literal("reveal") }),
    z.object({ type: z.literal("leaderboard") }),
    z.object({ type: z.literal("end") }),
    z.object({ type: z.literal("kick"), participantId: z.string().min(1).max(64) }),
    z.object({ type: z.literal("lockLobby"), locked: z.boolean() }),
    z.object({ type: z.literal("allowLateJoin"), allowed: z.boolean() }),
    /** flow-replay, during its reveal: show the replay up to this step (0–9); every phone and the projector follow. */
    z.object({ type: z.literal("replayStep"), step: z.number().int().min(0).max(9) }),
  ]),
});
export type HostCommandPayload = z.infer<typeof hostCommandSchema>;
export type HostCommand = HostCommandPayload["command"];

export const timeSyncSchema = z.object({ clientSentAt: z.number() });

// ---------- the typed socket.io contract ----------

export interface JoinResult {
  participantToken: string;
  view: ParticipantView;
}

export interface ClientToServerEvents {
  "session:join": (payload: JoinSessionPayload, ack: (r: Ack<JoinResult>) => void) => void;
  /** Re-sends the caller's current view (participant) — used after a reconnect. */
  "session:sync": (payload: Record<string, never>, ack: (r: Ack<ParticipantView>) => void) => void;
  "answer:submit": (payload: SubmitAnswerPayload, ack: (r: Ack<{ acceptedAt: number }>) => void) => void;
  "time:sync": (payload: { clientSentAt: number }, ack: (r: Ack<{ clientSentAt: number; serverNow: number }>) => void) => void;
  "host:watch": (payload: { sessionId: string }, ack: (r: Ack<HostView>) => void) => void;
  "host:command": (payload: HostCommandPayload, ack: (r: Ack<HostView>) => void) => void;
}

export interface ServerToClientEvents {
  /**
   * A participant's whole view; sent on join, on `session:sync`, on connect with a participant token, and on
   * phase changes with a personal part (reveal, leaderboard, podium, ended). Replace the local view with it.
   */
  "session:view": (view: ParticipantView) => void;
  /**
   * One payload shared by every participant of the session (serialised once for all phones): sent when a
   * question opens (start, next, skip), when time is added, and when settings change (lobby lock, late join).
   * Apply it to the last `session:view` with {@link applyPhaseUpdate}.
   */
  "session:phase": (update: PhaseUpdate) => void;
  /**
   * The personal part of a participant's view; sent just before a shared `session:phase` at a reveal, a
   * leaderboard, the podium and the end, so the large shared part (prompt, reveal, leaderboard) is serialised once
   * for every phone instead of once per phone. Apply it to the last view with {@link applyMeUpdate}.
   */
  "session:me": (update: MeUpdate) => void;
  /** The instructor's whole view; throttled while answers stream in. */
  "host:view": (view: HostView) => void;
  /** The participant was removed by the instructor. */
  "session:kicked": (info: { message: string }) => void;
}

/** The shared part of a {@link ParticipantView}: what changes for everyone at once. */
export interface PhaseUpdate {
  session: SessionInfo;
  phase: PhaseView;
  serverNow: number;
}

/** The personal part of a {@link ParticipantView}: what differs from phone to phone. */
export interface MeUpdate {
  me: ParticipantView["me"];
  serverNow: number;
}

/** The view after a `session:me` update: the same screen with this participant's own figures. */
export function applyMeUpdate(view: ParticipantView, update: MeUpdate): ParticipantView {
  return { ...view, me: update.me, serverNow: update.serverNow };
}

/**
 * The view after a `session:phase` update. When a different question opens, the per-question parts of `me`
 * (answered, lastResult, rank) are cleared; score and streak do not change between a reveal and the next question.
 * Pure, so the phone and the server's tests share one definition.
 */
export function applyPhaseUpdate(view: ParticipantView, update: PhaseUpdate): ParticipantView {
  const prev = view.phase;
  const next = update.phase;
  const newQuestion =
    next.type === "question" && !(prev.type === "question" && prev.activityIndex === next.activityIndex);
  const me = newQuestion ? { ...view.me, answered: null, lastResult: null, rank: null } : view.me;
  return { session: update.session, me, phase: next, serverNow: update.serverNow };
}

/**
 * Between server processes (several processes behind a load balancer, server/cluster/redis-cluster.ts), through
 * socket.io's `serverSideEmit` to every process: kicks, and the presence roll-call of a session's new holder.
 * Per-participant views are not here: they go only to the processes holding the participant's connections, on
 * each process's own Redis channel (RedisCluster.flushViews).
 */
export interface InterServerEvents {
  "cluster:kick": (sessionId: string, participantId: string, message: string) => void;
  /** The session's new holder asks every process to report its open connections of the session's participants. */
  "cluster:presence": (sessionId: string) => void;
}

export interface SocketData {
  participant?: { participantId: string; sessionId: string };
  instructor?: { instructorId: string };
}
