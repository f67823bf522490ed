/**
 * The simulator's FlowTrace shaped for the lab's UI: the same verdicts, plus which lane each step runs
 * in and short labels. Nothing here decides an outcome; it only re-labels what lib/sim returned.
 */
import type { Finding, FlowTrace, SimError, StepStatus } from "@/lib/sim";

export const LANES = { pod: "pod", sts: "sts", service: "service" } as const;
export type Lane = (typeof LANES)[keyof typeof LANES];

/** Where each of the nine steps happens: in the Pod/cluster, at AWS STS, or at the target service. */
export const STEP_LANE: Readonly<Record<number, Lane>> = { 1: "pod", 2: "pod", 3: "pod", 4: "sts", 5: "sts", 6: "sts", 7: "sts", 8: "pod", 9: "service" };

export interface LabStep {
  n: number;
  id: string;
  title: string;
  status: StepStatus;
  lane: Lane;
  explanation: string;
  error: SimError | null;
  details: Record<string, unknown>;
}

export interface LabTrace {
  outcome: "success" | "failure";
  identity: string | null;
  failedStep: number | null;
  error: SimError | null;
  findings: Finding[];
  steps: LabStep[];
}

/** Findings that make a working setup unacceptable (a challenge or a fix must have none of these). */
export const isSecurityFinding = (f: Finding): boolean => f.severity === "critical" || f.severity === "warning";

export function toLabTrace(trace: FlowTrace, options: { details?: boolean } = {}): LabTrace {
  const withDetails = options.details ?? true;
  return {
    outcome: trace.outcome,
    identity: trace.identity,
    failedStep: trace.failedStep,
    error: trace.error,
    findings: trace.findings,
    steps: trace.steps.map((s) => ({
      n: s.n,
      id: s.id,
      title: s.title,
      status: s.status,
      lane: STEP_LANE[s.n] ?? "pod",
      explanation: s.explanation,
      error: s.error ?? null,
      details: withDetails ? s.details : {},
    })),
  };
}

export { errorLine } from "./trace-text";
