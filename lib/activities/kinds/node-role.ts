/**
 * kind "node-role": "which services can <pod> reach?" before IRSA (every Pod gets the node's instance role
 * through IMDS) and after (only its own role; IMDS blocked). The correct set is computed with lib/sim's
 * evaluatePolicies. Partial credit = Jaccard index |picked ∩ correct| / |picked ∪ correct| (1 when both are
 * empty); correct iff the credit is 1.
 *
 * Options (`spec.config`): `options`, the ids of the services offered (default: all of NODE_ROLE_TARGETS, at least 2);
 * the correct set is the reachable ones among them. Any other field is refused.
 */
import type { z } from "zod";
import type { ActivityPrompt, ActivityReveal } from "@/lib/contract";
import { DEFAULTS, evaluatePolicies, type PolicyDocument } from "@/lib/sim";
import type { ActivitySpec, PreparedActivity } from "../types";
import { configOrThrow, configSchema, idListSchema, parseConfig, WRONG, type ConfigResult } from "./common";

const ACC = DEFAULTS.accountId;
const R = "us-east-1";

export const NODE_ROLE_TARGETS = [
  { id: "users-read", label: "DynamoDB — read table Users", action: "dynamodb:GetItem", resource: `arn:aws:dynamodb:${R}:${ACC}:table/Users` },
  { id: "users-delete", label: "DynamoDB — delete items in Users", action: "dynamodb:DeleteItem", resource: `arn:aws:dynamodb:${R}:${ACC}:table/Users` },
  { id: "assets-read", label: "S3 — read bucket frontend-assets", action: "s3:GetObject", resource: "arn:aws:s3:::frontend-assets/index.html" },
  { id: "analytics-read", label: "S3 — read bucket analytics-data", action: "s3:GetObject", resource: "arn:aws:s3:::analytics-data/2024/11/events.parquet" },
  { id: "ses-send", label: "SES — send email as example.com", action: "ses:SendEmail", resource: `arn:aws:ses:${R}:${ACC}:identity/example.com` },
  { id: "queue-send", label: "SQS — send to billing-events", action: "sqs:SendMessage", resource: `arn:aws:sqs:${R}:${ACC}:billing-events` },
  { id: "secret-read", label: "Secrets Manager — read prod/db-password", action: "secretsmanager:GetSecretValue", resource: `arn:aws:secretsmanager:${R}:${ACC}:secret:prod/db-password-AbCdEf` },
] as const;

const doc = (statements: { Action: string[]; Resource: string | string[] }[]): PolicyDocument => ({ Version: "2012-10-17", Statement: statements.map((s) => ({ Effect: "Allow" as const, ...s })) });

/** The node role the cluster grew over the years: everything any Pod ever needed. */
export const NODE_ROLE_POLICY = doc([
  { Action: ["dynamodb:*"], Resource: "*" },
  { Action: ["s3:GetObject", "s3:ListBucket"], Resource: "*" },
  { Action: ["ses:SendEmail"], Resource: "*" },
  { Action: ["sqs:SendMessage"], Resource: `arn:aws:sqs:${R}:${ACC}:billing-events` },
]);

export const POD_ROLES: Record<string, { emoji: string; role: string; policy: PolicyDocument }> = {
  billing: { emoji: "💳", role: "billing-dynamodb-reader", policy: doc([{ Action: ["dynamodb:GetItem", "dynamodb:Query"], Resource: `arn:aws:dynamodb:${R}:${ACC}:table/Users` }, { Action: ["sqs:SendMessage"], Resource: `arn:aws:sqs:${R}:${ACC}:billing-events` }]) },
  frontend: { emoji: "🖥", role: "frontend-assets-reader", policy: doc([{ Action: ["s3:GetObject"], Resource: "arn:aws:s3:::frontend-assets/*" }]) },
  analytics: { emoji: "📊", role: "analytics-reader", policy: doc([{ Action: ["s3:GetObject"], Resource: "arn:aws:s3:::analytics-data/*" }, { Action: ["dynamodb:Query"], Resource: `arn:aws:dynamodb:${R}:${ACC}:table/Users` }]) },
};

