/**
 * Validate an instructor-authored pitfall scenario (YAML text) with the simulator, before it is accepted.
 * Pure apart from the simulator's (deterministic) runs.
 */
import { formatScenarioErrors } from "@/lib/sim";
import { parseBankScenario, type BankScenario } from "./bank/parse";
import { judgePitfall, verdictProblems, type PitfallVerdict } from "./bank/verdict";

export type AuthoredValidation =
  | { ok: true; title: string; failingStep: number | null; errorCode: string | null; correctChoiceId: string; scenario: BankScenario; verdict: PitfallVerdict }
  | { ok: false; errors: string[] };

/**
 * @example
 * const v = await validateAuthoredScenario(yamlText);
 * if (!v.ok) v.errors // ["exactly one choice must be correct: choices a and c all fix the flow"]
 */
export async function validateAuthoredScenario(yamlText: string, source = "uploaded.yaml"): Promise<AuthoredValidation> {
  const parsed = parseBankScenario(yamlText, source, { requirePitfall: true });
  if (!parsed.ok) return { ok: false, errors: formatScenarioErrors(parsed.errors, source).split("\n") };
  const pitfall = parsed.value.pitfall;
  if (!pitfall) return { ok: false, errors: [`${source}: no kind: Pitfall document`] };
  const verdict = await judgePitfall(parsed.value.scenario, pitfall);
  const problems = verdictProblems(verdict, pitfall);
  if (problems.length > 0 || !verdict.correctId) return { ok: false, errors: problems.map((p) => `${source}: ${p}`) };
  return { ok: true, title: pitfall.title, failingStep: verdict.broken.failedStep, errorCode: verdict.broken.error?.code ?? null, correctChoiceId: verdict.correctId, scenario: parsed.value, verdict };
}
