import type { AppError } from "@/lib/contract";
import { ANSWER_GRACE_MS } from "@/lib/quiz";

/**
 * An answer given while the phone is offline is held until the connection is back, then sent
 * (use-participant-session.ts). socket.io would buffer the emit by itself, but the ack's timeout would run out
 * meanwhile and report a failure for an answer that then arrives and counts.
 *
 * A hold ends in exactly one of three ways:
 * - `connected`: the connection came back in time; send the answer (the server still judges it);
 * - `expired`: the server stopped taking answers for the question (its deadline plus ANSWER_GRACE_MS) before the
 *   connection came back; sending it later could only be refused, so the phone says so instead of waiting;
 * - `cancelled`: the page let go of the connection (unmount, another session code).
 */
export type HoldOutcome = "connected" | "expired" | "cancelled";

/** The part of a socket.io client socket a hold needs. */
export interface HoldConnection {
  readonly connected: boolean;
  once(event: "connect", listener: () => void): unknown;
  off(event: "connect", listener: () => void): unknown;
}

export interface HoldTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface Hold {
  outcome: Promise<HoldOutcome>;
  /** Ends the hold as `cancelled` unless it has already ended. */
  cancel(): void;
}

const browserTimers: HoldTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The last moment, on this device's clock, at which a held answer can still reach the server and count: the
 * question's deadline (server time) plus the server's grace (lib/quiz ANSWER_GRACE_MS), moved to local time with
 * the clock offset (offsetMs is added to the local clock to get the server's, so it is subtracted here).
 *
 * @example holdCutoff(10_000, 2_000) // 9_500: the server is 2 s ahead, answers count until its 11_500
 */
export function holdCutoff(deadline: number, offsetMs: number): number {
  return deadline + ANSWER_GRACE_MS - offsetMs;
}

/**
 * Waits for `connection` to be connected, at most until `cutoff` (local epoch ms; null: no limit). The connect
 * listener and the timer are removed whichever way the hold ends, so a settled hold leaves nothing behind.
 */
export function holdUntilConnected(connection: HoldConnection, cutoff: number | null, timers: HoldTimers = browserTimers): Hold {
  if (connection.connected) return { outcome: Promise.resolve("connected"), cancel: () => {} };
  if (cutoff !== null && timers.now() >= cutoff) return { outcome: Promise.resolve("expired"), cancel: () => {} };

  let settle: (o: HoldOutcome) => void = () => {};
  const outcome = new Promise<HoldOutcome>((resolve) => {
    let done = false;
    let timer: unknown = null;
    const onConnect = () => settle("connected");
    settle = (o) => {
      if (done) return;
      done = true;
      connection.off("connect", onConnect);
      if (timer !== null) timers.clearTimeout(timer);
      resolve(o);
    };
    connection.once("connect", onConnect);
    if (cutoff !== null) timer = timers.setTimeout(() => settle("expired"), cutoff - timers.now());
  });
  return { outcome, cancel: () => settle("cancelled") };
}

/** What submit answers when a hold ends without a connection. */
export function holdFailure(outcome: Exclude<HoldOutcome, "connected">): AppError {
  return outcome === "expired"
    ? { code: "DEADLINE_PASSED", message: "Time ran out while you were offline, so your answer was not sent." }
    : { code: "INTERNAL", message: "The connection was closed before your answer could be sent." };
}
