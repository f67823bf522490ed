/**
 * The world model: everything that takes part in the nine-step IRSA flow, as plain JSON-serialisable
 * data (so a fix can be expressed as a JSON Patch against it, and a world can be sent to a browser).
 * AWS objects use the AWS API's own field names; Kubernetes objects are manifests as kubectl accepts them.
 */
import { z } from "zod";
import { FIXTURE_KEY_NAMES } from "./jwt/fixture-keys";

const scalarSchema = z.union([z.string(), z.number(), z.boolean()]);
const stringOrListSchema = z.union([z.string(), z.array(z.string())]);

/** One IAM policy statement (IAM JSON policy reference). */
export const statementSchema = z.looseObject({
  Sid: z.string().optional(),
  Effect: z.enum(["Allow", "Deny"]),
  Principal: z.union([z.literal("*"), z.record(z.string(), stringOrListSchema)]).optional(),
  NotPrincipal: z.union([z.literal("*"), z.record(z.string(), stringOrListSchema)]).optional(),
  Action: stringOrListSchema.optional(),
  NotAction: stringOrListSchema.optional(),
  Resource: stringOrListSchema.optional(),
  NotResource: stringOrListSchema.optional(),
  Condition: z.record(z.string(), z.record(z.string(), z.union([scalarSchema, z.array(scalarSchema)]))).optional(),
});
export type Statement = z.infer<typeof statementSchema>;

/** An IAM policy document. `Statement` may be one object or a list, as IAM accepts. */
export const policyDocumentSchema = z.looseObject({
  Version: z.string().optional(),
  Id: z.string().optional(),
  Statement: z.union([statementSchema, z.array(statementSchema)]),
});
export type PolicyDocument = z.infer<typeof policyDocumentSchema>;

export const accountIdSchema = z.string().regex(/^\d{12}$/, "a 12-digit AWS account id");

export const oidcProviderSchema = z.object({
  accountId: accountIdSchema,
  Url: z.string().min(1),
  ClientIDList: z.array(z.string()).default(["sts.amazonaws.com"]),
  ThumbprintList: z.array(z.string()).default([]),
});
export type OIDCProvider = z.infer<typeof oidcProviderSchema>;

export const inlinePolicySchema = z.object({ PolicyName: z.string().min(1), PolicyDocument: policyDocumentSchema });
export type InlinePolicy = z.infer<typeof inlinePolicySchema>;

export const iamRoleSchema = z.object({
  accountId: accountIdSchema,
  RoleName: z.string().min(1),
  Path: z.string().default("/"),
  AssumeRolePolicyDocument: policyDocumentSchema,
  MaxSessionDuration: z.number().int().min(3600).max(43200).default(3600),
  Policies: z.array(inlinePolicySchema).default([]),
  PermissionsBoundary: policyDocumentSchema.optional(),
});
export type IAMRole = z.infer<typeof iamRoleSchema>;

/** An IAM user, only to give static access keys found in a pod's env an identity (pitfall 7). */
export const iamUserSchema = z.object({
  accountId: accountIdSchema,
  UserName: z.string().min(1),
  AccessKeyIds: z.array(z.string()).default([]),
  Policies: z.array(inlinePolicySchema).default([]),
});
export type IAMUser = z.infer<typeof iamUserSchema>;

export const objectMetaSchema = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().optional(),
  uid: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

export const envVarSchema = z.looseObject({ name: z.string().min(1), value: z.string().optional() });
export const containerSchema = z.looseObject({
  name: z.string().min(1),
  image: z.string().optional(),
  env: z.array(envVarSchema).optional(),
  volumeMounts: z.array(z.looseObject({ name: z.string() })).optional(),
});
export const podSpecSchema = z.looseObject({
  serviceAccountName: z.string().optional(),
  containers: z.array(containerSchema).min(1, "at least one container"),
  initContainers: z.array(containerSchema).optional(),
  volumes: z.array(z.looseObject({ name: z.string() })).optional(),
  nodeSelector: z.record(z.string(), z.string()).optional(),
});
export const podSchema = z.looseObject({
  apiVersion: z.literal("v1"),
  kind: z.literal("Pod"),
  metadata: objectMetaSchema,
  spec: podSpecSchema,
});
/** A Pod manifest (core/v1). Unknown fields are kept, as the API server would for known ones. */
export type Pod = z.infer<typeof podSchema>;
export type Container = z.infer<typeof containerSchema>;

export const serviceAccountSchema = z.looseObject({
  apiVersion: z.literal("v1"),
  kind: z.literal("ServiceAccount"),
  metadata: objectMetaSchema,
});
export type ServiceAccount = z.infer<typeof serviceAccountSchema>;

export const deploymentSchema = z.looseObject({
  apiVersion: z.literal("apps/v1"),
  kind: z.literal("Deployment"),
  metadata: objectMetaSchema,
  spec: z.looseObject({
    template: z.looseObject({ metadata: objectMetaSchema.partial({ name: true }).optional(), spec: podSpecSchema }),
  }),
});
export type Deployment = z.infer<typeof deploymentSchema>;

export const fixtureKeyNameSchema = z.enum(FIXTURE_KEY_NAMES);

