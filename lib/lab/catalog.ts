/**
 * The lab's three stories, as plain data safe to import in the browser (no simulator import). The
 * scenario picked at the top of /lab (kept in the URL as ?scenario=…) sets the names, the AWS service
 * and the permission policy that every section uses, so the whole lab tells one consistent story.
 * lib/lab/scenarios.ts turns a story into a simulator World.
 */
import type { PolicyDocument } from "@/lib/sim/world";

/** The cluster every story runs on: the simulator's DEFAULTS (a unit test keeps them equal). */
export const LAB_CLUSTER = {
  clusterName: "demo",
  region: "us-east-1",
  accountId: "111122223333",
  oidcId: "EXAMPLED539D4633E53DE1B71EXAMPLE",
  oidcIssuer: "https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
} as const;

const ACCOUNT = LAB_CLUSTER.accountId;
const REGION = LAB_CLUSTER.region;

export const SCENARIO_IDS = ["billing", "report", "mailer"] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

export interface LabScenario {
  id: ScenarioId;
  /** Shown in the picker. */
  label: string;
  emoji: string;
  /** The workload's name (Deployment / app). */
  workload: string;
  namespace: string;
  serviceAccountName: string;
  roleName: string;
  podName: string;
  /** The AWS service the workload calls, as people say it ("DynamoDB"). */
  service: string;
  action: string;
  resource: string;
  /** One sentence: what the workload does with AWS. */
  story: string;
  /** The call in words, e.g. "GetItem on table Users, key { id: 42 }". */
  callText: string;
  /** The least-privilege permission policy the role gets. */
  policy: PolicyDocument;
  policyName: string;
}


export const LAB_SCENARIOS: Record<ScenarioId, LabScenario> = {
  billing: {
    id: "billing",
    label: "billing-svc reads DynamoDB table Users",
    emoji: "💳",
    workload: "billing-svc",
    namespace: "payments",
    serviceAccountName: "billing-svc",
    roleName: "billing-dynamodb-reader",
    podName: "billing-api",
    service: "DynamoDB",
    action: "dynamodb:GetItem",
    resource: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/Users`,
    story: "💳 billing-svc looks up a customer in the DynamoDB table Users before it charges them.",
    callText: "GetItem on table Users, key { id: 42 }",
    policyName: "read-users-table",
    policy: {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem"], Resource: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/Users` }],
    },
  },
  report: {
    id: "report",
    label: "report job writes to S3",
    emoji: "🧾",
    workload: "report-job",
    namespace: "reports",
    serviceAccountName: "report-job",
    roleName: "report-s3-writer",
    podName: "report-job-28931",
    service: "S3",
    action: "s3:PutObject",
    resource: "arn:aws:s3:::acme-reports/monthly/2024-11.csv",
    story: "🧾 report-job writes the monthly CSV report to the S3 bucket acme-reports.",
    callText: "PutObject of monthly/2024-11.csv into bucket acme-reports",
    policyName: "write-monthly-reports",
    policy: {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["s3:PutObject"], Resource: "arn:aws:s3:::acme-reports/monthly/*" }],
    },
  },
  mailer: {
    id: "mailer",
    label: "mailer sends with SES",
    emoji: "✉️",
    workload: "mailer",
    namespace: "notifications",
    serviceAccountName: "mailer",
    roleName: "mailer-ses-sender",
    podName: "mailer-7f9c",
    service: "SES",
    action: "ses:SendEmail",
    resource: `arn:aws:ses:${REGION}:${ACCOUNT}:identity/example.com`,
    story: "✉️ mailer sends receipts from example.com through Amazon SES.",
    callText: "SendEmail from receipts@example.com",
    policyName: "send-from-example-com",
    policy: {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["ses:SendEmail", "ses:SendRawEmail"], Resource: `arn:aws:ses:${REGION}:${ACCOUNT}:identity/example.com` }],
    },
  },
};

/** Unknown or missing ids fall back to billing (the lab's default story). */
export function scenarioFromParam(value: string | string[] | undefined | null): LabScenario {
  const v = Array.isArray(value) ? value[0] : value;
  return (SCENARIO_IDS as readonly string[]).includes(v ?? "") ? LAB_SCENARIOS[v as ScenarioId] : LAB_SCENARIOS.billing;
}



export const roleArnOf = (accountId: string, roleName: string): string => `arn:aws:iam::${accountId}:role/${roleName}`;
