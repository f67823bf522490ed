/**
 * Section 7, the reference: mostly prose, but every AWS error it quotes, the trust-policy template and the
 * webhook's injection are produced by lib/sim (a run per error), so the wording is exactly the simulator's.
 */
import { generateSetup, traceFlow, type World } from "@/lib/sim";
import { presetWorld } from "./flow";
import { scenarioSetupInputs, scenarioWorld, type LabScenario } from "./scenarios";
import { errorLine } from "./trace-text";

export interface ReferenceError {
  id: string;
  step: number | null;
  code: string;
  line: string;
  meaning: string;
  fix: string;
}

const ERRORS: { id: string; world: (s: LabScenario) => World; meaning: string; fix: string }[] = [
  { id: "no-creds", world: (s) => presetWorld(s, "webhook-down"), meaning: "The SDK found no credentials at all: no AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE in the pod (webhook did not mutate it) and IMDS is blocked.", fix: "kubectl get pod -o yaml | grep AWS_; check the SA annotation, restart the pod after annotating, check the webhook is running." },
  { id: "token-file", world: (s) => presetWorld(s, "non-root"), meaning: "The token file is mounted but the container's user cannot read it.", fix: "Set spec.securityContext.fsGroup (e.g. 65534) on the pod." },
  { id: "sts-timeout", world: (s) => presetWorld(s, "private-subnet"), meaning: "The pod cannot reach STS at all (private subnets, no NAT, no VPC endpoint).", fix: "Create an STS interface VPC endpoint and use the regional endpoint (AWS_STS_REGIONAL_ENDPOINTS=regional)." },
  { id: "no-provider", world: (s) => presetWorld(s, "no-provider"), meaning: "IAM has no OIDC provider for the token's issuer in the role's account (never created, other account, or the cluster was recreated with a new issuer id).", fix: "eksctl utils associate-iam-oidc-provider --cluster … --approve (in the role's account)." },
  {
    id: "audience",
    world: (s) => {
      const w = scenarioWorld(s);
      w.kubernetes.serviceAccounts = w.kubernetes.serviceAccounts.map((sa) => ({ ...sa, metadata: { ...sa.metadata, annotations: { ...sa.metadata.annotations, "eks.amazonaws.com/audience": "sts.amazonaws.co" } } }));
      return w;
    },
    meaning: "The token's aud is not in the provider's client ID list.", fix: "Use audience sts.amazonaws.com on the SA (or remove the annotation) and in the provider's client IDs.",
  },
  { id: "jwks", world: (s) => presetWorld(s, "stale-jwks"), meaning: "STS cannot find the token's signing key (kid) in the issuer's JWKS.", fix: "Check the issuer URL and its /keys; for self-managed issuers, publish the current key." },
  {
    id: "expired",
    world: (s) => ({ ...scenarioWorld(s), workload: { ...scenarioWorld(s).workload, podAgeSeconds: 2 * 86400, sdk: { name: "aws-sdk-js-v3", version: "3.700.0", rereadsTokenFile: false } } }),
    meaning: "The token is past its exp — usually an app or SDK that read the token file once and never re-reads it.", fix: "Use an SDK version that re-reads AWS_WEB_IDENTITY_TOKEN_FILE; do not cache the token yourself.",
  },
  { id: "trust", world: (s) => presetWorld(s, "sub-typo"), meaning: "The role's trust policy does not allow this token: sub/aud condition mismatch (namespace or SA typo, * inside StringEquals, wrong condition key), wrong Principal, or the role does not exist.", fix: "aws iam get-role … AssumeRolePolicyDocument; compare :sub with system:serviceaccount:<namespace>:<sa>." },
  { id: "skew", world: (s) => presetWorld(s, "clock-skew"), meaning: "The pod's clock is more than 5 minutes off AWS's: SigV4 signatures are time-bound.", fix: "Fix NTP / chrony on the node." },
  { id: "denied", world: (s) => presetWorld(s, "missing-permission"), meaning: "IRSA worked (look at the assumed-role ARN) — the role's permission policy does not allow this action on this resource.", fix: "Add the action with the exact resource ARN (table vs index, region, account) to the role's policy." },
];

/** Run every error world; each row quotes the simulator's own error line. */
export async function referenceErrors(s: LabScenario): Promise<ReferenceError[]> {
  return Promise.all(ERRORS.map(async (e) => {
    const t = await traceFlow(e.world(s));
    return { id: e.id, step: t.failedStep, code: t.error?.code ?? "(no error)", line: t.error ? errorLine(t.error) : "(the flow succeeded)", meaning: e.meaning, fix: e.fix };
  }));
}

/** What the webhook injected into the story's pod, and the canonical trust policy, from lib/sim. */
export async function referenceSnippets(s: LabScenario): Promise<{ trustPolicy: string; injectedEnv: string; tokenVolume: string; eksctl: string }> {
  const t = await traceFlow(scenarioWorld(s));
  const d = (t.steps.find((x) => x.n === 1)?.details ?? {}) as { injectedEnv?: Record<string, string>; tokenVolume?: unknown; pod?: { spec?: { containers?: { volumeMounts?: unknown }[] } } };
  const g = generateSetup(scenarioSetupInputs(s));
  return {
    trustPolicy: g.trustPolicyJson,
    injectedEnv: Object.entries(d.injectedEnv ?? {}).map(([k, v]) => `${k}=${v}`).join("\n"),
    tokenVolume: JSON.stringify({ volume: d.tokenVolume, volumeMounts: d.pod?.spec?.containers?.[0]?.volumeMounts }, null, 2),
    eksctl: g.eksctl,
  };
}
