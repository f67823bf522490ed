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

/**
 * Probe values for "someone else": a plainly different name plus near misses of the own name, so that
 * patterns like `pay*`, `*-svc` or `billing-sv?` are caught too (names are DNS labels: lowercase, digits, `-`).
 */
function otherNames(own: string): string[] {
  const last = own.at(-1) === "z" ? "y" : "z";
  return [...new Set(["zz-other", `${own}-zz`, `zz-${own}`, `${own.slice(0, -1)}${last}`])].filter((n) => n !== own);
}

function trustPolicyFindingsUncached(doc: PolicyDocument, t: { providerArn: string; issuerHostPath: string; namespace: string; serviceAccount: string; roleName: string }): Finding[] {
  const out: Finding[] = [];
  const subKey = `${t.issuerHostPath}:sub`;
  const audKey = `${t.issuerHostPath}:aud`;
  const subOf = (ns: string, sa: string) => `system:serviceaccount:${ns}:${sa}`;
  const own = subOf(t.namespace, t.serviceAccount);
  const otherNs = otherNames(t.namespace);
  const otherSa = otherNames(t.serviceAccount);
  // Probe the statement with requests it should refuse: three kinds of "someone else", and another audience.
  const admits = (s: Statement, sub: string, aud: string) => evaluateConditionBlock(s.Condition, { [subKey]: sub, [audKey]: aud }).matched;
  const firstAdmitted = (s: Statement, subs: string[]) => subs.find((sub) => admits(s, sub, "sts.amazonaws.com"));
  for (const [i, s] of toList(doc.Statement).entries()) {
    if (s.Effect !== "Allow") continue;
    const principals = s.Principal === "*" ? ["*"] : toList(s.Principal?.Federated);
    if (!principals.some((p) => p === "*" || p === t.providerArn)) continue;
    if (!toList(s.Action).some((a) => actionMatches(a, "sts:AssumeRoleWithWebIdentity"))) continue;
    const where = `trust policy of role ${t.roleName}, statement ${s.Sid ?? i}`;
    const hasSub = Object.values(s.Condition ?? {}).some((keys) => Object.keys(keys).some((k) => k.toLowerCase() === subKey.toLowerCase()));
    const probes = [
      { what: `service account ${t.serviceAccount} in other namespaces`, hit: firstAdmitted(s, otherNs.map((ns) => subOf(ns, t.serviceAccount))) },
      { what: `other service accounts of namespace ${t.namespace}`, hit: firstAdmitted(s, otherSa.map((sa) => subOf(t.namespace, sa))) },
      { what: "other service accounts in other namespaces", hit: firstAdmitted(s, otherNs.flatMap((ns) => otherSa.map((sa) => subOf(ns, sa)))) },
    ];
    const admitted = probes.filter((p) => p.hit !== undefined);
    if (!hasSub && admitted.length === probes.length) {
      out.push({ code: FINDING_CODES.trustNoSubCondition, severity: "critical", message: `The ${where} has no condition on ${subKey}: every service account in every namespace of the cluster can assume the role.` });
    } else if (admitted.length > 0) {
      // Severity: the namespace is Kubernetes' isolation boundary. Admitting any subject of ANOTHER namespace
      // (`*:*`, `*:billing-svc`, a negation) is critical: whoever can create a namespace (or write to any other
      // one) and a ServiceAccount there gets the role. Admitting only other SAs of the same namespace
      // (`payments:*`) stays inside that boundary: a warning.
      const [sameSaElsewhere, otherSaHere, anyoneElsewhere] = probes.map((p) => p.hit !== undefined);
      const crossNamespace = sameSaElsewhere || anyoneElsewhere;
      const list = admitted.map((p) => `${p.what} (e.g. ${p.hit})`).join("; ");
      const consequence = anyoneElsewhere
        ? " Anyone who can create a namespace, or a ServiceAccount in another namespace, can assume the role."
        : sameSaElsewhere
          ? ` Anyone who can create a namespace and a ServiceAccount named ${t.serviceAccount} in it can assume the role: the namespace is part of the identity.`
          : otherSaHere ? ` Any Pod in ${t.namespace} that runs as another ServiceAccount can assume the role.` : "";
      out.push({
        code: FINDING_CODES.trustSubWildcard,
        severity: crossNamespace ? "critical" : "warning",
        message: `The ${where} matches ${subKey} with a wildcard (or negation) that admits more than ${own}: ${list}.${consequence}`,
      });
    }
    if (admits(s, own, "sts.amazonaws.com") && admits(s, own, "zz-some-other-audience")) {
      out.push({ code: FINDING_CODES.trustAudUnrestricted, severity: "warning", message: `The ${where} does not restrict ${audKey} to sts.amazonaws.com.` });
    }
  }
  return out;
}
