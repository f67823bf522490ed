/**
 * Section 3, the configuration validation chain: OIDC Provider → IAM Trust Policy → ServiceAccount → Pod.
 * The student's fields become a simulator World; each link's verdict comes from a lib/sim evaluation
 * (evaluateTrustPolicy, findRole, the webhook step of traceFlow), and the error the pod would get is
 * the failing step's error from traceFlow.
 */
import { evaluateTrustPolicy, findRole, issuerHostPath, providerArn, traceFlow, type PolicyDocument, type SimError, type Finding, type World } from "@/lib/sim";
import { scenarioFromParam, scenarioWorld } from "./scenarios";
import type { ChainInput, ChainLinkId } from "./chain-fields";
import { errorLine, isSecurityFinding } from "./trace";

export * from "./chain-fields";

export interface LinkVerdict {
  id: ChainLinkId;
  status: "ok" | "warn" | "fail";
  /** Why, in the simulator's words. */
  reasons: string[];
}

export interface ChainVerdict {
  links: LinkVerdict[];
  outcome: "success" | "failure";
  failedStep: number | null;
  failedStepTitle: string | null;
  error: SimError | null;
  errorText: string | null;
  identity: string | null;
  /** When it works: what now works (the call step's explanation). When broken: why it fails. */
  explanation: string;
  findings: Finding[];
}

/** The trust policy document the fields describe (conditions grouped by operator, as IAM writes them). */
export function trustPolicyFromInput(i: ChainInput): PolicyDocument {
  const condition: Record<string, Record<string, string>> = {};
  const add = (op: string, key: string, value: string) => {
    if (op === "none") return;
    condition[op] = { ...(condition[op] ?? {}), [key]: value };
  };
  add(i.subOperator, i.subKey, i.subValue);
  add(i.audOperator, i.audKey, i.audValue);
  return {
    Version: "2012-10-17",
    Statement: [{
      Effect: "Allow",
      Principal: { Federated: i.federated },
      Action: "sts:AssumeRoleWithWebIdentity",
      ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
    }],
  };
}

/** The World the fields describe: the story's happy path with the four pieces replaced by the fields. */
export function chainWorld(i: ChainInput): World {
  const s = scenarioFromParam(i.scenario);
  const w = scenarioWorld(s);
  const trust = trustPolicyFromInput(i);
  return {
    ...w,
    iam: {
      ...w.iam,
      oidcProviders: i.oidcRegistered ? w.iam.oidcProviders : [],
      roles: w.iam.roles.map((r) => (r.RoleName === s.roleName ? { ...r, AssumeRolePolicyDocument: trust } : r)),
    },
    kubernetes: {
      serviceAccounts: [{
        apiVersion: "v1", kind: "ServiceAccount",
        metadata: { name: i.saName, namespace: i.saNamespace, uid: "7c3e5a1f-2b4d-4e6f-8a9b-0c1d2e3f4a5b", annotations: i.saRoleArn ? { "eks.amazonaws.com/role-arn": i.saRoleArn } : {} },
      }],
      pod: {
        ...w.kubernetes.pod,
        metadata: { ...w.kubernetes.pod.metadata, namespace: i.podNamespace },
        spec: { ...w.kubernetes.pod.spec, serviceAccountName: i.podServiceAccount === "" ? undefined : i.podServiceAccount },
      },
    },
  };
}

/**
 * Evaluate the chain.
 * @example (await evaluateChain(defaultChainInput(LAB_SCENARIOS.billing))).links.every((l) => l.status === "ok") // true
 */
