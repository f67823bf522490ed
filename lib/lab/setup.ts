/**
 * Section 2, ServiceAccount & IAM Role setup: the student's inputs → lib/sim generateSetup (eksctl,
 * YAML, trust policy, AWS CLI, Terraform); "Apply to cluster" → lib/sim applySetup on a cluster that has
 * none of the objects yet, then traceFlow; the challenge is decided by the same run (flow succeeds, no
 * security finding) plus evaluatePolicies (read allowed, write denied).
 */
import {
  applySetup, evaluatePolicies, findRole, generateSetup, rolePolicies, traceFlow,
  type GeneratedSetup, type IAMRole, type OIDCProvider, type ServiceAccount, type SetupInputs, type World,
} from "@/lib/sim";
import { bareWorld, LAB_SCENARIOS, scenarioFromParam, type LabScenario } from "./scenarios";
import { SETUP_CHALLENGE, type SetupForm, type SetupRequest } from "./setup-fields";
import { errorLine, isSecurityFinding, toLabTrace, type LabTrace } from "./trace";

export * from "./setup-fields";

export function setupInputs(s: LabScenario, f: SetupForm): SetupInputs {
  const { policy, ...rest } = f;
  return { ...rest, policy: policy === "scenario" ? s.policy : policy };
}

/** The story's Pod, deployed into the student's namespace with the student's ServiceAccount. */
function podWorld(s: LabScenario, f: SetupForm): World {
  const w = bareWorld(s);
  return { ...w, kubernetes: { ...w.kubernetes, pod: { ...w.kubernetes.pod, metadata: { ...w.kubernetes.pod.metadata, namespace: f.namespace }, spec: { ...w.kubernetes.pod.spec, serviceAccountName: f.serviceAccountName } } } };
}

export interface AppliedCluster {
  provider: OIDCProvider | null;
  role: IAMRole | null;
  serviceAccount: ServiceAccount | null;
  trace: LabTrace;
  errorText: string | null;
}

export interface ChallengeVerdict {
  passed: boolean;
  checks: { label: string; ok: boolean; detail: string }[];
}

export interface SetupResult {
  generated: GeneratedSetup;
  applied?: AppliedCluster;
  challenge?: ChallengeVerdict;
}

async function apply(world: World, inputs: SetupInputs): Promise<{ world: World; applied: AppliedCluster }> {
  const w = applySetup(world, inputs);
  const trace = toLabTrace(await traceFlow(w));
  return {
    world: w,
    applied: {
      provider: w.iam.oidcProviders.find((p) => p.Url.endsWith(`/id/${inputs.oidcId}`) && p.accountId === inputs.accountId) ?? null,
      role: w.iam.roles.find((r) => r.RoleName === inputs.roleName && r.accountId === inputs.accountId) ?? null,
      serviceAccount: w.kubernetes.serviceAccounts.find((sa) => sa.metadata.name === inputs.serviceAccountName && sa.metadata.namespace === inputs.namespace) ?? null,
      trace,
      errorText: trace.error ? errorLine(trace.error) : null,
    },
  };
}

/**
 * The challenge: the billing Pod runs in namespace payments with the student's ServiceAccount name and
 * calls GetItem on table Users. Passed when the simulator says the flow succeeds with no security finding,
 * and the role's policies allow the read but not a write.
 */
export async function checkChallenge(f: SetupForm): Promise<{ verdict: ChallengeVerdict; applied: AppliedCluster }> {
  const s = LAB_SCENARIOS.billing;
  const base = bareWorld(s);
  const world: World = { ...base, kubernetes: { ...base.kubernetes, pod: { ...base.kubernetes.pod, metadata: { ...base.kubernetes.pod.metadata, namespace: SETUP_CHALLENGE.namespace }, spec: { ...base.kubernetes.pod.spec, serviceAccountName: f.serviceAccountName } } } };
  const { world: w, applied } = await apply(world, setupInputs(s, f));
  const t = applied.trace;
  const bad = t.findings.filter(isSecurityFinding);
  const role = w.kubernetes.serviceAccounts.map((sa) => sa.metadata.annotations?.["eks.amazonaws.com/role-arn"]).map((arn) => (arn ? findRole(w, arn) : undefined)).find((r) => r?.RoleName === f.roleName);
  const session = `arn:aws:sts::${f.accountId}:assumed-role/${f.roleName}/check`;
  const write = role ? evaluatePolicies({ principalArn: session, action: SETUP_CHALLENGE.writeAction, resource: s.resource }, rolePolicies(w, role)) : undefined;
  const checks = [
    { label: `The billing Pod in namespace ${SETUP_CHALLENGE.namespace} reads table Users`, ok: t.outcome === "success", detail: t.outcome === "success" ? `✓ ${t.steps.find((st) => st.n === 9)?.explanation ?? ""}` : `✗ Step ${t.failedStep}: ${applied.errorText ?? ""} — ${t.steps.find((st) => st.n === t.failedStep)?.explanation ?? ""}` },
    { label: "No security finding", ok: bad.length === 0, detail: bad.length === 0 ? "✓ The simulator reports no warning or critical finding." : bad.map((f2) => `✗ ${f2.message}`).join(" ") },
    { label: "Read-only: a write is denied", ok: write !== undefined && !write.allowed, detail: write === undefined ? "✗ No role to check." : write.allowed ? `✗ ${SETUP_CHALLENGE.writeAction} is allowed too: ${write.explanation}` : `✓ ${SETUP_CHALLENGE.writeAction} is denied: ${write.error?.message ?? write.explanation}` },
  ];
  return { verdict: { passed: checks.every((c) => c.ok), checks }, applied };
}

/** Handle one setup request. @example (await runSetup({ scenario: "billing", form, action: "generate" })).generated.eksctl */
export async function runSetup(req: SetupRequest): Promise<SetupResult> {
  const s = scenarioFromParam(req.scenario);
  const inputs = setupInputs(s, req.form);
  const generated = generateSetup(inputs);
  if (req.action === "generate") return { generated };
  if (req.action === "challenge") {
    const { verdict, applied } = await checkChallenge(req.form);
    return { generated, applied, challenge: verdict };
  }
  const { applied } = await apply(podWorld(s, req.form), inputs);
  return { generated, applied };
}
