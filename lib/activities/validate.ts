/**
 * Validate an instructor-authored scenario (YAML text) with the simulator, before it is accepted. Two shapes:
 * - a broken world plus one `kind: Pitfall` document (four choices, exactly one of which fixes the flow): playable as
 *   a pitfall, as the flow questions when the flow fails, and as a chain fix when the break lies in the chain;
 * - a broken world alone: playable as a chain fix (and the flow questions), so its break must lie in the chain.
 * Pure apart from the simulator's (deterministic) runs.
 */
import type { ActivityKind } from "@/lib/contract";
import { formatScenarioErrors } from "@/lib/sim";
import { parseBankScenario, type BankScenario } from "./bank/parse";
import type { PitfallVerdict } from "./bank/verdict";
import { judgeScenario } from "./judge";

export type AuthoredValidation =
  | {
      ok: true;
      /** The Pitfall's title; without one, the Scenario's metadata.name. */
      title: string;
      failingStep: number | null;
      errorCode: string | null;
      /** The Pitfall's correct choice (computed); null for a scenario without a Pitfall. */
      correctChoiceId: string | null;
      /** The kinds it can be played as (never empty). */
      kinds: ActivityKind[];
      /** Why it cannot be played as chain-fix (null when it can), for the deck builder and deck saves. */
      chainFixProblem: string | null;
      scenario: BankScenario;
      verdict: PitfallVerdict;
    }
  | { ok: false; errors: string[] };

/** The one line a deck save and the authoring form show when a scenario cannot be a chain fix. */
export const notChainFix = (problem: string): string => `it cannot be played as a chain fix: ${problem}`;

/**
 * @example
 * const v = await validateAuthoredScenario(yamlText);
 * if (!v.ok) v.errors // ["uploaded.yaml: exactly one choice must be correct: choices a and c all fix the flow"]
 * else v.kinds       // ["pitfall", "which-step", "flow-replay", "chain-fix"]
 */
export async function validateAuthoredScenario(yamlText: string, source = "uploaded.yaml"): Promise<AuthoredValidation> {
  const parsed = parseBankScenario(yamlText, source);
  if (!parsed.ok) return { ok: false, errors: formatScenarioErrors(parsed.errors, source).split("\n") };
  const judged = await judgeScenario(parsed.value);
  const pitfall = parsed.value.pitfall;
  if (pitfall && (judged.pitfallProblems.length > 0 || !judged.verdict.correctId)) {
    return { ok: false, errors: judged.pitfallProblems.map((p) => `${source}: ${p}`) };
  }
  if (!pitfall && judged.chainFixProblem !== null) {
    return {
      ok: false,
      errors: [
        `${source}: no \`apiVersion: irsa.sim/v1, kind: Pitfall\` document (title, symptom, steps, 4 choices, explanation); without one, a scenario is played as a chain fix`,
        `${source}: ${notChainFix(judged.chainFixProblem)}`,
      ],
    };
  }
  const broken = judged.verdict.broken;
  return {
    ok: true,
    title: pitfall?.title ?? parsed.value.scenario.name,
    failingStep: broken.failedStep,
    errorCode: broken.error?.code ?? null,
    correctChoiceId: judged.verdict.correctId,
    kinds: judged.kinds,
    chainFixProblem: judged.chainFixProblem,
    scenario: parsed.value,
    verdict: judged.verdict,
  };
}
