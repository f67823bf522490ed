/**
 * Section 3's input shape and field map, safe for the browser (no simulator import): the four pieces
 * OIDC Provider → IAM Trust Policy → ServiceAccount → Pod, the fields each link depends on, and the
 * presets of common breakages. The verdicts come from lib/lab/chain.ts (server side, lib/sim).
 */
import { z } from "zod";
import { LAB_CLUSTER, SCENARIO_IDS, roleArnOf, type LabScenario } from "./catalog";

export const CONDITION_OPERATORS = ["StringEquals", "StringLike", "StringEqualsIgnoreCase", "StringNotEquals", "none"] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

const text = z.string().max(300);
const k8sName = z.string().min(1, "required").max(253);

export const chainInputSchema = z.object({
  scenario: z.enum(SCENARIO_IDS),
  oidcRegistered: z.boolean(),
  federated: text,
  subKey: text,
  subOperator: z.enum(CONDITION_OPERATORS),
  subValue: text,
  audKey: text,
  audOperator: z.enum(CONDITION_OPERATORS),
  audValue: text,
  saNamespace: k8sName,
  saName: k8sName,
  /** "" = no eks.amazonaws.com/role-arn annotation. */
  saRoleArn: text,
  podNamespace: k8sName,
  /** "" = the Pod names no ServiceAccount (it gets "default"). */
  podServiceAccount: z.string().max(253),
});
export type ChainInput = z.infer<typeof chainInputSchema>;
export type ChainField = Exclude<keyof ChainInput, "scenario">;

export const CHAIN_LINKS = [
  { id: "provider-trust", from: "🔑 OIDC Provider", to: "🎭 IAM Trust Policy", fields: ["oidcRegistered", "federated"] },
  { id: "trust-sa", from: "🎭 IAM Trust Policy", to: "📛 ServiceAccount", fields: ["subKey", "subOperator", "subValue", "audKey", "audOperator", "audValue", "saNamespace", "saName", "saRoleArn"] },
  { id: "sa-pod", from: "📛 ServiceAccount", to: "📦 Pod", fields: ["saNamespace", "saName", "podNamespace", "podServiceAccount"] },
] as const satisfies readonly { id: string; from: string; to: string; fields: readonly ChainField[] }[];
export type ChainLinkId = (typeof CHAIN_LINKS)[number]["id"];

const host = LAB_CLUSTER.oidcIssuer.replace(/^https:\/\//, "");

/** The correct configuration for a story (what eksctl would create). */
export function defaultChainInput(s: LabScenario): ChainInput {
  return {
    scenario: s.id,
    oidcRegistered: true,
    federated: `arn:aws:iam::${LAB_CLUSTER.accountId}:oidc-provider/${host}`,
    subKey: `${host}:sub`,
    subOperator: "StringEquals",
    subValue: `system:serviceaccount:${s.namespace}:${s.serviceAccountName}`,
    audKey: `${host}:aud`,
    audOperator: "StringEquals",
    audValue: "sts.amazonaws.com",
    saNamespace: s.namespace,
    saName: s.serviceAccountName,
    saRoleArn: roleArnOf(LAB_CLUSTER.accountId, s.roleName),
    podNamespace: s.namespace,
    podServiceAccount: s.serviceAccountName,
  };
}

export interface ChainPreset {
  id: string;
  label: string;
  make(s: LabScenario): Partial<ChainInput>;
}

/** Common breakages (IRSA-FACTS §7). What each one does to the flow is the simulator's to say. */
export const CHAIN_PRESETS: readonly ChainPreset[] = [
  { id: "valid", label: "✓ Everything agrees", make: () => ({}) },
  { id: "ns-typo", label: "Namespace typo in the trust policy's sub", make: (s) => ({ subValue: `system:serviceaccount:${s.namespace.slice(0, -1)}:${s.serviceAccountName}` }) },
  { id: "star-equals", label: "* inside StringEquals", make: (s) => ({ subValue: `system:serviceaccount:${s.namespace}:*` }) },
  { id: "https-key", label: "Condition key written with https://", make: () => ({ subKey: `https://${host}:sub` }) },
  { id: "no-provider", label: "OIDC provider never created", make: () => ({ oidcRegistered: false }) },
  { id: "wrong-principal", label: "Principal names another cluster's provider", make: () => ({ federated: `arn:aws:iam::${LAB_CLUSTER.accountId}:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF` }) },
  { id: "aud-typo", label: "Audience typo in the trust policy", make: () => ({ audValue: "sts.amazonaws.co" }) },
  { id: "annotation-account", label: "role-arn annotation: wrong account", make: (s) => ({ saRoleArn: roleArnOf("444455556666", s.roleName) }) },
  { id: "no-annotation", label: "ServiceAccount without role-arn", make: () => ({ saRoleArn: "" }) },
  { id: "default-sa", label: "Pod runs as the default ServiceAccount", make: () => ({ podServiceAccount: "" }) },
  { id: "sa-namespace", label: "ServiceAccount created in another namespace", make: () => ({ saNamespace: "default" }) },
  { id: "wildcard-like", label: "⚠ StringLike system:serviceaccount:*:* (works, insecure)", make: () => ({ subOperator: "StringLike", subValue: "system:serviceaccount:*:*" }) },
];
