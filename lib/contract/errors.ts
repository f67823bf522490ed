/**
 * The one union of error codes that any socket ack or HTTP JSON error carries.
 * Expected failures are values, never exceptions (STYLE.md §5).
 */
export const ErrorCode = {
  INVALID_PAYLOAD: "INVALID_PAYLOAD",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PHASE_CLOSED: "PHASE_CLOSED",
  ALREADY_ANSWERED: "ALREADY_ANSWERED",
  DEADLINE_PASSED: "DEADLINE_PASSED",
  WRONG_ACTIVITY: "WRONG_ACTIVITY",
  LOBBY_LOCKED: "LOBBY_LOCKED",
  NICKNAME_TAKEN: "NICKNAME_TAKEN",
  KICKED: "KICKED",
  SESSION_ENDED: "SESSION_ENDED",
  RATE_LIMITED: "RATE_LIMITED",
  INTERNAL: "INTERNAL",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface AppError {
  code: ErrorCode;
  /** A sentence a person can act on; never a stack trace. */
  message: string;
  /** zod issues for INVALID_PAYLOAD: where and what was expected. */
  issues?: { path: string; message: string }[];
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: AppError };

export function ok<T>(data: T): Ack<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string, issues?: AppError["issues"]): { ok: false; error: AppError } {
  return issues ? { ok: false, error: { code, message, issues } } : { ok: false, error: { code, message } };
}
