/**
 * Which choice of a pitfall is correct — computed, never stored. A choice is correct when its fix makes
 * the flow succeed with no critical finding (lib/sim `evaluateFix`) and leaves none of the scenario's
 * `forbidFindings`. A well-formed scenario has exactly one such choice.
 */
import { evaluateFix, formatScenarioErrors, traceFlow, type FlowTrace, type Scenario } from "@/lib/sim";
import type { PitfallSpec } from "./schema";

export interface ChoiceVerdict {
  id: string;
  correct: boolean;
  /** The trace after the fix (null when the fix could not be applied). */
  trace: FlowTrace | null;
  /** Why the fix could not be applied (a broken fix is a bug in the scenario file). */
  fixErrors: string[];
  /** Short reason, for authoring errors: "fails at step 6 (AccessDenied)", "critical finding pod.static-keys"… */
  outcome: string;
}

export interface PitfallVerdict {
  broken: FlowTrace;
  choices: ChoiceVerdict[];
  /** The id of the unique correct choice; null when none or several are correct. */
  correctId: string | null;
}

/** lib/sim's rule plus the scenario's forbidden findings. */
export function judgeTrace(trace: FlowTrace, forbidFindings: readonly string[] = []): { correct: boolean; outcome: string } {
  if (trace.outcome === "failure") return { correct: false, outcome: `fails at step ${trace.failedStep} (${trace.error?.code ?? "error"})` };
  const critical = trace.findings.find((f) => f.severity === "critical");
  if (critical) return { correct: false, outcome: `succeeds with a critical finding (${critical.code})` };
  const forbidden = trace.findings.find((f) => forbidFindings.includes(f.code));
  if (forbidden) return { correct: false, outcome: `succeeds but still has finding ${forbidden.code}` };
  return { correct: true, outcome: "succeeds with no critical finding" };
}

/**
 * Run the broken world and every choice's fix through the simulator.
 * @example (await judgePitfall(bank.scenario, bank.pitfall)).correctId // "restart-pod"
 */
export async function judgePitfall(scenario: Scenario, pitfall: PitfallSpec): Promise<PitfallVerdict> {
  const broken = await traceFlow(scenario.world, { scenario: scenario.name });
  const choices: ChoiceVerdict[] = [];
  for (const c of pitfall.choices) {
    const v = await evaluateFix(scenario, c.fix, { scenario: scenario.name });
    if (!v.trace) {
      choices.push({ id: c.id, correct: false, trace: null, fixErrors: formatScenarioErrors(v.errors, `choice ${c.id}`).split("\n"), outcome: "the fix cannot be applied" });
      continue;
    }
    const j = judgeTrace(v.trace, pitfall.forbidFindings);
    choices.push({ id: c.id, correct: j.correct, trace: v.trace, fixErrors: [], outcome: j.outcome });
  }
  const correct = choices.filter((c) => c.correct);
  return { broken, choices, correctId: correct.length === 1 ? (correct[0]?.id ?? null) : null };
}

/** Authoring problems of a judged pitfall, worded for an instructor. Empty when the scenario is usable. */
export function verdictProblems(v: PitfallVerdict, pitfall: PitfallSpec): string[] {
  const out: string[] = [];
  for (const c of v.choices) if (c.fixErrors.length > 0) out.push(`choice ${c.id}: its fix cannot be applied: ${c.fixErrors.join("; ")}`);
  const brokenJudged = judgeTrace(v.broken, pitfall.forbidFindings);
  if (brokenJudged.correct) out.push("the broken world already works (the flow succeeds with no critical finding): there is nothing to diagnose");
  const correct = v.choices.filter((c) => c.correct);
  if (correct.length === 0) {
    out.push(`no choice fixes the flow: ${v.choices.map((c) => `${c.id} → ${c.outcome}`).join("; ")}`);
  } else if (correct.length > 1) {
    out.push(`exactly one choice must be correct: choices ${correct.map((c) => c.id).join(" and ")} all fix the flow`);
  }
  return out;
}
