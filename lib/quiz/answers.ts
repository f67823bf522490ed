import type { ErrorCode } from "@/lib/contract";
import { ANSWER_GRACE_MS, type Phase } from "./phase";

/** What the acceptance rules need to know about the participant who answers. */
export interface AnswererState {
  kicked: boolean;
  /** They already have an answer (accepted or being committed) for this activity. */
  alreadyAnswered: boolean;
}

export type Acceptance =
  | {
      ok: true;
      /** Time taken, clamped to [0, time limit]: an answer in the grace window counts as given at the deadline. */
      timeTakenMs: number;
      /** The time limit T of the speed formula, including time the instructor added. */
      timeLimitMs: number;
    }
  | { ok: false; code: ErrorCode; message: string };

/**
 * Whether an answer may be accepted, checked in this order (the first failing rule names the error):
 * 1. the session has not ended (SESSION_ENDED), 2. the participant was not kicked (KICKED),
 * 3. a question is open (PHASE_CLOSED), 4. it is the activity the answer is for (WRONG_ACTIVITY),
 * 5. it arrived before `deadline + ANSWER_GRACE_MS` (DEADLINE_PASSED),
 * 6. the participant has not answered it yet (ALREADY_ANSWERED).
 */
export function acceptAnswer(phase: Phase, activityIndex: number, who: AnswererState, now: number): Acceptance {
  if (phase.type === "ended") return { ok: false, code: "SESSION_ENDED", message: "This session has ended." };
  if (who.kicked) return { ok: false, code: "KICKED", message: "You were removed from this session." };
  if (phase.type !== "question") return { ok: false, code: "PHASE_CLOSED", message: "No question is open right now." };
  if (phase.activityIndex !== activityIndex) {
    return { ok: false, code: "WRONG_ACTIVITY", message: "That answer is for another question than the open one." };
  }
  if (now > phase.deadline + ANSWER_GRACE_MS) {
    return { ok: false, code: "DEADLINE_PASSED", message: "Time is up for this question." };
  }
  if (who.alreadyAnswered) return { ok: false, code: "ALREADY_ANSWERED", message: "You already answered this question." };
  const timeLimitMs = Math.max(1, phase.deadline - phase.openedAt);
  const timeTakenMs = Math.min(timeLimitMs, Math.max(0, now - phase.openedAt));
  return { ok: true, timeTakenMs, timeLimitMs };
}
