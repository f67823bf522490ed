/**
 * Section 2's inputs, safe for the browser: the setup form and its policy choices.
 * The generated commands, the applied cluster and the challenge verdict come from lib/lab/setup.ts (lib/sim).
 */
import { z } from "zod";
import { LAB_CLUSTER, SCENARIO_IDS, type LabScenario } from "./catalog";

/** "scenario" = the story's least-privilege policy; the others are lib/sim POLICY_PRESETS. */
export const POLICY_CHOICES = [
  { id: "scenario", label: "The story's least-privilege policy" },
  { id: "DynamoDBTableReader", label: "DynamoDB read on table Users (GetItem, Query, BatchGetItem)" },
  { id: "AmazonDynamoDBReadOnlyAccess", label: "AmazonDynamoDBReadOnlyAccess (managed)" },
  { id: "AmazonDynamoDBFullAccess", label: "AmazonDynamoDBFullAccess (managed)" },
  { id: "AmazonS3ReadOnlyAccess", label: "AmazonS3ReadOnlyAccess (managed)" },
] as const;
export type PolicyChoice = (typeof POLICY_CHOICES)[number]["id"];

const name = (what: string) => z.string().trim().min(1, `${what} is required`).max(128).regex(/^[A-Za-z0-9._:/+=,@-]+$/, `${what}: letters, digits and . _ - only`);

export const setupFormSchema = z.object({
  clusterName: name("Cluster name"),
  region: z.string().trim().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "Region looks like us-east-1"),
  accountId: z.string().trim().regex(/^\d{12}$/, "Account id is 12 digits"),
  oidcId: z.string().trim().regex(/^[A-Za-z0-9]{1,64}$/, "OIDC id: letters and digits"),
  namespace: name("Namespace"),
  serviceAccountName: name("ServiceAccount name"),
  roleName: z.string().trim().regex(/^[\w+=,.@-]{1,64}$/, "Role name: up to 64 of letters, digits and +=,.@_-"),
  policy: z.enum(POLICY_CHOICES.map((p) => p.id) as [PolicyChoice, ...PolicyChoice[]]),
});
export type SetupForm = z.infer<typeof setupFormSchema>;

export const setupRequestSchema = z.object({
  scenario: z.enum(SCENARIO_IDS),
  form: setupFormSchema,
  /** "generate": commands only; "apply": also apply to the simulated cluster and run the flow; "challenge": check the challenge. */
  action: z.enum(["generate", "apply", "challenge"]),
});
export type SetupRequest = z.infer<typeof setupRequestSchema>;

export function defaultSetupForm(s: LabScenario): SetupForm {
  return {
    clusterName: LAB_CLUSTER.clusterName,
    region: LAB_CLUSTER.region,
    accountId: LAB_CLUSTER.accountId,
    oidcId: LAB_CLUSTER.oidcId,
    namespace: s.namespace,
    serviceAccountName: s.serviceAccountName,
    roleName: s.roleName,
    policy: "scenario",
  };
}

export const SETUP_CHALLENGE = {
  title: "Build a SA + Role for a billing service in the payments namespace with DynamoDB read access",
  namespace: "payments",
  action: "dynamodb:GetItem",
  writeAction: "dynamodb:PutItem",
} as const;
