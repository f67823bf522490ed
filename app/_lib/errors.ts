import type { AppError, ErrorCode } from "@/lib/contract";

/** What a student reads for each error code: what happened and what to do. The server's message is the fallback. */
const FRIENDLY: Partial<Record<ErrorCode, string>> = {
  NOT_FOUND: "There is no live session with that code. Check the code on the screen and try again.",
  NICKNAME_TAKEN: "Someone in this session already uses that nickname. Pick another one.",
  LOBBY_LOCKED: "The instructor has locked this session, so no one new can join right now.",
  KICKED: "The instructor removed you from this session.",
  SESSION_ENDED: "This session has ended.",
  RATE_LIMITED: "Too many attempts. Wait a few seconds, then try again.",
  PHASE_CLOSED: "This question is closed.",
  DEADLINE_PASSED: "Time was up before your answer arrived.",
  ALREADY_ANSWERED: "You have already answered this question.",
  UNAUTHORIZED: "Your place in this session could not be confirmed. Join again with the code.",
};

export function friendlyError(error: AppError | { code: string; message?: string }): string {
  const text = FRIENDLY[error.code as ErrorCode];
  if (error.code === "INVALID_PAYLOAD" && error.message) return error.message;
  return text ?? error.message ?? "Something went wrong. Please try again.";
}
