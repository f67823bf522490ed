import type { ErrorCode, HostCommand } from "@/lib/contract";

/**
 * The live session's phase machine. Pure: no I/O, the time is an argument.
 *
 *   lobby ──start/next──▶ question(i) ──close/reveal/deadline──▶ reveal(i) ──leaderboard──▶ leaderboard(i)
 *                             │  ▲                                   │                          │
 *                             │  └────────────── next (i+1) ─────────┴──────────────────────────┘
 *                             └─ skip: straight to question(i+1)   (after the last activity: podium)
 *   any phase but ended ──end──▶ ended;   podium ──end──▶ ended
 *
 * The state is what LiveSession.phaseState stores (JSON), so a restarted server resumes from it.
 */

/** Where a session is. Times are server epoch milliseconds. */
export type Phase =
  | { type: "lobby" }
  | {
      type: "question";
      activityIndex: number;
      openedAt: number;
      /** When students see the time run out. Answers are accepted until `deadline + ANSWER_GRACE_MS`. */
      deadline: number;
    }
  | {
      type: "reveal";
      activityIndex: number;
      /** Replay activities: the step the instructor has stepped to (0 or absent: the replay has not started). */
      replayStep?: number;
    }
  | { type: "leaderboard"; activityIndex: number }
  | { type: "podium" }
  | {
      type: "ended";
      endedAt: number;
      /**
       * How many activities were opened before the end ({@link activitiesReached} of the phase it ended from): a
       * question that was shown and got no answer still counts as played in the report. Absent in sessions ended
       * before it was recorded; the report then infers it from the answers.
       */
      reached?: number;
    };

export type PhaseType = Phase["type"];

export interface SessionState {
  phase: Phase;
  /** Time limit of each activity of the session's snapshot, in seconds; its length is the activity count. */
  timeLimitsSec: readonly number[];
  /** New joins are refused (rejoining with a participant token is not affected). */
  lobbyLocked: boolean;
  /** Students may join after the first question opened. */
  allowLateJoin: boolean;
}

/**
 * Latency allowance for answers: an answer that reaches the server up to this long after the deadline still
 * counts (a phone that tapped at 0.2 s left on campus Wi-Fi). The automatic close fires after it too.
 */
export const ANSWER_GRACE_MS = 1500;

/** The instructor's commands plus the server's own timer firing. */
export type MachineCommand = HostCommand | { type: "deadline" };

export type Effect =
  /** The phase changed: persist it, tell every client. */
  | { type: "phase-changed"; from: Phase; to: Phase }
  /** Settings (lobby lock, late join) changed: persist them, tell every client. */
  | { type: "settings-changed" }
  /** (Re)arm the auto-close timer at `at` (epoch ms), or disarm it (`at: null`). */
  | { type: "timer"; at: number | null }
  /** Remove this participant: mark them kicked, tell them, close their connections. */
  | { type: "kick"; participantId: string };

export interface Refusal {
  ok: false;
  code: ErrorCode;
  message: string;
}

export type Step = { ok: true; state: SessionState; effects: Effect[] } | Refusal;

export function initialState(timeLimitsSec: readonly number[], opts: { allowLateJoin: boolean; lobbyLocked?: boolean }): SessionState {
  return { phase: { type: "lobby" }, timeLimitsSec, lobbyLocked: opts.lobbyLocked ?? false, allowLateJoin: opts.allowLateJoin };
}

function refuse(code: ErrorCode, message: string): Refusal {
  return { ok: false, code, message };
}

/** When the server closes a question by itself: the deadline plus the grace. */
export function autoCloseAt(phase: Phase): number | null {
  return phase.type === "question" ? phase.deadline + ANSWER_GRACE_MS : null;
}

function openQuestion(state: SessionState, index: number, now: number): Step {
  const from = state.phase;
  if (index >= state.timeLimitsSec.length) {
    // Past the last activity: the final podium.
    const to: Phase = { type: "podium" };
    return { ok: true, state: { ...state, phase: to }, effects: [{ type: "phase-changed", from, to }, { type: "timer", at: null }] };
  }
  const limitSec = state.timeLimitsSec[index] ?? 30;
  const to: Phase = { type: "question", activityIndex: index, openedAt: now, deadline: now + limitSec * 1000 };
  return {
    ok: true,
    state: { ...state, phase: to },
    effects: [{ type: "phase-changed", from, to }, { type: "timer", at: autoCloseAt(to) }],
  };
}

function moveTo(state: SessionState, to: Phase): Step {
  return {
    ok: true,
    state: { ...state, phase: to },
    effects: [{ type: "phase-changed", from: state.phase, to }, { type: "timer", at: null }],
  };
}

const describe: Record<PhaseType, string> = {
  lobby: "the lobby",
  question: "an open question",
  reveal: "the reveal",
  leaderboard: "the leaderboard",
  podium: "the final podium",
  ended: "an ended session",
};

function notNow(command: MachineCommand, phase: Phase): Refusal {
  return refuse("CONFLICT", `"${command.type}" is not possible during ${describe[phase.type]}.`);
}

