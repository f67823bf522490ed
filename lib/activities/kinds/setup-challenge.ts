/**
 * kind "setup-challenge": the student submits the ServiceAccount / role inputs; lib/sim's generators apply them
 * to a cluster that has the workload but no IRSA yet (applySetup). Correct iff the flow succeeds with no
 * finding above "info" and the chosen policy grants none of the challenge's forbidden (write) actions.
 *
 * Options (`spec.config`): `policyPresets`, the permission-policy presets offered (default: every lib/sim preset; at
 * least 2, and the challenge's least-privilege answer among them); a policy not offered is never correct. Any other
 * field is refused: the task, the workload and the fixed cluster facts are the challenge's.
 */
import type { z } from "zod";
import type { ActivityPrompt, ActivityReveal } from "@/lib/contract";
import {
  DEFAULTS, POLICY_PRESETS, applySetup, defaultWorld, evaluatePolicies, generateSetup, policyDocumentFor, traceFlow,
  type PolicyPresetName, type SetupInputs, type World,
} from "@/lib/sim";
import { revealPanels } from "../evidence";
import type { ActivitySpec, AnswerCheck, PreparedActivity } from "../types";
import { configOrThrow, configSchema, idListSchema, parseConfig, WRONG, type ConfigResult } from "./common";

export interface SetupChallenge {
  id: string;
  title: string;
  task: string;
  namespace: string;
  serviceAccountName: string;
  podName: string;
  call: { action: string; resource: string };
  /** Actions the role must NOT be able to perform (least privilege). */
  forbidden: { action: string; resource: string }[];
  answer: { roleName: string; policy: PolicyPresetName };
}

const ACC = DEFAULTS.accountId;
export const SETUP_CHALLENGES: readonly SetupChallenge[] = [
  {
    id: "billing-dynamodb", title: "Billing reads DynamoDB",
    task: "Build a ServiceAccount + IAM role for billing-api (namespace payments, it runs as ServiceAccount billing-svc) with read access to DynamoDB table Users — and nothing more.",
    namespace: "payments", serviceAccountName: "billing-svc", podName: "billing-api",
    call: { action: "dynamodb:GetItem", resource: `arn:aws:dynamodb:us-east-1:${ACC}:table/Users` },
    forbidden: [{ action: "dynamodb:PutItem", resource: `arn:aws:dynamodb:us-east-1:${ACC}:table/Users` }, { action: "dynamodb:DeleteTable", resource: `arn:aws:dynamodb:us-east-1:${ACC}:table/Users` }],
    answer: { roleName: "billing-dynamodb-reader", policy: "DynamoDBTableReader" },
  },
  {
    id: "analytics-s3", title: "Analytics reads S3",
    task: "Build a ServiceAccount + IAM role for the analytics job (namespace analytics, ServiceAccount report-reader) that reads the daily report from S3 bucket analytics-reports — read-only.",
    namespace: "analytics", serviceAccountName: "report-reader", podName: "daily-report",
    call: { action: "s3:GetObject", resource: "arn:aws:s3:::analytics-reports/daily/2024-11-08.csv" },
    forbidden: [{ action: "s3:PutObject", resource: "arn:aws:s3:::analytics-reports/daily/2024-11-08.csv" }, { action: "s3:DeleteObject", resource: "arn:aws:s3:::analytics-reports/daily/2024-11-08.csv" }],
    answer: { roleName: "analytics-report-reader", policy: "AmazonS3ReadOnlyAccess" },
  },
];

/** The cluster before the challenge: the workload exists, IRSA does not (no provider, no role, no annotation). */
export function challengeWorld(c: SetupChallenge): World {
  const w = defaultWorld({ node: { imdsHopLimit: 1 }, call: c.call });
  w.iam.oidcProviders = [];
  w.iam.roles = w.iam.roles.filter((r) => r.RoleName === DEFAULTS.nodeRoleName);
  w.kubernetes.serviceAccounts = [{ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: c.serviceAccountName, namespace: c.namespace } }];
  w.kubernetes.pod = { ...w.kubernetes.pod, metadata: { ...w.kubernetes.pod.metadata, name: c.podName, namespace: c.namespace, labels: { app: c.podName } }, spec: { ...w.kubernetes.pod.spec, serviceAccountName: c.serviceAccountName } };
  return w;
}

const FIXED = { clusterName: DEFAULTS.clusterName, region: DEFAULTS.region, accountId: ACC, oidcId: DEFAULTS.oidcId };

const PRESET_NAMES = Object.keys(POLICY_PRESETS) as PolicyPresetName[];

/**
 * `policyPresets`: the presets offered on the phones, kept in lib/sim's order (default: all of them); for a known
 * challenge they must include its least-privilege answer.
 */
export function setupChallengeConfigSchema(c: SetupChallenge | undefined) {
  return configSchema(
    "setup-challenge",
    {
      policyPresets: idListSchema(PRESET_NAMES, 2)
        .refine((names) => !c || names.includes(c.answer.policy), {
          error: `must include ${c?.answer.policy}, the least-privilege policy setup/${c?.id} asks for (without it no answer can be right)`,
        })
        .transform((names) => PRESET_NAMES.filter((n) => names.includes(n)))
        .default(() => [...PRESET_NAMES]),
    },
    "the task, the workload and the cluster are the challenge's",
  );
}
export type SetupChallengeConfig = z.output<ReturnType<typeof setupChallengeConfigSchema>>;

