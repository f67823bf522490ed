/**
 * Which activity kinds a scenario can be played as, decided by lib/sim's runs: the bank's files and the scenarios
 * instructors author go through the same judgement. Pure apart from the simulator's (deterministic) runs.
 */
import { traceFlow } from "@/lib/sim";
import type { ActivityKind } from "@/lib/contract";
import type { BankScenario } from "./bank/parse";
import { judgePitfall, verdictProblems, type PitfallVerdict } from "./bank/verdict";
import { chainFixProblem } from "./kinds/chain-fix";

export interface JudgedScenario {
  bank: BankScenario;
  /** The broken world's trace, and (with a Pitfall) each choice's verdict; no choices without one. */
  verdict: PitfallVerdict;
  /** Kinds in the order the deck builder offers them: pitfall, which-step, flow-replay, chain-fix. */
  kinds: ActivityKind[];
  /** Why the Pitfall cannot be played (empty when it can, or when there is no Pitfall). */
  pitfallProblems: string[];
  /** Why the scenario cannot be played as chain-fix (null when it can). */
  chainFixProblem: string | null;
}

/**
 * @example
 * const j = await judgeScenario(parsed.value);
 * j.kinds // ["pitfall", "which-step", "flow-replay", "chain-fix"] for pitfalls/20-sub-namespace-typo
 */
export async function judgeScenario(bank: BankScenario): Promise<JudgedScenario> {
  const p = bank.pitfall;
  const verdict: PitfallVerdict = p
    ? await judgePitfall(bank.scenario, p)
    : { broken: await traceFlow(bank.scenario.world, { scenario: bank.scenario.name }), choices: [], correctId: null };
  const pitfallProblems = p ? verdictProblems(verdict, p) : [];
  const chainFix = await chainFixProblem({ scenario: bank.scenario, broken: verdict.broken, forbidFindings: p?.forbidFindings });
  const kinds: ActivityKind[] = [];
  if (p && pitfallProblems.length === 0 && verdict.correctId) kinds.push("pitfall");
  if (verdict.broken.outcome === "failure") kinds.push("which-step", "flow-replay");
  if (chainFix === null) kinds.push("chain-fix");
  return { bank, verdict, kinds, pitfallProblems, chainFixProblem: chainFix };
}
