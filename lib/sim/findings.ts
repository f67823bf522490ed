/**
 * Security findings reported beside the verdict: a flow can succeed and still be wrong.
 */
import type { PolicyDocument, Statement } from "./world";
import { toList } from "./util";
import { evaluateConditionBlock } from "./iam/conditions";
import { actionMatches } from "./iam/policy";

export const SEVERITY = { info: "info", warning: "warning", critical: "critical" } as const;
export type Severity = (typeof SEVERITY)[keyof typeof SEVERITY];

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
}

export const FINDING_CODES = {
  trustNoSubCondition: "trust.no-sub-condition",
  trustSubWildcard: "trust.sub-wildcard",
  trustAudUnrestricted: "trust.aud-unrestricted",
  nodeRoleCredentials: "credentials.node-role",
  staticKeys: "pod.static-keys",
  imdsReachable: "imds.node-role-reachable",
  notMutated: "webhook.not-mutated",
  envPreset: "webhook.env-preset",
  globalSts: "sts.global-endpoint",
} as const;

/**
 * Findings on a role's trust policy for one OIDC provider: a missing `sub` condition or a wildcard
 * that admits other service accounts / namespaces lets them assume the role (IRSA-FACTS §4);
 * no `aud` condition leaves the audience unrestricted.
 * @example trustPolicyFindings(role.AssumeRolePolicyDocument, { providerArn, issuerHostPath, namespace: "payments", serviceAccount: "billing-svc", roleName })
 */
export function trustPolicyFindings(doc: PolicyDocument, t: { providerArn: string; issuerHostPath: string; namespace: string; serviceAccount: string; roleName: string }): Finding[] {
  // Pure in (doc, t): memoised by the document's JSON and every field of t; callers get fresh copies.
  const key = `${t.providerArn}\u0000${t.issuerHostPath}\u0000${t.namespace}\u0000${t.serviceAccount}\u0000${t.roleName}\u0000${JSON.stringify(doc)}`;
  let hit = findingsMemo.get(key);
  if (!hit) {
    hit = trustPolicyFindingsUncached(doc, t);
    if (findingsMemo.size >= 512) findingsMemo.clear();
    findingsMemo.set(key, hit);
  }
  return hit.map((f) => ({ ...f }));
}

const findingsMemo = new Map<string, Finding[]>();

function trustPolicyFindingsUncached(doc: PolicyDocument, t: { providerArn: string; issuerHostPath: string; namespace: string; serviceAccount: string; roleName: string }): Finding[] {
  const out: Finding[] = [];
  const subKey = `${t.issuerHostPath}:sub`;
  const audKey = `${t.issuerHostPath}:aud`;
  const own = `system:serviceaccount:${t.namespace}:${t.serviceAccount}`;
  // Probe the statement with requests it should refuse: another namespace, another SA, another audience.
  const admits = (s: Statement, sub: string, aud: string) => evaluateConditionBlock(s.Condition, { [subKey]: sub, [audKey]: aud }).matched;
  for (const [i, s] of toList(doc.Statement).entries()) {
    if (s.Effect !== "Allow") continue;
    const principals = s.Principal === "*" ? ["*"] : toList(s.Principal?.Federated);
    if (!principals.some((p) => p === "*" || p === t.providerArn)) continue;
    if (!toList(s.Action).some((a) => actionMatches(a, "sts:AssumeRoleWithWebIdentity"))) continue;
    const where = `trust policy of role ${t.roleName}, statement ${s.Sid ?? i}`;
    const hasSub = Object.values(s.Condition ?? {}).some((keys) => Object.keys(keys).some((k) => k.toLowerCase() === subKey.toLowerCase()));
    if (admits(s, "system:serviceaccount:zz-other-namespace:zz-other-sa", "sts.amazonaws.com")) {
      out.push(hasSub
        ? { code: FINDING_CODES.trustSubWildcard, severity: "critical", message: `The ${where} matches ${subKey} with a wildcard (or negation) that admits service accounts of other namespaces.` }
        : { code: FINDING_CODES.trustNoSubCondition, severity: "critical", message: `The ${where} has no condition on ${subKey}: every service account in every namespace of the cluster can assume the role.` });
    } else if (admits(s, `system:serviceaccount:${t.namespace}:zz-other-sa`, "sts.amazonaws.com")) {
      out.push({ code: FINDING_CODES.trustSubWildcard, severity: "warning", message: `The ${where} matches ${subKey} with a wildcard that admits other service accounts of namespace ${t.namespace}.` });
    }
    if (admits(s, own, "sts.amazonaws.com") && admits(s, own, "zz-some-other-audience")) {
      out.push({ code: FINDING_CODES.trustAudUnrestricted, severity: "warning", message: `The ${where} does not restrict ${audKey} to sts.amazonaws.com.` });
    }
  }
  return out;
}