/** A DynamoDB key attribute: `42` (→ N), `"user-42"` (→ S), or already in DynamoDB JSON (`{ N: "42" }`, `{ S: … }`, `{ B: base64 }`). */
export const dynamoKeyValueSchema = z.union([
  z.string(),
  z.number(),
  z.strictObject({ S: z.string() }),
  z.strictObject({ N: z.string().regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, "a number written as a string, e.g. \"42\"") }),
  z.strictObject({ B: z.string() }),
]);
export type DynamoKeyValue = z.infer<typeof dynamoKeyValueSchema>;
/** The DynamoDB key of the call, attribute name → value (partition key, and sort key if any). */
export const dynamoKeySchema = z.record(z.string().min(1), dynamoKeyValueSchema).refine((k) => Object.keys(k).length >= 1 && Object.keys(k).length <= 2, "one or two key attributes (partition key, optional sort key)");
export type DynamoKey = z.infer<typeof dynamoKeySchema>;

export const SDK_NAMES = [
  "aws-sdk-js-v3", "aws-sdk-js-v2", "boto3", "botocore", "aws-sdk-go-v1", "aws-sdk-go-v2", "aws-sdk-java-v1",
  "aws-sdk-java-v2", "aws-cli-v1", "aws-cli-v2", "aws-sdk-ruby", "aws-sdk-cpp", "aws-sdk-net", "aws-sdk-php",
] as const;
export type SdkName = (typeof SDK_NAMES)[number];

export const worldSchema = z.object({
  /** The simulation's "now" (ISO 8601): STS's clock. */
  now: z.iso.datetime({ offset: true }),
  cluster: z.object({
    name: z.string().min(1),
    region: z.string().min(1),
    accountId: accountIdSchema,
    oidcIssuer: z.string().url(),
    kubernetesVersion: z.string(),
    /** Which fixture key the API server signs tokens with. */
    signingKey: fixtureKeyNameSchema,
    /** Keys the issuer's JWKS (`<issuer>/keys`) serves. Leave the signing key out to model a stale JWKS. */
    jwksKeys: z.array(fixtureKeyNameSchema),
    /** false: the JWKS cannot be fetched at all. */
    jwksReachable: z.boolean(),
  }),
  webhook: z.object({
    running: z.boolean(),
    /** The webhook's `--aws-default-region` ("" = none). EKS sets it to the cluster's region. */
    defaultRegion: z.string(),
    /** The webhook's `--sts-regional-endpoint` default (an SA annotation overrides it). */
    regionalSts: z.boolean(),
    /** The webhook's `--token-expiration` default, seconds. */
    tokenExpiration: z.number().int(),
    mountPath: z.string(),
    /** false: the SA was created after the pod (not yet in the webhook's cache), pitfall 2. */
    serviceAccountCached: z.boolean(),
    /** true: the pod was created before the SA got its role-arn annotation and never restarted, pitfall 1. */
    podCreatedBeforeAnnotation: z.boolean(),
  }),
  node: z.object({
    instanceRoleArn: z.string(),
    instanceId: z.string(),
    /** IMDSv2 `HttpPutResponseHopLimit`: 1 keeps pods (not on the host network) away from IMDS. */
    imdsHopLimit: z.number().int().min(1).max(64),
    os: z.enum(["linux", "windows"]),
    /** The pod's clock minus the true time, seconds (pitfall 27). */
    clockSkewSeconds: z.number(),
  }),
  network: z.object({
    /** false: private subnets without a NAT gateway (pitfall 13). */
    internetAccess: z.boolean(),
    /** An STS interface VPC endpoint exists (reachable only through the regional endpoint). */
    stsVpcEndpoint: z.boolean(),
  }),
  iam: z.object({
    oidcProviders: z.array(oidcProviderSchema),
    roles: z.array(iamRoleSchema),
    users: z.array(iamUserSchema),
    serviceControlPolicies: z.array(inlinePolicySchema),
  }),
  kubernetes: z.object({
    serviceAccounts: z.array(serviceAccountSchema),
    /** The workload's Pod as submitted (before the webhook). A Deployment is turned into its Pod. */
    pod: podSchema,
  }),
  workload: z.object({
    /** The container whose SDK makes the call. */
    container: z.string(),
    sdk: z.object({
      name: z.enum(SDK_NAMES),
      version: z.string(),
      /** false: the SDK reads the token file once and never again (pitfall 12). */
      rereadsTokenFile: z.boolean(),
    }),
    /** How long the pod has been running, seconds (token refresh and pitfall 12). */
    podAgeSeconds: z.number().min(0),
  }),
  call: z.object({
    action: z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9*?]+$/, "service:Action, e.g. dynamodb:GetItem"),
    resource: z.string().min(1),
    durationSeconds: z.number().int().optional(),
    /** DynamoDB calls: the item key (default `{ id: 42 }`, sent as `{"id":{"N":"42"}}`). */
    key: dynamoKeySchema.optional(),
    sessionPolicy: policyDocumentSchema.optional(),
    /** A resource-based policy on the target (e.g. a DynamoDB table's resource policy). */
    resourcePolicy: policyDocumentSchema.optional(),
    /** The table is encrypted with this customer-managed KMS key (pitfall 31). */
    kmsKeyArn: z.string().optional(),
    /** After IRSA, the app assumes this role too (role chaining, pitfall 26). */
    chainedRole: z.object({ RoleArn: z.string(), DurationSeconds: z.number().int().optional() }).optional(),
  }),
  token: z.object({
    /** Claim overrides, re-signed by `signingKey` (default: the cluster's key). */
    claims: z.record(z.string(), z.unknown()).optional(),
    /** true: the claim overrides are pasted in WITHOUT re-signing (the original signature is kept). */
    tamper: z.boolean(),
    signingKey: fixtureKeyNameSchema.optional(),
  }),
});
export type World = z.infer<typeof worldSchema>;
