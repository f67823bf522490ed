/**
 * kind "chain-fix": the four pieces that must agree — OIDC provider → trust policy → ServiceAccount → Pod —
 * as editable fields. The server applies the submitted fields to the broken world and runs the simulator:
 * correct iff the flow succeeds with no critical finding (and none of the scenario's forbidden findings).
 */
import type { ActivityPrompt, ActivityReveal, ChainFields } from "@/lib/contract";
import { issuerHostPath, providerArn, traceFlow, type FlowTrace, type IAMRole, type Scenario, type World } from "@/lib/sim";
import { judgeTrace } from "../bank/verdict";
import { evidencePanels, intendedRole, podServiceAccount, revealPanels } from "../evidence";
import type { ActivitySpec, AnswerCheck, PreparedActivity } from "../types";
import { WRONG } from "./common";

export const CHAIN_OPERATORS = ["StringEquals", "StringLike", "StringEqualsIgnoreCase", "StringNotEquals"] as const;
const ROLE_ARN = "eks.amazonaws.com/role-arn";
const toList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const norm = (u: string) => issuerHostPath(u.startsWith("https://") ? u : `https://${u}`);

interface ChainTarget {
  role: { accountId: string; RoleName: string } | null;
  sa: { name: string; namespace: string } | null;
}

function target(scenario: Scenario, trace: FlowTrace): ChainTarget {
  const w = scenario.world;
  // The role the Pod asks for; when that ARN names no role (a typo), the scenario's own role is the one to point at.
  const role = intendedRole({ scenario, trace }).role ?? w.iam.roles.find((r) => `arn:aws:iam::${r.accountId}:role/${r.RoleName}` !== w.node.instanceRoleArn);
  const sa = podServiceAccount(scenario.world) ?? scenario.world.kubernetes.serviceAccounts[0];
  return {
    role: role ? { accountId: role.accountId, RoleName: role.RoleName } : null,
    sa: sa ? { name: sa.metadata.name, namespace: sa.metadata.namespace ?? scenario.world.kubernetes.pod.metadata.namespace ?? "default" } : null,
  };
}

const findTargetRole = (w: World, t: ChainTarget): IAMRole | undefined => (t.role ? w.iam.roles.find((r) => r.accountId === t.role?.accountId && r.RoleName === t.role.RoleName) : undefined);

/** The chain's fields as the broken world has them. */
export function currentChainFields(world: World, t: ChainTarget): ChainFields {
  const role = findTargetRole(world, t);
  const acct = role?.accountId ?? world.cluster.accountId;
  const host = issuerHostPath(world.cluster.oidcIssuer);
  const st = role ? toList(role.AssumeRolePolicyDocument.Statement).find((s) => s.Effect === "Allow") : undefined;
  const federated = st && st.Principal !== "*" ? String(toList(st.Principal?.Federated)[0] ?? "") : "";
  const entries = Object.entries(st?.Condition ?? {}).flatMap(([op, keys]) => Object.entries(keys).map(([key, v]) => ({ op, key, value: String(toList(v as string | string[])[0] ?? "") })));
  const sub = entries.find((e) => /:sub$/i.test(e.key));
  const aud = entries.find((e) => /:aud$/i.test(e.key));
  const sa = t.sa ? world.kubernetes.serviceAccounts.find((s) => s.metadata.name === t.sa?.name && (s.metadata.namespace ?? t.sa.namespace) === t.sa.namespace) : undefined;
  const pod = world.kubernetes.pod;
  return {
    oidcProviderRegistered: world.iam.oidcProviders.some((p) => p.accountId === acct && norm(p.Url) === norm(world.cluster.oidcIssuer)),
    trustFederated: federated,
    subKey: sub?.key ?? `${host}:sub`,
    subOperator: sub?.op ?? "StringEquals",
    subValue: sub?.value ?? "",
    audKey: aud?.key ?? `${host}:aud`,
    audOperator: aud?.op ?? "StringEquals",
    audValue: aud?.value ?? "",
    saNamespace: sa?.metadata.namespace ?? t.sa?.namespace ?? "",
    saName: sa?.metadata.name ?? t.sa?.name ?? "",
    saRoleArn: sa?.metadata.annotations?.[ROLE_ARN] ?? "",
    podServiceAccount: pod.spec.serviceAccountName ?? "default",
    podNamespace: pod.metadata.namespace ?? "default",
  };
}