export function reachable(pod: string, phase: "before" | "after"): string[] {
  const p = POD_ROLES[pod];
  if (!p) return [];
  const [principalArn, policy] = phase === "before" ? [`arn:aws:sts::${ACC}:assumed-role/${DEFAULTS.nodeRoleName}/i-0123456789abcdef0`, NODE_ROLE_POLICY] : [`arn:aws:sts::${ACC}:assumed-role/${p.role}/s`, p.policy];
  return NODE_ROLE_TARGETS.filter((t) => evaluatePolicies({ principalArn, action: t.action, resource: t.resource }, { identity: [{ name: "policy", document: policy }] }).allowed).map((t) => t.id);
}

/** Jaccard index of two sets of ids (1 when both are empty). */
export function jaccard(picked: readonly string[], correct: readonly string[]): number {
  const a = new Set(picked);
  const b = new Set(correct);
  const union = new Set([...a, ...b]);
  if (union.size === 0) return 1;
  return [...a].filter((x) => b.has(x)).length / union.size;
}

const NODE_ROLE_IDS: readonly string[] = NODE_ROLE_TARGETS.map((t) => t.id);

/** `options`: ids of NODE_ROLE_TARGETS offered on the phones, kept in the targets' order (default: all of them). */
export const nodeRoleConfigSchema = configSchema("node-role", {
  options: idListSchema(NODE_ROLE_IDS, 2)
    .transform((picked) => NODE_ROLE_IDS.filter((id) => picked.includes(id)))
    .default(() => [...NODE_ROLE_IDS]),
});
export type NodeRoleConfig = z.output<typeof nodeRoleConfigSchema>;

/**
 * @example
 * nodeRoleConfig({ options: ["users-read", "assets-read"] }) // { ok: true, value: { options: ["users-read", "assets-read"] } }
 * nodeRoleConfig({ shuffle: true })                          // { ok: false, issues: [{ field: "shuffle", message: "config.shuffle: node-role activities take only \"options\"" }] }
 */
export function nodeRoleConfig(config: Record<string, unknown>): ConfigResult<NodeRoleConfig> {
  return parseConfig(nodeRoleConfigSchema, config);
}

export function prepareNodeRole(spec: ActivitySpec, pod: string, phase: "before" | "after"): PreparedActivity {
  const p = POD_ROLES[pod];
  if (!p) throw new Error(`node-role: unknown pod ${pod}`);
  const { options } = configOrThrow(spec.scenarioId, nodeRoleConfig(spec.config ?? {}));
  const offered = (ids: string[]) => ids.filter((id) => options.includes(id));
  const correct = offered(reachable(pod, phase));
  const label = (ids: string[]) => (ids.length ? ids.map((id) => NODE_ROLE_TARGETS.find((t) => t.id === id)?.label ?? id).join("; ") : "nothing");
  const prompt: ActivityPrompt = {
    kind: "node-role",
    title: `${p.emoji} ${pod}: ${phase === "before" ? "before IRSA" : "with IRSA"}`,
    prompt: phase === "before"
      ? `One node runs 💳 billing, 🖥 frontend and 📊 analytics. No IRSA yet: every Pod gets the node's instance role through IMDS. Which of these can ${pod} reach?`
      : `Now each Pod has its own IRSA role and IMDS is blocked (hop limit 1). Which of these can ${pod} reach?`,
    panels: [{ id: "policy", title: phase === "before" ? `Node role ${DEFAULTS.nodeRoleName}` : `Role ${p.role}`, language: "json", content: JSON.stringify(phase === "before" ? NODE_ROLE_POLICY : p.policy, null, 4) }],
    pod,
    phase,
    options: NODE_ROLE_TARGETS.filter((t) => options.includes(t.id)).map((t) => ({ id: t.id, label: t.label })),
  };
  const reveal: ActivityReveal = {
    correct: { kind: "node-role", selected: correct },
    correctLabel: label(correct),
    explanation: phase === "before"
      ? "Without IRSA every Pod on the node shares the instance role: one compromised frontend reaches everything the node role allows."
      : `With IRSA, ${pod} gets only ${p.role}'s permissions; with IMDS blocked the node role is out of reach.`,
    panels: [{ id: "other-phase", title: phase === "before" ? "With IRSA instead" : "Before IRSA it was", language: "text", content: label(offered(reachable(pod, phase === "before" ? "after" : "before"))) }],
  };
  return {
    spec,
    title: prompt.title,
    prompt,
    reveal,
    async check(a) {
      if (a.kind !== "node-role") return WRONG;
      const credit = jaccard(a.selected, correct);
      return { correct: credit === 1, credit };
    },
    distributionKey: (a) => (a.kind === "node-role" ? ([...new Set(a.selected)].sort().join(",") || "(none)") : "(other)"),
  };
}
