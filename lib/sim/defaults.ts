/** The default happy-path world: cluster "demo" in us-east-1, namespace payments, SA billing-svc, table Users. */
import type { IAMRole, OIDCProvider, Pod, ServiceAccount, World } from "./world";
import { deepMerge, type DeepPartial } from "./util";
import { DEFAULT_INSTANCE_ID } from "./unverified";

export const DEFAULTS = {
  clusterName: "demo",
  region: "us-east-1",
  accountId: "111122223333",
  oidcId: "EXAMPLED539D4633E53DE1B71EXAMPLE",
  oidcIssuer: "https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
  namespace: "payments",
  serviceAccountName: "billing-svc",
  roleName: "billing-dynamodb-reader",
  nodeRoleName: "eks-node-role",
  podName: "billing-api",
  containerName: "app",
  tableName: "Users",
  now: "2024-11-08T20:00:00Z",
} as const;

/** `oidc.eks.REGION.amazonaws.com/id/ID`: the issuer as IAM writes it in provider ARNs and condition keys. */
export const issuerHostPath = (issuer: string): string => issuer.replace(/^https:\/\//, "").replace(/\/$/, "");

export const providerArn = (accountId: string, issuer: string): string =>
  `arn:aws:iam::${accountId}:oidc-provider/${issuerHostPath(issuer)}`;

/** The trust policy eksctl writes: StringEquals on both `:sub` and `:aud`. */
export function defaultTrustPolicy(accountId: string, issuer: string, namespace: string, sa: string): IAMRole["AssumeRolePolicyDocument"] {
  const host = issuerHostPath(issuer);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: providerArn(accountId, issuer) },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${host}:sub`]: `system:serviceaccount:${namespace}:${sa}`,
            [`${host}:aud`]: "sts.amazonaws.com",
          },
        },
      },
    ],
  };
}

/** Parameters of the happy-path objects (all default to DEFAULTS). */
export interface HappyPathParams {
  accountId: string;
  region: string;
  issuer: string;
  namespace: string;
  serviceAccountName: string;
  roleName: string;
  tableName: string;
}
export const happyPathParams = (p: Partial<HappyPathParams> = {}): HappyPathParams => ({
  accountId: p.accountId ?? DEFAULTS.accountId,
  region: p.region ?? DEFAULTS.region,
  issuer: p.issuer ?? DEFAULTS.oidcIssuer,
  namespace: p.namespace ?? DEFAULTS.namespace,
  serviceAccountName: p.serviceAccountName ?? DEFAULTS.serviceAccountName,
  roleName: p.roleName ?? DEFAULTS.roleName,
  tableName: p.tableName ?? DEFAULTS.tableName,
});

export function defaultOidcProvider(p: HappyPathParams = happyPathParams()): OIDCProvider {
  return { accountId: p.accountId, Url: p.issuer, ClientIDList: ["sts.amazonaws.com"], ThumbprintList: ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"] };
}

export function defaultRole(p: HappyPathParams = happyPathParams()): IAMRole {
  const { accountId, region, tableName } = p;
  return {
    accountId,
    RoleName: p.roleName,
    Path: "/",
    AssumeRolePolicyDocument: defaultTrustPolicy(accountId, p.issuer, p.namespace, p.serviceAccountName),
    MaxSessionDuration: 3600,
    Policies: [
      {
        PolicyName: "read-users-table",
        PolicyDocument: {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem"],
              Resource: `arn:aws:dynamodb:${region}:${accountId}:table/${tableName}`,
            },
          ],
        },
      },
    ],
  };
}

/** The node's instance role: what a pod gets when it falls back to IMDS. No DynamoDB access. */
export function defaultNodeRole(accountId: string = DEFAULTS.accountId, roleName: string = DEFAULTS.nodeRoleName): IAMRole {
  return {
    accountId,
    RoleName: roleName,
    Path: "/",
    AssumeRolePolicyDocument: {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    },
    MaxSessionDuration: 3600,
    Policies: [
      {
        PolicyName: "AmazonEKSWorkerNodePolicy",
        PolicyDocument: {
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Action: ["ec2:Describe*", "eks:DescribeCluster", "eks-auth:AssumeRoleForPodIdentity"], Resource: "*" },
            { Effect: "Allow", Action: ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource: "*" },
          ],
        },
      },
    ],
  };
}

export function defaultServiceAccount(p: HappyPathParams = happyPathParams()): ServiceAccount {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: {
      name: p.serviceAccountName,
      namespace: p.namespace,
      uid: "7c3e5a1f-2b4d-4e6f-8a9b-0c1d2e3f4a5b",
      annotations: { "eks.amazonaws.com/role-arn": `arn:aws:iam::${p.accountId}:role/${p.roleName}` },
    },
  };
}

export function defaultPod(p: HappyPathParams = happyPathParams()): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: DEFAULTS.podName, namespace: p.namespace, uid: "3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9", labels: { app: "billing-api" } },
    spec: {
      serviceAccountName: p.serviceAccountName,
      containers: [{ name: DEFAULTS.containerName, image: "public.ecr.aws/example/billing-api:1.4.2" }],
    },
  };
}

/**
 * The default happy-path world, with `overrides` deep-merged in (objects merge, arrays replace).
 * @example
 * const w = defaultWorld({ node: { imdsHopLimit: 1 }, workload: { sdk: { name: "boto3", version: "1.9.0" } } });
 */
export function defaultWorld(overrides?: DeepPartial<World>): World {
  const base: World = {
    now: DEFAULTS.now,
    cluster: {
      name: DEFAULTS.clusterName,
      region: DEFAULTS.region,
      accountId: DEFAULTS.accountId,
      oidcIssuer: DEFAULTS.oidcIssuer,
      kubernetesVersion: "1.31",
      signingKey: "eks-demo-2024a",
      jwksKeys: ["eks-demo-2024a"],
      jwksReachable: true,
    },
    webhook: {
      running: true,
      defaultRegion: DEFAULTS.region,
      regionalSts: false,
      tokenExpiration: 86400,
      mountPath: "/var/run/secrets/eks.amazonaws.com/serviceaccount",
      serviceAccountCached: true,
      podCreatedBeforeAnnotation: false,
    },
    node: {
      instanceRoleArn: `arn:aws:iam::${DEFAULTS.accountId}:role/${DEFAULTS.nodeRoleName}`,
      instanceId: DEFAULT_INSTANCE_ID,
      imdsHopLimit: 2,
      os: "linux",
      clockSkewSeconds: 0,
    },
    network: { internetAccess: true, stsVpcEndpoint: false },
    iam: { oidcProviders: [defaultOidcProvider()], roles: [defaultRole(), defaultNodeRole()], users: [], serviceControlPolicies: [] },
    kubernetes: { serviceAccounts: [defaultServiceAccount()], pod: defaultPod() },
    workload: { container: DEFAULTS.containerName, sdk: { name: "aws-sdk-js-v3", version: "3.700.0", rereadsTokenFile: true }, podAgeSeconds: 0 },
    call: { action: "dynamodb:GetItem", resource: `arn:aws:dynamodb:${DEFAULTS.region}:${DEFAULTS.accountId}:table/${DEFAULTS.tableName}` },
    token: { tamper: false },
  };
  return deepMerge(base, overrides);
}