/** The fields as a correct setup would have them (the reveal's answer). */
export function idealChainFields(world: World, t: ChainTarget): ChainFields {
  const acct = t.role?.accountId ?? world.cluster.accountId;
  const host = issuerHostPath(world.cluster.oidcIssuer);
  const pod = world.kubernetes.pod;
  const ns = pod.metadata.namespace ?? "default";
  const sa = pod.spec.serviceAccountName ?? "default";
  return {
    oidcProviderRegistered: true,
    trustFederated: providerArn(acct, world.cluster.oidcIssuer),
    subKey: `${host}:sub`, subOperator: "StringEquals", subValue: `system:serviceaccount:${ns}:${sa}`,
    audKey: `${host}:aud`, audOperator: "StringEquals", audValue: "sts.amazonaws.com",
    saNamespace: ns, saName: sa, saRoleArn: t.role ? `arn:aws:iam::${t.role.accountId}:role/${t.role.RoleName}` : "",
    podServiceAccount: sa, podNamespace: ns,
  };
}

/** Apply chain fields to a world (a new world; the input is not changed). */
export function applyChainFields(world: World, t: ChainTarget, f: ChainFields): World {
  const w: World = structuredClone(world);
  const acct = t.role?.accountId ?? w.cluster.accountId;
  const registered = (p: World["iam"]["oidcProviders"][number]) => p.accountId === acct && norm(p.Url) === norm(w.cluster.oidcIssuer);
  if (f.oidcProviderRegistered && !w.iam.oidcProviders.some(registered)) w.iam.oidcProviders.push({ accountId: acct, Url: w.cluster.oidcIssuer, ClientIDList: ["sts.amazonaws.com"], ThumbprintList: [] });
  if (!f.oidcProviderRegistered) w.iam.oidcProviders = w.iam.oidcProviders.filter((p) => !registered(p));
  const role = findTargetRole(w, t);
  if (role) {
    const condition: Record<string, Record<string, string>> = {};
    if (f.subValue !== "") (condition[f.subOperator] ??= {})[f.subKey] = f.subValue;
    if (f.audValue !== "") (condition[f.audOperator] ??= {})[f.audKey] = f.audValue;
    const stmts = toList(role.AssumeRolePolicyDocument.Statement);
    const i = Math.max(0, stmts.findIndex((s) => s.Effect === "Allow"));
    const base = stmts[i] ?? { Effect: "Allow" as const, Action: "sts:AssumeRoleWithWebIdentity" };
    stmts[i] = { ...base, Principal: { Federated: f.trustFederated }, ...(Object.keys(condition).length ? { Condition: condition } : { Condition: undefined }) };
    role.AssumeRolePolicyDocument = { ...role.AssumeRolePolicyDocument, Statement: stmts.map((s) => JSON.parse(JSON.stringify(s)) as typeof s) };
  }
  const sa = t.sa ? w.kubernetes.serviceAccounts.find((s) => s.metadata.name === t.sa?.name && (s.metadata.namespace ?? t.sa.namespace) === t.sa.namespace) : undefined;
  if (sa) {
    sa.metadata.name = f.saName;
    sa.metadata.namespace = f.saNamespace;
    const ann = { ...(sa.metadata.annotations ?? {}) };
    if (f.saRoleArn) ann[ROLE_ARN] = f.saRoleArn;
    else delete ann[ROLE_ARN];
    sa.metadata.annotations = ann;
  }
  w.kubernetes.pod.spec.serviceAccountName = f.podServiceAccount;
  w.kubernetes.pod.metadata.namespace = f.podNamespace;
  return w;
}

export interface ChainFixSource {
  scenario: Scenario;
  broken: FlowTrace;
  title: string;
  symptom?: string | undefined;
  forbidFindings?: readonly string[] | undefined;
}

/**
 * Why a scenario cannot be played as chain-fix, worded for its author; null when it can: its flow is broken, and
 * setting the chain's fields as they should be (the reveal's answer) makes lib/sim's flow succeed with no critical
 * finding (nor one of the scenario's forbidden findings). The fields and their starting values come from the
 * scenario's own world: its OIDC providers, the role the Pod asks for, its ServiceAccount and its Pod.
 * @example
 * await chainFixProblem({ scenario, broken, title }) // "the flow already succeeds with no critical finding: there is nothing to fix"
 */
