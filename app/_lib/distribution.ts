import type { ActivityPrompt, Answer, Distribution } from "@/lib/contract";
import type { DistributionItem } from "@/app/_components/DistributionBars";
import { choiceMarker } from "@/app/_components/PromptView";

/** Bars for an activity: one per choice (pitfall) or per step (which-step); keys match the server's buckets. */
export function distributionItems(prompt: ActivityPrompt, distribution: Distribution, correct?: Answer | null): DistributionItem[] {
  if (prompt.kind === "pitfall") {
    return prompt.choices.map((c, i) => ({
      key: c.id,
      marker: choiceMarker(i),
      label: c.text,
      count: distribution[c.id] ?? 0,
      correct: correct?.kind === "pitfall" ? correct.choiceId === c.id : undefined,
    }));
  }
  return prompt.steps.map((s) => ({
    key: String(s.n),
    marker: String(s.n),
    label: s.title,
    count: distribution[String(s.n)] ?? 0,
    correct: correct?.kind === "which-step" ? correct.step === s.n : undefined,
  }));
}

export function totalOf(distribution: Distribution): number {
  return Object.values(distribution).reduce((a, b) => a + b, 0);
}

/** Human words for an answer, e.g. "B — The trust policy's audience is wrong" or "Step 6 — Check trust policy". */
export function describeAnswer(prompt: ActivityPrompt, answer: Answer): string {
  if (prompt.kind === "pitfall" && answer.kind === "pitfall") {
    const i = prompt.choices.findIndex((c) => c.id === answer.choiceId);
    const c = prompt.choices[i];
    return c ? `${choiceMarker(i)} — ${c.text}` : answer.choiceId;
  }
  if (prompt.kind === "which-step" && answer.kind === "which-step") {
    const s = prompt.steps.find((x) => x.n === answer.step);
    const step = s ? `Step ${s.n} — ${s.title}` : `Step ${answer.step}`;
    return answer.errorCode ? `${step} (${answer.errorCode})` : step;
  }
  return "";
}
