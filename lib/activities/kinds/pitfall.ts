/**
 * kind "pitfall": a production symptom, evidence panels generated from the broken world's run, four candidate
 * root causes. The correct choice is the one lib/sim says fixes the flow (bank/verdict.ts).
 */
import type { ActivityPrompt, ActivityReveal } from "@/lib/contract";
import type { BankScenario } from "../bank/parse";
import { DEFAULT_PANELS } from "../bank/schema";
import type { PitfallVerdict } from "../bank/verdict";
import { evidencePanels, revealPanels } from "../evidence";
import type { ActivitySpec, PreparedActivity } from "../types";
import { ofKind, seededShuffle, WRONG } from "./common";

export function preparePitfall(spec: ActivitySpec, bank: BankScenario, verdict: PitfallVerdict): PreparedActivity {
  const p = bank.pitfall;
  if (!p) throw new Error(`${spec.scenarioId} has no Pitfall document`);
  const correctId = verdict.correctId;
  if (!correctId) throw new Error(`${spec.scenarioId}: no unique correct choice`);
  const correct = p.choices.find((c) => c.id === correctId);
  const ctx = { scenario: bank.scenario, trace: verdict.broken };
  const prompt: ActivityPrompt = {
    kind: "pitfall",
    title: p.title,
    symptom: p.symptom,
    panels: evidencePanels(ctx, p.panels ?? DEFAULT_PANELS),
    // Shuffled per scenario so the position of the right answer carries no information.
    choices: seededShuffle(p.choices, spec.scenarioId).map((c) => ({ id: c.id, text: c.text })),
  };
  const misconceptions = Object.fromEntries(p.choices.filter((c) => c.id !== correctId).map((c) => [c.id, c.misconception]));
  const outcomes = verdict.choices.map((c) => `${c.id === correctId ? "✔" : "✘"} ${p.choices.find((x) => x.id === c.id)?.text ?? c.id}\n   → ${c.outcome}`).join("\n");
  const reveal: ActivityReveal = {
    correct: { kind: "pitfall", choiceId: correctId },
    correctLabel: correct?.text ?? correctId,
    explanation: p.explanation,
    panels: [...revealPanels(verdict.broken), { id: "choices", title: "What each fix does in the simulator", language: "text", content: outcomes }],
    misconceptions,
  };
  return {
    spec,
    title: p.title,
    prompt,
    reveal,
    meta: { misconceptions, failingStep: verdict.broken.failedStep, errorCode: verdict.broken.error?.code ?? null, choiceOutcomes: Object.fromEntries(verdict.choices.map((c) => [c.id, c.outcome])) },
    async check(answer) {
      const a = ofKind(answer, "pitfall");
      if (!a) return WRONG;
      const ok = a.choiceId === correctId;
      return { correct: ok, credit: ok ? 1 : 0 };
    },
    distributionKey: (answer) => (answer.kind === "pitfall" ? answer.choiceId : "(other)"),
  };
}