/**
 * @example
 * setupChallengeConfig({ policyPresets: ["DynamoDBTableReader", "AmazonDynamoDBFullAccess"] }, challenge) // ok
 * setupChallengeConfig({ policyPresets: ["AmazonS3ReadOnlyAccess", "AmazonDynamoDBFullAccess"] }, challenge)
 * // { ok: false, issues: [{ field: "policyPresets", message: "config.policyPresets: must include DynamoDBTableReader, …" }] }
 */
export function setupChallengeConfig(config: Record<string, unknown>, c: SetupChallenge | undefined): ConfigResult<SetupChallengeConfig> {
  return parseConfig(setupChallengeConfigSchema(c), config);
}

export async function judgeSetup(
  c: SetupChallenge,
  inputs: { namespace: string; serviceAccountName: string; roleName: string; policy: string },
  offered: readonly string[] = PRESET_NAMES,
): Promise<{ correct: boolean; reason: string }> {
  if (!(inputs.policy in POLICY_PRESETS)) return { correct: false, reason: `unknown policy preset ${inputs.policy}` };
  if (!offered.includes(inputs.policy)) return { correct: false, reason: `policy preset ${inputs.policy} is not one this activity offers` };
  if (!/^[\w+=,.@-]{1,64}$/.test(inputs.roleName)) return { correct: false, reason: "invalid role name" };
  const setup: SetupInputs = { ...FIXED, ...inputs, policy: inputs.policy as PolicyPresetName, tableName: "Users" };
  const trace = await traceFlow(applySetup(challengeWorld(c), setup));
  if (trace.outcome === "failure") return { correct: false, reason: `the flow fails at step ${trace.failedStep} (${trace.error?.code})` };
  const finding = trace.findings.find((f) => f.severity !== "info");
  if (finding) return { correct: false, reason: `finding ${finding.code}` };
  const doc = policyDocumentFor(setup);
  const tooMuch = c.forbidden.find((f) => evaluatePolicies({ principalArn: `arn:aws:sts::${ACC}:assumed-role/${inputs.roleName}/s`, ...f }, { identity: [{ name: "p", document: doc }] }).allowed);
  if (tooMuch) return { correct: false, reason: `the policy also allows ${tooMuch.action} (not least privilege)` };
  return { correct: true, reason: "the flow succeeds with no finding, least privilege" };
}

export async function prepareSetupChallenge(spec: ActivitySpec, c: SetupChallenge): Promise<PreparedActivity> {
  const { policyPresets } = configOrThrow(spec.scenarioId, setupChallengeConfig(spec.config ?? {}, c));
  const answer = { namespace: c.namespace, serviceAccountName: c.serviceAccountName, ...c.answer };
  const verdict = await judgeSetup(c, answer);
  if (!verdict.correct) throw new Error(`setup/${c.id}: the reference answer is not accepted by the simulator (${verdict.reason})`);
  const setup: SetupInputs = { ...FIXED, ...answer, tableName: "Users" };
  const good = await traceFlow(applySetup(challengeWorld(c), setup));
  const generated = generateSetup(setup);
  const prompt: ActivityPrompt = {
    kind: "setup-challenge",
    title: `Setup: ${c.title}`,
    prompt: c.task,
    panels: [{ id: "workload", title: "The workload", language: "text", content: `Pod ${c.podName} in namespace ${c.namespace}, serviceAccountName: ${c.serviceAccountName}; it calls ${c.call.action} on ${c.call.resource}.` }],
    fixed: FIXED,
    policyPresets: [...policyPresets],
  };
  const reveal: ActivityReveal = {
    correct: { kind: "setup-challenge", inputs: answer },
    correctLabel: `ServiceAccount ${c.namespace}/${c.serviceAccountName}, role ${answer.roleName} with ${answer.policy}`,
    explanation: "The ServiceAccount must be the one the Pod runs as, in the Pod's namespace (the trust policy's sub is system:serviceaccount:<namespace>:<name>); the policy must allow the call and nothing it does not need. The role name is free.",
    panels: [{ id: "eksctl", title: "eksctl", language: "shell", content: generated.eksctl }, { id: "trust", title: "Trust policy", language: "json", content: generated.trustPolicyJson }, ...revealPanels(good).filter((p) => p.id === "identity")],
  };
  const cache = new Map<string, AnswerCheck>();
  return {
    spec,
    title: prompt.title,
    prompt,
    reveal,
    async check(a) {
      if (a.kind !== "setup-challenge") return WRONG;
      const key = JSON.stringify(a.inputs);
      const hit = cache.get(key);
      if (hit) return hit;
      const v = await judgeSetup(c, a.inputs, policyPresets);
      const r: AnswerCheck = { correct: v.correct, credit: v.correct ? 1 : 0, verdict: `The simulator says: ${v.reason}` };
      if (cache.size < 2000) cache.set(key, r);
      return r;
    },
    distributionKey: (a) => (a.kind === "setup-challenge" ? a.inputs.policy : "(other)"),
  };
}