export async function evaluateChain(i: ChainInput): Promise<ChainVerdict> {
  const s = scenarioFromParam(i.scenario);
  const world = chainWorld(i);
  const trace = await traceFlow(world);
  const issuer = world.cluster.oidcIssuer;
  const pArn = providerArn(world.cluster.accountId, issuer);
  const host = issuerHostPath(issuer);
  const role = world.iam.roles.find((r) => r.RoleName === s.roleName);
  const trustDoc = role?.AssumeRolePolicyDocument ?? trustPolicyFromInput(i);
  // The token this ServiceAccount's pods would carry: sub from the SA, aud from the webhook's default.
  const trustEval = evaluateTrustPolicy(trustDoc, {
    federatedPrincipal: pArn,
    context: { [`${host}:sub`]: `system:serviceaccount:${i.saNamespace}:${i.saName}`, [`${host}:aud`]: "sts.amazonaws.com" },
  });

  // 🔑 → 🎭: the provider exists and the trust policy's Principal.Federated names it.
  const l1: LinkVerdict = { id: "provider-trust", status: "ok", reasons: [] };
  if (!i.oidcRegistered) {
    l1.status = "fail";
    l1.reasons.push(`No IAM OIDC provider is registered for ${issuer} in account ${world.cluster.accountId}.`);
  }
  if (!trustEval.statements.some((st) => st.principalMatched)) {
    l1.status = "fail";
    l1.reasons.push(...trustEval.statements.map((st) => st.reason));
  }
  if (l1.status === "ok") l1.reasons.push(`Principal.Federated is ${pArn}, and that provider is registered.`);

  // 🎭 → 📛: the conditions admit this ServiceAccount's token, and the SA's annotation names this role.
  const l2: LinkVerdict = { id: "trust-sa", status: "ok", reasons: [] };
  const condOk = trustEval.statements.some((st) => st.effect === "Allow" && st.actionMatched && st.conditionsMatched);
  if (!condOk) {
    l2.status = "fail";
    for (const st of trustEval.statements) l2.reasons.push(...st.conditions.filter((c) => !c.matched).map((c) => `${c.operator} ${c.key}: expects ${JSON.stringify(c.expected.length === 1 ? c.expected[0] : c.expected)}, the token carries ${JSON.stringify(c.requestValue)} — ${c.reason}.`));
    if (l2.reasons.length === 0) l2.reasons.push(...trustEval.statements.map((st) => st.reason));
  }
  const annotated = i.saRoleArn ? findRole(world, i.saRoleArn) : undefined;
  if (!i.saRoleArn) {
    l2.status = "fail";
    l2.reasons.push(`ServiceAccount ${i.saNamespace}/${i.saName} has no eks.amazonaws.com/role-arn annotation.`);
  } else if (!annotated || annotated.RoleName !== s.roleName || annotated.accountId !== role?.accountId) {
    l2.status = "fail";
    l2.reasons.push(`The annotation eks.amazonaws.com/role-arn=${i.saRoleArn} does not name role ${s.roleName} in account ${world.cluster.accountId}${annotated ? "" : " (no such role)"}.`);
  }
  const trustFindings = trace.findings.filter((f) => f.code.startsWith("trust.") && isSecurityFinding(f));
  if (l2.status === "ok" && trustFindings.length > 0) {
    l2.status = "warn";
    l2.reasons.push(...trustFindings.map((f) => f.message));
  }
  if (l2.status === "ok") l2.reasons.push(`The conditions admit system:serviceaccount:${i.saNamespace}:${i.saName} with aud sts.amazonaws.com, and the ServiceAccount's role-arn names ${s.roleName}.`);

  // 📛 → 📦: the webhook found the Pod's ServiceAccount and mutated the Pod (traceFlow step 1).
  const step1 = trace.steps.find((st) => st.n === 1);
  const d1 = (step1?.details ?? {}) as { serviceAccount?: unknown; mutated?: boolean; reason?: string };
  const l3: LinkVerdict = { id: "sa-pod", status: "ok", reasons: [] };
  if (!d1.serviceAccount || !d1.mutated) {
    l3.status = "fail";
    const podSa = i.podServiceAccount || "default";
    if (!d1.serviceAccount) l3.reasons.push(`The Pod runs in namespace ${i.podNamespace} as ServiceAccount ${podSa}; there is no ServiceAccount ${i.podNamespace}/${podSa} (the one configured is ${i.saNamespace}/${i.saName}).`);
    if (d1.reason) l3.reasons.push(`Webhook: ${d1.reason}`);
  } else {
    l3.reasons.push(d1.reason ?? "The webhook injected the env and the token volume.");
  }

  const failed = trace.steps.find((st) => st.n === trace.failedStep);
  const call = trace.steps.find((st) => st.n === 9);
  const explanation = trace.outcome === "success"
    ? `${s.emoji} ${s.workload} now works: ${call?.explanation ?? ""}`
    : failed?.explanation ?? "";
  return {
    links: [l1, l2, l3],
    outcome: trace.outcome,
    failedStep: trace.failedStep,
    failedStepTitle: failed?.title ?? null,
    error: trace.error,
    errorText: trace.error ? errorLine(trace.error) : null,
    identity: trace.identity,
    explanation,
    findings: trace.findings,
  };
}
