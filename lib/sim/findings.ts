/**
 * Security findings reported beside the verdict: a flow can succeed and still be wrong.
 */
import type { PolicyDocument } from "./world";
import { toList } from "./util";
import { evaluateOperator } from "./iam/conditions";
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

const POSITIVE_STRING_OPS = /^(ForAnyValue:|ForAllValues:)?(StringEquals|StringEqualsIgnoreCase|StringLike)(IfExists)?$/;

/**
 * Findings on a role's trust policy for one OIDC provider: a missing `sub` condition or a wildcard
 * that admits other service accounts / namespaces lets them assume the role (IRSA-FACTS §4);
 * no `aud` condition leaves the audience unrestricted.
 * @example trustPolicyFindings(role.AssumeRolePolicyDocument, { providerArn, issuerHostPath, namespace: "payments", serviceAccount: "billing-svc", roleName })
 */
export function trustPolicyFindings(doc: PolicyDocument, t: { providerArn: string; issuerHostPath: string; namespace: string; serviceAccount: string; roleName: string }): Finding[] {
  const out: Finding[] = [];
  const subKey = `${t.issuerHostPath}:sub`.toLowerCase();
  const audKey = `${t.issuerHostPath}:aud`.toLowerCase();
  for (const [i, s] of toList(doc.Statement).entries()) {
    if (s.Effect !== "Allow") continue;
    const principals = s.Principal === "*" ? ["*"] : toList(s.Principal?.Federated);
    if (!principals.some((p) => p === "*" || p === t.providerArn)) continue;
    if (!toList(s.Action).some((a) => actionMatches(a, "sts:AssumeRoleWithWebIdentity"))) continue;
    const entries = Object.entries(s.Condition ?? {}).flatMap(([op, keys]) => Object.entries(keys).map(([k, v]) => ({ op, key: k.toLowerCase(), values: toList(v as string | string[]).map(String) })));
    const subConds = entries.filter((e) => e.key === subKey && POSITIVE_STRING_OPS.test(e.op));
    const where = `trust policy of role ${t.roleName}, statement ${s.Sid ?? i}`;
    if (subConds.length === 0) {
      out.push({ code: FINDING_CODES.trustNoSubCondition, severity: "critical", message: `The ${where} has no condition on ${t.issuerHostPath}:sub: every service account in every namespace of the cluster can assume the role.` });
    } else {
      const admits = (sub: string) => subConds.every((c) => evaluateOperator(c.op, c.key, c.values, { [c.key]: sub }).matched);
      if (admits("system:serviceaccount:zz-other-namespace:zz-other-sa")) {
        out.push({ code: FINDING_CODES.trustSubWildcard, severity: "critical", message: `The ${where} matches ${t.issuerHostPath}:sub with a wildcard that admits service accounts of other namespaces (${subConds.flatMap((c) => c.values).join(", ")}).` });
      } else if (admits(`system:serviceaccount:${t.namespace}:zz-other-sa`)) {
        out.push({ code: FINDING_CODES.trustSubWildcard, severity: "warning", message: `The ${where} matches ${t.issuerHostPath}:sub with a wildcard that admits other service accounts of namespace ${t.namespace}.` });
      }
    }
    if (!entries.some((e) => e.key === audKey && POSITIVE_STRING_OPS.test(e.op))) {
      out.push({ code: FINDING_CODES.trustAudUnrestricted, severity: "warning", message: `The ${where} does not restrict ${t.issuerHostPath}:aud to sts.amazonaws.com.` });
    }
  }
  return out;
}
