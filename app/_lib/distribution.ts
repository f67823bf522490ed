import type { ActivityPrompt, Answer, ChainFields, Distribution } from "@/lib/contract";
import type { DistributionItem } from "@/app/_components/DistributionBars";
import { choiceMarker } from "@/app/_components/PromptView";

/** Human names of the validation chain's fields (chain-fix), in the order the phone shows them. */
export const CHAIN_FIELD_LABELS: Record<keyof ChainFields, string> = {
  oidcProviderRegistered: "OIDC provider registered",
  trustFederated: "Trust policy: Federated principal",
  subKey: "sub condition key",
  subOperator: "sub operator",
  subValue: "sub value",
  audKey: "aud condition key",
  audOperator: "aud operator",
  audValue: "aud value",
  saNamespace: "ServiceAccount namespace",
  saName: "ServiceAccount name",
  saRoleArn: "ServiceAccount role-arn annotation",
  podServiceAccount: "Pod serviceAccountName",
  podNamespace: "Pod namespace",
};

/** "subValue,saName" → "Changed sub value + ServiceAccount name"; "(none)" → "Changed nothing". */
export function chainChangeLabel(key: string): string {
  if (key === "(none)" || key === "") return "Changed nothing";
  return `Changed ${key
    .split(",")
    .map((k) => CHAIN_FIELD_LABELS[k as keyof ChainFields] ?? k)
    .join(" + ")}`;
}

/** Bars for the keys seen so far (kinds whose buckets are not known in advance), biggest first. */
function seenItems(distribution: Distribution, label: (key: string) => string, correctKey?: string): DistributionItem[] {
  return Object.entries(distribution)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key, count], i) => ({ key, marker: String(i + 1), label: label(key), count, correct: correctKey === undefined ? undefined : key === correctKey }));
}

/**
 * Bars for an activity, one per bucket; keys match the server's `distributionKey` (choice id, step number,
 * "match"/"no-match", changed chain fields, policy preset, sorted node-role selection).
 * `correct` (the reveal's answer) marks the right bucket when there is one.
 */
export function distributionItems(prompt: ActivityPrompt, distribution: Distribution, correct?: Answer | null): DistributionItem[] {
  switch (prompt.kind) {
    case "pitfall":
      return prompt.choices.map((c, i) => ({
        key: c.id,
        marker: choiceMarker(i),
        label: c.text,
        count: distribution[c.id] ?? 0,
        correct: correct?.kind === "pitfall" ? correct.choiceId === c.id : undefined,
      }));
    case "which-step":
    case "flow-replay":
      return prompt.steps.map((s) => ({
        key: String(s.n),
        marker: String(s.n),
        label: s.title,
        count: distribution[String(s.n)] ?? 0,
        correct: correct && (correct.kind === "which-step" || correct.kind === "flow-replay") ? correct.step === s.n : undefined,
      }));
    case "jwt-predict":
      return (["match", "no-match"] as const).map((k) => ({
        key: k,
        marker: k === "match" ? "=" : "≠",
        label: k === "match" ? "Still matches the trust policy" : "No longer matches",
        count: distribution[k] ?? 0,
        correct: correct?.kind === "jwt-predict" ? correct.prediction === k : undefined,
      }));
    case "chain-fix":
      // Buckets are the sets of fields students changed; which set works is the simulator's call per answer.
      return seenItems(distribution, chainChangeLabel);
    case "setup-challenge":
      // Buckets are the chosen permission policy presets.
      return prompt.policyPresets.map((p, i) => ({
        key: p,
        marker: String(i + 1),
        label: `Policy ${p}`,
        count: distribution[p] ?? 0,
        correct: correct?.kind === "setup-challenge" ? correct.inputs.policy === p : undefined,
      }));
    case "node-role": {
      const names = Object.fromEntries(prompt.options.map((o) => [o.id, o.label]));
      const correctKey = correct?.kind === "node-role" ? [...new Set(correct.selected)].sort().join(",") || "(none)" : undefined;
      return seenItems(distribution, (key) => selectionLabel(key, names), correctKey);
    }
  }
}

/** "users-read,ses-send" → "DynamoDB — read table Users + SES — send email"; "(none)" → "Nothing". */
export function selectionLabel(key: string, names: Record<string, string>): string {
  if (key === "(none)" || key === "") return "Nothing";
  return key
    .split(",")
    .map((id) => names[id] ?? id)
    .join(" + ");
}

export function totalOf(distribution: Distribution): number {
  return Object.values(distribution).reduce((a, b) => a + b, 0);
}

/** Human words for an answer, e.g. "B — The trust policy's audience is wrong" or "Step 6 — Check trust policy". */
export function describeAnswer(prompt: ActivityPrompt, answer: Answer): string {
  switch (answer.kind) {
    case "pitfall": {
      if (prompt.kind !== "pitfall") return answer.choiceId;
      const i = prompt.choices.findIndex((c) => c.id === answer.choiceId);
      const c = prompt.choices[i];
      return c ? `${choiceMarker(i)} — ${c.text}` : answer.choiceId;
    }
    case "which-step":
    case "flow-replay": {
      const s = prompt.kind === "which-step" || prompt.kind === "flow-replay" ? prompt.steps.find((x) => x.n === answer.step) : undefined;
      const step = s ? `Step ${s.n} — ${s.title}` : `Step ${answer.step}`;
      return answer.errorCode ? `${step} (${answer.errorCode})` : step;
    }
    case "jwt-predict":
      return answer.prediction === "match" ? "Still matches" : "No longer matches";
    case "chain-fix": {
      if (prompt.kind !== "chain-fix") return "A configuration";
      const before = prompt.fields;
      const changed = (Object.keys(answer.fields) as (keyof ChainFields)[]).filter((k) => answer.fields[k] !== undefined && answer.fields[k] !== before[k]);
      if (changed.length === 0) return "No change";
      return changed.map((k) => `${CHAIN_FIELD_LABELS[k]}: ${formatChainValue(answer.fields[k])}`).join("; ");
    }
    case "setup-challenge": {
      const x = answer.inputs;
      return `ServiceAccount ${x.namespace}/${x.serviceAccountName}, role ${x.roleName} with ${x.policy}`;
    }
    case "node-role": {
      const names = prompt.kind === "node-role" ? Object.fromEntries(prompt.options.map((o) => [o.id, o.label])) : {};
      return answer.selected.length ? answer.selected.map((id) => names[id] ?? id).join("; ") : "Nothing";
    }
  }
}

export function formatChainValue(v: string | boolean | undefined): string {
  if (v === true) return "yes";
  if (v === false) return "no";
  return v === undefined || v === "" ? "(empty)" : v;
}
