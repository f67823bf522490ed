import type { Metadata } from "next";
import { CodeBlock } from "@/app/_components/CodeBlock";
import { softBreaks } from "@/app/_components/SoftBreaks";
import { LabShell } from "@/app/lab/_components/LabShell";
import { scenarioFromParam, LAB_CLUSTER } from "@/lib/lab/scenarios";
import { referenceErrors, referenceSnippets } from "@/lib/lab/reference";
import "@/app/lab/lab.css";

export const metadata: Metadata = { title: "IRSA reference · IRSA Classroom" };

/** Section 7: the printable reference. Quoted errors, the trust policy and the webhook's injection come from lib/sim runs. */
export default async function ReferencePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const s = scenarioFromParam((await searchParams).scenario);
  const [errors, snip] = await Promise.all([referenceErrors(s), referenceSnippets(s)]);
  const host = LAB_CLUSTER.oidcIssuer.replace("https://", "");
  const roleArn = `arn:aws:iam::${LAB_CLUSTER.accountId}:role/${s.roleName}`;
  const kubectl = [
    `# Does the ServiceAccount carry the role?`,
    `kubectl get serviceaccount ${s.serviceAccountName} -n ${s.namespace} -o yaml`,
    `# Did the webhook mutate the pod? (env + token volume)`,
    `kubectl get pod ${s.podName} -n ${s.namespace} -o yaml | grep -E 'AWS_|aws-iam-token'`,
    `kubectl exec -n ${s.namespace} ${s.podName} -- env | grep AWS_`,
    `# Is the pod running as the SA you think?`,
    `kubectl get pod ${s.podName} -n ${s.namespace} -o jsonpath='{.spec.serviceAccountName}'`,
    `# Decode the projected token's claims (iss, sub, aud, exp)`,
    `kubectl exec -n ${s.namespace} ${s.podName} -- cat /var/run/secrets/eks.amazonaws.com/serviceaccount/token | cut -d. -f2 | base64 -d 2>/dev/null`,
    `# Is the webhook running?`,
    `kubectl get mutatingwebhookconfiguration pod-identity-webhook`,
  ].join("\n");
  const aws = [
    `# The cluster's issuer, and is there an IAM OIDC provider for it?`,
    `aws eks describe-cluster --name ${LAB_CLUSTER.clusterName} --query cluster.identity.oidc.issuer --output text`,
    `aws iam list-open-id-connect-providers | grep ${LAB_CLUSTER.oidcId}`,
    `# The role's trust policy (compare :sub with system:serviceaccount:${s.namespace}:${s.serviceAccountName})`,
    `aws iam get-role --role-name ${s.roleName} --query Role.AssumeRolePolicyDocument`,
    `# Its permissions`,
    `aws iam list-role-policies --role-name ${s.roleName}`,
    `aws iam list-attached-role-policies --role-name ${s.roleName}`,
    `# From inside the pod: who am I? (expect assumed-role/${s.roleName}/…)`,
    `kubectl exec -n ${s.namespace} ${s.podName} -- aws sts get-caller-identity`,
    `# Try the exchange by hand`,
    `aws sts assume-role-with-web-identity --role-arn ${roleArn} --role-session-name debug --web-identity-token "$(kubectl exec -n ${s.namespace} ${s.podName} -- cat /var/run/secrets/eks.amazonaws.com/serviceaccount/token)"`,
  ].join("\n");
  return (
    <LabShell scenario={s} current="reference">
      <div className="flex flex-wrap gap-3 print:hidden">
        <p className="text-base text-muted">Names follow the story picked above ({s.emoji} {s.workload}). Print this page for a one-stop cheat sheet.</p>
      </div>

      <section aria-labelledby="ref-trust" className="space-y-3">
        <h2 id="ref-trust" className="text-2xl font-bold"><span aria-hidden="true">🎭</span> The canonical trust policy</h2>
        <CodeBlock title="Trust policy (AssumeRolePolicyDocument)" language="json" content={snip.trustPolicy} />
        <ul className="list-disc space-y-1 pl-6 text-base">
          <li><strong>Principal.Federated</strong> is the IAM OIDC provider&apos;s ARN: <code className="font-mono">{softBreaks(`arn:aws:iam::ACCOUNT:oidc-provider/${host}`)}</code>.</li>
          <li>Condition keys are the issuer <strong>without https://</strong> plus <code className="font-mono">:sub</code> and <code className="font-mono">:aud</code>. A key with https://, an ARN prefix, or :aud where :sub was meant never matches.</li>
          <li><strong>Why StringEquals, not StringLike:</strong> StringEquals is exact and case-sensitive, and treats <code className="font-mono">*</code> as a literal character — so <code className="font-mono">system:serviceaccount:{s.namespace}:*</code> under StringEquals matches nothing (AccessDenied). StringLike makes <code className="font-mono">*</code> a wildcard: <code className="font-mono">system:serviceaccount:*:*</code> lets <em>every</em> service account of the cluster assume the role, with no error at all. Pin the exact namespace and name.</li>
          <li>Several keys under one operator: all must hold (AND). Several values for one key: any may match (OR). No :sub condition = any service account.</li>
          <li>Create it with: <code className="font-mono">{softBreaks(snip.eksctl)}</code></li>
        </ul>
      </section>

      <section aria-labelledby="ref-webhook" className="space-y-3">
        <h2 id="ref-webhook" className="text-2xl font-bold"><span aria-hidden="true">📛</span> What the webhook injects</h2>
        <p className="text-base">When a Pod is <strong>created</strong> with a ServiceAccount that has <code className="font-mono">eks.amazonaws.com/role-arn</code>, the EKS Pod Identity Webhook adds to every container (as simulated for {s.podName}):</p>
        <CodeBlock title="Environment" language="shell" content={snip.injectedEnv} />
        <CodeBlock title="Projected token volume and mount" language="json" content={snip.tokenVolume} />
        <ul className="list-disc space-y-1 pl-6 text-base">
          <li>Only on CREATE: pods started before the annotation keep running without it — restart them.</li>
          <li>Not added when the container already sets <code className="font-mono">AWS_ROLE_ARN</code> or <code className="font-mono">{softBreaks("AWS_WEB_IDENTITY_TOKEN_FILE")}</code> (the stale value wins). <code className="font-mono">{softBreaks("AWS_STS_REGIONAL_ENDPOINTS=regional")}</code> only when regional STS is on.</li>
          <li>Optional SA annotations: <code className="font-mono">eks.amazonaws.com/audience</code>, <code className="font-mono">sts-regional-endpoints</code>, <code className="font-mono">token-expiration</code>. The webhook&apos;s failurePolicy is Ignore: if it is down, pods start unmutated, silently.</li>
        </ul>
      </section>

      <section aria-labelledby="ref-rotation" className="space-y-2">
        <h2 id="ref-rotation" className="text-2xl font-bold"><span aria-hidden="true">🔄</span> Why projected tokens, and how rotation works</h2>
        <ul className="list-disc space-y-1 pl-6 text-base">
          <li>The projected ServiceAccount token is a JWT signed (RS256) by the cluster, bound to the pod, with an audience (sts.amazonaws.com) and an expiry (default 86400 s, at least 600 s). Unlike the legacy SA secret token it is not long-lived and not usable by other pods.</li>
          <li>The kubelet rewrites the file when it is older than 80% of its lifetime or 24 h. SDKs re-read the file for every AssumeRoleWithWebIdentity; code that reads it once and caches it fails with ExpiredTokenException a day later.</li>
          <li>STS verifies the signature with the keys at <code className="font-mono">{softBreaks(`${LAB_CLUSTER.oidcIssuer}/keys`)}</code> (EKS rotates the signing key every 7 days; old keys stay published for a while). Credentials from STS last one hour by default (MaxSessionDuration of the role); the SDK refreshes them before they expire.</li>
        </ul>
      </section>

      <section aria-labelledby="ref-errors" className="space-y-3">
        <h2 id="ref-errors" className="text-2xl font-bold"><span aria-hidden="true">🚨</span> Common errors and what they actually mean</h2>
        <p className="text-base text-muted">Each message below is what the simulator returns for that broken setup, in the step where it fails.</p>
        <ul className="space-y-3">
          {errors.map((e) => (
            <li key={e.id} className="card space-y-1 break-inside-avoid" data-testid={`ref-error-${e.id}`}>
              <p className="text-lg font-bold">{e.code} <span className="text-base font-semibold text-muted">— step {e.step ?? "–"}</span></p>
              <p className="font-mono text-sm [overflow-wrap:anywhere]">{softBreaks(e.line)}</p>
              <p className="text-base"><strong>Means:</strong> {softBreaks(e.meaning)}</p>
              <p className="text-base"><strong>Fix:</strong> {softBreaks(e.fix)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="ref-debug" className="space-y-3">
        <h2 id="ref-debug" className="text-2xl font-bold"><span aria-hidden="true">🧰</span> Debugging commands</h2>
        <CodeBlock title="kubectl" language="shell" content={kubectl} />
        <CodeBlock title="AWS CLI" language="shell" content={aws} />
      </section>

      <section aria-labelledby="ref-podid" className="space-y-3">
        <h2 id="ref-podid" className="text-2xl font-bold"><span aria-hidden="true">🪪</span> EKS Pod Identity vs IRSA</h2>
        <div>
          <table className="w-full table-fixed border-collapse text-left text-base [overflow-wrap:anywhere]">
            <caption className="sr-only">Comparison of EKS Pod Identity and IRSA</caption>
            <thead><tr className="border-b-2 border-ink"><th scope="col" className="p-2"> </th><th scope="col" className="p-2">IRSA</th><th scope="col" className="p-2">EKS Pod Identity</th></tr></thead>
            <tbody>
              {[
                ["Trust", "OIDC provider per cluster; trust policy names the provider, namespace and SA", "Principal pods.eks.amazonaws.com; an association maps cluster/namespace/SA → role"],
                ["Setup", "OIDC provider + role + SA annotation", "Pod Identity Agent add-on + create-pod-identity-association"],
                ["Reuse a role across clusters", "Edit the trust policy for each cluster (2,048-character limit)", "Yes, no trust-policy edit"],
                ["Where it runs", "Any Kubernetes with an OIDC issuer: EKS, EKS Anywhere, self-managed, other clouds", "EKS only (on EC2 nodes)"],
                ["Credentials path", "SDK → STS AssumeRoleWithWebIdentity", "SDK → node agent (container credentials endpoint)"],
              ].map(([k, a, b]) => (
                <tr key={k} className="border-b border-slate-300"><th scope="row" className="p-2 align-top">{k}</th><td className="p-2 align-top">{a}</td><td className="p-2 align-top">{b}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="text-base"><strong>When IRSA still fits:</strong> cross-account roles (the role in another account trusts your cluster&apos;s OIDC provider registered there), EKS Anywhere and self-managed Kubernetes (any cluster whose issuer is publicly discoverable), OIDC federation for non-EKS workloads, and tools or SDKs that only speak web identity.</p>
      </section>
    </LabShell>
  );
}
