/**
 * Section 1, "How bad is the shared node role?": which AWS resources each pod on a node can reach,
 * before IRSA (every pod gets the node's instance role through IMDS) and with IRSA (each pod gets its
 * own role). Every reachable/unreachable verdict is lib/sim's evaluatePolicies on the policies.
 */
import { evaluatePolicies, DEFAULTS, type PolicyDocument } from "@/lib/sim";
import { LAB_CLUSTER, LAB_SCENARIOS, type LabScenario } from "./scenarios";

export interface NodePod {
  id: string;
  emoji: string;
  name: string;
  namespace: string;
  roleName: string;
  policy: PolicyDocument;
}

export interface Probe {
  id: string;
  service: string;
  action: string;
  resource: string;
  /** What this access means in words ("read customer records"). */
  meaning: string;
}

const A = LAB_CLUSTER.accountId;
const R = LAB_CLUSTER.region;

/** What an attacker inside a pod would try: the resources of every app on the node, and a few more. */
export const PROBES: readonly Probe[] = [
  { id: "ddb-read", service: "DynamoDB", action: "dynamodb:GetItem", resource: `arn:aws:dynamodb:${R}:${A}:table/Users`, meaning: "read customer records in table Users" },
  { id: "ddb-delete", service: "DynamoDB", action: "dynamodb:DeleteItem", resource: `arn:aws:dynamodb:${R}:${A}:table/Users`, meaning: "delete customer records in table Users" },
  { id: "s3-report-put", service: "S3", action: "s3:PutObject", resource: "arn:aws:s3:::acme-reports/monthly/2024-11.csv", meaning: "overwrite the monthly report in bucket acme-reports" },
  { id: "s3-report-get", service: "S3", action: "s3:GetObject", resource: "arn:aws:s3:::acme-reports/monthly/2024-11.csv", meaning: "read the monthly revenue report" },
  { id: "s3-assets-get", service: "S3", action: "s3:GetObject", resource: "arn:aws:s3:::acme-static-assets/logo.svg", meaning: "read the website's static assets" },
  { id: "ses-send", service: "SES", action: "ses:SendEmail", resource: `arn:aws:ses:${R}:${A}:identity/example.com`, meaning: "send email as example.com (phishing from your domain)" },
  { id: "secret-get", service: "Secrets Manager", action: "secretsmanager:GetSecretValue", resource: `arn:aws:secretsmanager:${R}:${A}:secret:prod/db-password-AbCdEf`, meaning: "read the production database password" },
  { id: "ec2-describe", service: "EC2", action: "ec2:DescribeInstances", resource: "*", meaning: "list every EC2 instance in the account" },
];

/** The three pods on the node: the scenario's workload, 🖥 frontend and 📊 analytics. */
export function nodePods(s: LabScenario): NodePod[] {
  return [
    { id: "workload", emoji: s.emoji, name: s.workload, namespace: s.namespace, roleName: s.roleName, policy: s.policy },
    {
      id: "frontend", emoji: "🖥", name: "frontend", namespace: "web", roleName: "frontend-assets-reader",
      policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-static-assets/*" }] },
    },
    {
      id: "analytics", emoji: "📊", name: "analytics", namespace: "analytics", roleName: "analytics-reports-reader",
      policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::acme-reports", "arn:aws:s3:::acme-reports/*"] }] },
    },
  ];
}

/**
 * The node role as shared-role clusters end up with it: the worker node policy plus broad grants for
 * every app that ever ran on the node (teams attach what their app needs, to the one role everyone shares).
 */
export function sharedNodeRolePolicies(): { name: string; document: PolicyDocument }[] {
  return [
    { name: "AmazonEKSWorkerNodePolicy", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["ec2:Describe*", "eks:DescribeCluster"], Resource: "*" }] } },
    { name: "AmazonDynamoDBFullAccess (for billing)", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }] } },
    { name: "AmazonS3FullAccess (for reports and frontend)", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] } },
    { name: "AmazonSESFullAccess (for the mailer)", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ses:*", Resource: "*" }] } },
    { name: "SecretsManagerReadWrite (someone's debugging)", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "secretsmanager:*", Resource: "*" }] } },
  ];
}

export interface ProbeResult extends Probe {
  allowed: boolean;
  decision: "Allow" | "ImplicitDeny" | "ExplicitDeny";
  /** The AWS error the pod would get, when denied. */
  error: string | null;
}

export interface PodReach {
  pod: NodePod;
  principal: string;
  roleName: string;
  policyNames: string[];
  results: ProbeResult[];
}

export interface NodeRoleComparison {
  before: PodReach[];
  after: PodReach[];
}

const sessionArn = (role: string, session: string) => `arn:aws:sts::${A}:assumed-role/${role}/${session}`;

function reach(pod: NodePod, principal: string, roleName: string, policies: { name: string; document: PolicyDocument }[]): PodReach {
  const results = PROBES.map((p): ProbeResult => {
    const d = evaluatePolicies({ principalArn: principal, principalRoleArn: `arn:aws:iam::${A}:role/${roleName}`, action: p.action, resource: p.resource }, { identity: policies });
    return { ...p, allowed: d.allowed, decision: d.decision, error: d.error ? `${d.error.code}: ${d.error.message}` : null };
  });
  return { pod, principal, roleName, policyNames: policies.map((p) => p.name), results };
}

/**
 * Both panels, computed with lib/sim.
 * @example compareNodeRole(LAB_SCENARIOS.billing).before[1].results.find((r) => r.id === "ddb-delete")?.allowed // true: frontend can delete Users
 */
export function compareNodeRole(s: LabScenario = LAB_SCENARIOS.billing): NodeRoleComparison {
  const pods = nodePods(s);
  const node = sharedNodeRolePolicies();
  return {
    before: pods.map((p) => reach(p, sessionArn(DEFAULTS.nodeRoleName, "i-0123456789abcdef0"), DEFAULTS.nodeRoleName, node)),
    after: pods.map((p) => reach(p, sessionArn(p.roleName, "aws-sdk-js-session-1731096000000"), p.roleName, [{ name: `${p.roleName}-policy`, document: p.policy }])),
  };
}
