/**
 * kinds "which-step" and "flow-replay": predict the step where the flow fails (1–9) and, optionally, the error
 * code (asked only when neither the symptom nor the app log already shows it). Scoring rule: correct iff the step
 * is right. Credit 1 when the step is right and the error code is right or not given; 0.5 when the step is right
 * but the error code given is wrong; 0 otherwise.
 */
import type { ActivityPrompt, ActivityReveal } from "@/lib/contract";
import type { FlowTrace, Scenario } from "@/lib/sim";
import { evidencePanels, replaySteps, revealPanels, STEP_LABELS } from "../evidence";
import type { ActivitySpec, AnswerCheck, PreparedActivity } from "../types";
import { errorCodeOptions, WRONG } from "./common";

export interface FlowQuestion {
  title: string;
  /** The symptom, when the scenario has one. */
  symptom?: string | undefined;
  explanation?: string | undefined;
}

export function prepareFlowStep(spec: ActivitySpec, kind: "which-step" | "flow-replay", scenario: Scenario, trace: FlowTrace, q: FlowQuestion): PreparedActivity {
  if (trace.failedStep === null || !trace.error) throw new Error(`${spec.scenarioId}: the flow succeeds, so there is no failing step to predict`);
  const step = trace.failedStep;
  const code = trace.error.code;
  const failed = trace.steps.find((s) => s.n === step);
  const panels = evidencePanels({ scenario, trace }, ["app-log"]);
  const symptom = q.symptom ? `${q.symptom} ` : "";
  // The optional "and which error?" is asked only when the student cannot read the answer off the screen: the
  // app log and many symptoms quote the error code, and then picking it would be free half-credit.
  const errorShown = [symptom, ...panels.map((p) => p.content)].some((t) => t.includes(code));
  const text = kind === "flow-replay"
    ? `${symptom}Before the replay: at which of the nine steps will this flow fail${errorShown ? "?" : " — and with which error?"}`
    : `${symptom}At which of the nine steps does the flow fail${errorShown ? "?" : " — and with which error?"}`;
  const common = { title: q.title, prompt: text, panels, steps: STEP_LABELS, errorCodes: errorShown ? [] : errorCodeOptions(code, spec.scenarioId) };
  const prompt: ActivityPrompt = kind === "flow-replay" ? { kind: "flow-replay", ...common } : { kind: "which-step", ...common };
  const reveal: ActivityReveal = {
    correct: kind === "flow-replay" ? { kind: "flow-replay", step, errorCode: code } : { kind: "which-step", step, errorCode: code },
    correctLabel: `Step ${step} — ${failed?.title ?? ""} (${code})`,
    explanation: q.explanation ?? failed?.explanation ?? "",
    panels: revealPanels(trace),
    steps: replaySteps(trace),
  };
  return {
    spec,
    title: q.title,
    prompt,
    reveal,
    meta: { failingStep: step, errorCode: code },
    async check(answer): Promise<AnswerCheck> {
      if (answer.kind !== kind || !("step" in answer)) return WRONG;
      const stepOk = answer.step === step;
      const codeOk = answer.errorCode === undefined || answer.errorCode === code;
      return { correct: stepOk, credit: stepOk ? (codeOk ? 1 : 0.5) : 0, pickedStep: answer.step, correctStep: step };
    },
    distributionKey: (answer) => ("step" in answer ? String(answer.step) : "(other)"),
  };
}