/**
 * One transition. Returns the next state and what the server must do about it, or a refusal with an error code
 * from lib/contract/errors.ts. `now` is the server clock (epoch ms).
 *
 * @example
 *   const s0 = initialState([30, 20], { allowLateJoin: true });
 *   const s1 = advance(s0, { type: "start" }, 1_000); // → question 0, deadline 31_000, timer at 32_500
 */
export function advance(state: SessionState, command: MachineCommand, now: number): Step {
  const phase = state.phase;
  if (phase.type === "ended") return refuse("SESSION_ENDED", "This session has ended.");

  switch (command.type) {
    case "end":
      return moveTo(state, { type: "ended", endedAt: now, reached: activitiesReached(state) ?? undefined });

    case "kick":
      return { ok: true, state, effects: [{ type: "kick", participantId: command.participantId }] };

    case "lockLobby":
      return { ok: true, state: { ...state, lobbyLocked: command.locked }, effects: [{ type: "settings-changed" }] };

    case "allowLateJoin":
      return { ok: true, state: { ...state, allowLateJoin: command.allowed }, effects: [{ type: "settings-changed" }] };

    case "start":
      if (phase.type !== "lobby") return refuse("CONFLICT", "The session has already started.");
      if (state.timeLimitsSec.length === 0) return refuse("CONFLICT", "This session has no activities.");
      return openQuestion(state, 0, now);

    case "next":
      switch (phase.type) {
        case "lobby":
          if (state.timeLimitsSec.length === 0) return refuse("CONFLICT", "This session has no activities.");
          return openQuestion(state, 0, now);
        case "reveal":
        case "leaderboard":
          return openQuestion(state, phase.activityIndex + 1, now);
        case "question":
          return refuse("CONFLICT", "Close or skip the open question first.");
        case "podium":
          return notNow(command, phase);
      }
      return assertNever(phase);

    case "skip":
      // Skip moves on without a reveal or leaderboard. Answers already accepted for a skipped question keep
      // their points: they were acknowledged and committed, and taking points back would surprise students.
      switch (phase.type) {
        case "question":
        case "reveal":
        case "leaderboard":
          return openQuestion(state, phase.activityIndex + 1, now);
        case "lobby":
        case "podium":
          return notNow(command, phase);
      }
      return assertNever(phase);

    case "close":
    case "reveal":
      // "close" (stop answers now) and "reveal" both end the question and show the correct answer: the phone has
      // no separate "closed" screen, so one transition serves both buttons.
      if (phase.type !== "question") return notNow(command, phase);
      return moveTo(state, { type: "reveal", activityIndex: phase.activityIndex });

    case "deadline":
      if (phase.type !== "question") return refuse("PHASE_CLOSED", "No open question.");
      // A timer armed before "addTime" may fire early: it is stale, the question stays open.
      if (now < phase.deadline + ANSWER_GRACE_MS) return refuse("CONFLICT", "The deadline has not been reached.");
      return moveTo(state, { type: "reveal", activityIndex: phase.activityIndex });

    case "addTime": {
      if (phase.type !== "question") return notNow(command, phase);
      const to: Phase = { ...phase, deadline: phase.deadline + command.seconds * 1000 };
      return {
        ok: true,
        state: { ...state, phase: to },
        effects: [{ type: "phase-changed", from: phase, to }, { type: "timer", at: autoCloseAt(to) }],
      };
    }

    case "replayStep": {
      // Stepping a replay happens during the reveal (the answer is out, so step statuses may be shown).
      // Whether the activity is a replay at all is the room's check: this machine does not know activity kinds.
      if (phase.type !== "reveal") return notNow(command, phase);
      const to: Phase = { ...phase, replayStep: Math.max(0, Math.min(9, command.step)) };
      return { ok: true, state: { ...state, phase: to }, effects: [{ type: "phase-changed", from: phase, to }] };
    }

    case "leaderboard":
      if (phase.type !== "reveal") return notNow(command, phase);
      return moveTo(state, { type: "leaderboard", activityIndex: phase.activityIndex });
  }
  return assertNever(command);
}

export function assertNever(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}

/**
 * How many of the session's activities have been opened so far (a question shown counts, answered or not):
 * question/reveal/leaderboard of activity i → i + 1, podium → all, lobby → 0, ended → what was recorded at the
 * end (null when it was not: a session ended before the field existed).
 */
export function activitiesReached(state: SessionState): number | null {
  const phase = state.phase;
  switch (phase.type) {
    case "lobby":
      return 0;
    case "question":
    case "reveal":
    case "leaderboard":
      return phase.activityIndex + 1;
    case "podium":
      return state.timeLimitsSec.length;
    case "ended":
      return phase.reached ?? null;
  }
}

/** The activity the phase is about (question, reveal or leaderboard), else null. */
export function currentActivityIndex(phase: Phase): number | null {
  switch (phase.type) {
    case "question":
    case "reveal":
    case "leaderboard":
      return phase.activityIndex;
    case "lobby":
    case "podium":
    case "ended":
      return null;
  }
}