export async function chainFixProblem(src: Pick<ChainFixSource, "scenario" | "broken" | "forbidFindings">): Promise<string | null> {
  if (judgeTrace(src.broken, src.forbidFindings).correct) return "the flow already succeeds with no critical finding: there is nothing to fix";
  const t = target(src.scenario, src.broken);
  if (!t.role) return "the world has no IAM role for the ServiceAccount to point at (only the node's instance role): add the IAMRole the Pod should use";
  if (!t.sa) return "the world has no ServiceAccount to fix: add the one the Pod should run as";
  const trace = await traceFlow(applyChainFields(src.scenario.world, t, idealChainFields(src.scenario.world, t)));
  const fixed = judgeTrace(trace, src.forbidFindings);
  // Only scenarios whose break lies IN the chain: the chain's fields alone must be able to fix it.
  if (!fixed.correct) {
    return `the break is outside the chain: with the OIDC provider registered and the trust policy, ServiceAccount and Pod set as they should be, the flow still ${fixed.outcome}`;
  }
  return null;
}

export async function prepareChainFix(spec: ActivitySpec, src: ChainFixSource): Promise<PreparedActivity> {
  const world = src.scenario.world;
  const t = target(src.scenario, src.broken);
  const current = currentChainFields(world, t);
  const ideal = idealChainFields(world, t);
  const idealTrace = await traceFlow(applyChainFields(world, t, ideal));
  if (!judgeTrace(idealTrace, src.forbidFindings).correct) throw new Error(`${spec.scenarioId}: the validation chain's fields cannot fix this scenario`);
  const prompt: ActivityPrompt = {
    kind: "chain-fix",
    title: src.title,
    prompt: `${src.symptom ? `${src.symptom} ` : ""}Fix the configuration: OIDC provider → trust policy → ServiceAccount → Pod. The simulator runs your version.`,
    panels: evidencePanels({ scenario: src.scenario, trace: src.broken }, ["app-log"]),
    fields: current,
    operators: [...CHAIN_OPERATORS],
  };
  const reveal: ActivityReveal = {
    correct: { kind: "chain-fix", fields: ideal },
    correctLabel: `Provider registered; Federated ${ideal.trustFederated}; ${ideal.subOperator} ${ideal.subKey} = ${ideal.subValue}; ${ideal.audOperator} ${ideal.audKey} = ${ideal.audValue}; ServiceAccount ${ideal.saNamespace}/${ideal.saName} → ${ideal.saRoleArn}; Pod in ${ideal.podNamespace} with ${ideal.podServiceAccount}`,
    explanation: "All four pieces must agree: the issuer registered as an IAM OIDC provider in the role's account; the trust policy's Federated principal is that provider's ARN and its conditions use the issuer without https:// plus :sub / :aud, with StringEquals on the exact system:serviceaccount:<namespace>:<name>; the ServiceAccount carries the role's ARN; and the Pod runs in that namespace with that ServiceAccount.",
    panels: revealPanels(src.broken),
  };
  const cache = new Map<string, AnswerCheck>();
  return {
    spec,
    title: src.title,
    prompt,
    reveal,
    meta: { failingStep: src.broken.failedStep, errorCode: src.broken.error?.code ?? null },
    async check(answer) {
      if (answer.kind !== "chain-fix") return WRONG;
      const fields: ChainFields = { ...current, ...Object.fromEntries(Object.entries(answer.fields).filter(([, v]) => v !== undefined)) };
      const key = JSON.stringify(fields);
      const hit = cache.get(key);
      if (hit) return hit;
      const trace = await traceFlow(applyChainFields(world, t, fields));
      const j = judgeTrace(trace, src.forbidFindings);
      const ok = j.correct;
      const detail = trace.error ? `: ${trace.error.message}` : "";
      const r: AnswerCheck = { correct: ok, credit: ok ? 1 : 0, verdict: `With your fields the flow ${j.outcome}${detail}` };
      if (cache.size < 2000) cache.set(key, r);
      return r;
    },
    /** Which fields the student changed (sorted), e.g. "subValue" or "saName,subValue"; "(none)". */
    distributionKey(answer) {
      if (answer.kind !== "chain-fix") return "(other)";
      const changed = Object.entries(answer.fields).filter(([k, v]) => v !== undefined && current[k as keyof ChainFields] !== v).map(([k]) => k).sort();
      return changed.length ? changed.join(",") : "(none)";
    },
  };
}
