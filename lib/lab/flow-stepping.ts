/**
 * Section 4's stepping rule, client-safe: a run ends at the step that fails. Nothing after it ran (the simulator
 * marks those steps "skipped"), so ▶ Step and Auto-play stop there, and the later steps read "Not reached" rather
 * than offering verdicts and details of their own.
 */
import type { LabTrace } from "./trace";

/**
 * The last step a run reveals: the failing step, or 9 when all nine succeed.
 *
 * @example lastStep({ outcome: "failure", failedStep: 6 }) // → 6
 */
export function lastStep(trace: Pick<LabTrace, "outcome" | "failedStep">): number {
  return trace.outcome === "failure" && trace.failedStep !== null ? trace.failedStep : 9;
}

/** What step `n` shows after `shown` steps: its verdict, "Not yet" (the run may still get there), or "Not reached". */
export type StepView = "verdict" | "not-yet" | "not-reached";

/** @example stepView({ outcome: "failure", failedStep: 6 }, 7, 6) // → "not-reached" */
export function stepView(trace: Pick<LabTrace, "outcome" | "failedStep">, n: number, shown: number): StepView {
  if (n <= Math.min(shown, lastStep(trace))) return "verdict";
  return n > lastStep(trace) && shown >= lastStep(trace) ? "not-reached" : "not-yet";
}
