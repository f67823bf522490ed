/**
 * The scenario file format (multi-document YAML). Kubernetes objects are plain manifests
 * (`apiVersion: v1` ServiceAccount / Pod, `apps/v1` Deployment); everything else is
 * `apiVersion: irsa.sim/v1` and uses the AWS API's own field names. See lib/sim/README.md.
 * Our own kinds are strict (a misspelt field is an error); Kubernetes manifests keep unknown fields.
 */
import { z } from "zod";
import {
  accountIdSchema, dynamoKeySchema, fixtureKeyNameSchema, iamRoleSchema, iamUserSchema, inlinePolicySchema, oidcProviderSchema,
  policyDocumentSchema, SDK_NAMES,
} from "../world";

export const SIM_API_VERSION = "irsa.sim/v1";

const metadataSchema = z.looseObject({ name: z.string().min(1), description: z.string().optional() });

/** Kinds whose default happy-path objects can be left out with `spec.omit`. */
export const OMITTABLE_KINDS = ["OIDCProvider", "IAMRole", "ServiceAccount", "Pod"] as const;

export const scenarioSpecSchema = z.strictObject({
  /** STS's clock, ISO 8601. */
  now: z.iso.datetime({ offset: true }).optional(),
  cluster: z.strictObject({
    name: z.string().min(1).optional(),
    region: z.string().min(1).optional(),
    accountId: accountIdSchema.optional(),
    oidcIssuer: z.string().url().optional(),
    kubernetesVersion: z.string().optional(),
    /** Optional: which fixture key signs tokens (default eks-demo-2024a). */
    signingKey: fixtureKeyNameSchema.optional(),
    /** Optional: keys served by the issuer's JWKS; leave the signing key out for a stale JWKS (pitfall 18). */
    jwksKeys: z.array(fixtureKeyNameSchema).optional(),
    /** Optional: false = the JWKS cannot be fetched. */
    jwksReachable: z.boolean().optional(),
  }).optional(),
  webhook: z.strictObject({
    running: z.boolean().optional(),
    defaultRegion: z.string().optional(),
    regionalSts: z.boolean().optional(),
    tokenExpiration: z.number().int().optional(),
    mountPath: z.string().optional(),
    /** Optional: false = the SA was created after the pod, not in the webhook's cache (pitfall 2). */
    serviceAccountCached: z.boolean().optional(),
    /** Optional: true = the pod predates the role-arn annotation and was never restarted (pitfall 1). */
    podCreatedBeforeAnnotation: z.boolean().optional(),
  }).optional(),
  node: z.strictObject({
    instanceRoleArn: z.string().optional(),
    imdsHopLimit: z.number().int().min(1).max(64).optional(),
    instanceId: z.string().optional(),
    /** Optional: the node's OS (pitfall 11). */
    os: z.enum(["linux", "windows"]).optional(),
    /** Optional: the pod's clock minus true time, seconds (pitfall 27). */
    clockSkewSeconds: z.number().optional(),
  }).optional(),
  /** Optional: private subnets (pitfall 13). */
  network: z.strictObject({ internetAccess: z.boolean().optional(), stsVpcEndpoint: z.boolean().optional() }).optional(),
  workload: z.strictObject({
    /** Name of the Pod or Deployment document that makes the call (default: the first one). */
    pod: z.string().optional(),
    container: z.string().optional(),
    sdk: z.strictObject({
      name: z.enum(SDK_NAMES).optional(),
      version: z.string().optional(),
      /** Optional: false = the SDK never re-reads the token file (pitfall 12). */
      rereadsTokenFile: z.boolean().optional(),
    }).optional(),
    /** Optional: how long the pod has run, seconds. */
    podAgeSeconds: z.number().min(0).optional(),
  }).optional(),
  call: z.strictObject({
    action: z.string().optional(),
    resource: z.string().optional(),
    durationSeconds: z.number().int().optional(),
    /** Optional: DynamoDB item key, e.g. `{ id: 42 }` (number → N, string → S) or DynamoDB JSON `{ id: { N: "42" } }`. */
    key: dynamoKeySchema.optional(),
    /** Optional (pitfall 30). */
    sessionPolicy: policyDocumentSchema.optional(),
    /** Optional: a resource-based policy on the target. */
    resourcePolicy: policyDocumentSchema.optional(),
    /** Optional: customer-managed KMS key of the table (pitfall 31). */
    kmsKeyArn: z.string().optional(),
    /** Optional: role chaining after IRSA (pitfall 26). */
    chainedRole: z.strictObject({ RoleArn: z.string(), DurationSeconds: z.number().int().optional() }).optional(),
  }).optional(),
  token: z.strictObject({
    /** Claim overrides, re-signed by the cluster key; `null` removes a claim. */
    claims: z.record(z.string(), z.unknown()).optional(),
    /** true: overrides pasted in without re-signing. */
    tamper: z.boolean().optional(),
    /** Optional: sign with another fixture key. */
    signingKey: fixtureKeyNameSchema.optional(),
  }).optional(),
  /** Optional: AWS Organizations SCPs that apply to the account (pitfall 30). */
  organization: z.strictObject({ serviceControlPolicies: z.array(inlinePolicySchema).default([]) }).optional(),
  /** Default happy-path objects NOT to add for these kinds even though the file has none. */
  omit: z.array(z.enum(OMITTABLE_KINDS)).optional(),
});
export type ScenarioSpec = z.infer<typeof scenarioSpecSchema>;

export const scenarioDocSchema = z.strictObject({
  apiVersion: z.literal(SIM_API_VERSION),
  kind: z.literal("Scenario"),
  metadata: metadataSchema,
  spec: scenarioSpecSchema.default({}),
});

const awsDoc = <T extends z.ZodType>(kind: string, spec: T) =>
  z.strictObject({ apiVersion: z.literal(SIM_API_VERSION), kind: z.literal(kind), metadata: metadataSchema.optional(), spec });

export const oidcProviderDocSchema = awsDoc("OIDCProvider", oidcProviderSchema.strict());
export const iamRoleDocSchema = awsDoc("IAMRole", iamRoleSchema.strict());
export const iamUserDocSchema = awsDoc("IAMUser", iamUserSchema.strict());
