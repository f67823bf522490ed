/**
 * One row per production pitfall of IRSA-FACTS §7 (all 32): the broken world, the step where it
 * shows, the exact error (or, for silent pitfalls, the identity and the finding).
 */
import { describe, expect, it } from "vitest";
import { traceFlow } from "@/lib/sim/flow";
import { parseScenario } from "@/lib/sim/scenario/parse";
import { defaultServiceAccount, defaultRole } from "@/lib/sim/defaults";
import type { World } from "@/lib/sim/world";
import * as U from "@/lib/sim/unverified";
import {
  ACCOUNT, HOST, ISSUER, NODE_SESSION_ARN, PROVIDER_ARN, ROLE_ARN, ROLE_SESSION_ARN, TABLE, implicitDeny,
  roleWith, rolesWith, trustWith, withPod, withServiceAccount, world,
} from "./helpers";

interface Row {
  n: number;
  name: string;
  world: World;
  failedStep: number | null;
  code?: string;
  message?: string;
  identity?: string | null;
  finding?: string;
  /** Other step statuses to check, e.g. { 1: "warn" }. */
  statuses?: Record<number, string>;
}

const NODE_DENY = { failedStep: 9, code: "AccessDeniedException", message: implicitDeny(NODE_SESSION_ARN), identity: NODE_SESSION_ARN };
const ACCESS_DENIED = { code: "AccessDenied", message: "Not authorized to perform sts:AssumeRoleWithWebIdentity" };
const NO_PROVIDER = `No OpenIDConnect provider found in your account for ${ISSUER}`;
const KMS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const legacyRole = roleWith((r) => { r.RoleName = "legacy-reader"; });

const scenario = (yaml: string): World => {
  const r = parseScenario(yaml, "inline");
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario.world;
};

const rows: Row[] = [
  { n: 1, name: "annotation added after the pod was created", world: world({ webhook: { podCreatedBeforeAnnotation: true } }), ...NODE_DENY, finding: "webhook.not-mutated", statuses: { 1: "warn", 2: "warn", 3: "skipped" } },
  { n: 2, name: "SA created after the pod: not in the webhook's cache", world: world({ webhook: { serviceAccountCached: false } }), ...NODE_DENY, finding: "webhook.not-mutated", statuses: { 1: "warn" } },
  { n: 3, name: "skip label on the pod", world: world({ kubernetes: { pod: withPod((p) => { p.metadata.labels = { "eks.amazonaws.com/skip-pod-identity-webhook": "true" }; }) } }), ...NODE_DENY, finding: "webhook.not-mutated", statuses: { 1: "warn" } },
  { n: 3, name: "skip-containers annotation names the app container", world: world({ kubernetes: { pod: withPod((p) => { p.metadata.annotations = { "eks.amazonaws.com/skip-containers": "app" }; }) } }), ...NODE_DENY, finding: "credentials.node-role", statuses: { 1: "warn" } },
  {
    n: 4, name: "container already sets AWS_ROLE_ARN: the stale role wins",
    world: world({
      iam: { roles: rolesWith(defaultRole(), legacyRole) },
      kubernetes: { pod: withPod((p) => { p.spec.containers[0]!.env = [{ name: "AWS_ROLE_ARN", value: `arn:aws:iam::${ACCOUNT}:role/legacy-reader` }, { name: "AWS_WEB_IDENTITY_TOKEN_FILE", value: "/var/run/secrets/eks.amazonaws.com/serviceaccount/token" }]; }) },
    }),
    failedStep: null, identity: `arn:aws:sts::${ACCOUNT}:assumed-role/legacy-reader/aws-sdk-js-session-1731096000000`, finding: "webhook.env-preset", statuses: { 1: "warn" },
  },
  { n: 5, name: "webhook down, failurePolicy Ignore", world: world({ webhook: { running: false } }), ...NODE_DENY, finding: "webhook.not-mutated", statuses: { 1: "warn" } },
  { n: 6, name: "malformed role-arn annotation", world: world({ kubernetes: { serviceAccounts: [withServiceAccount({ "eks.amazonaws.com/role-arn": "billing-dynamodb-reader" })] } }), failedStep: 4, code: "ValidationError", message: U.MALFORMED_ROLE_ARN_ERROR.message, statuses: { 1: "warn" } },
  {
    n: 7, name: "static keys in env beat web identity",
    world: world({
      iam: { users: [{ accountId: ACCOUNT, UserName: "legacy-ci", AccessKeyIds: ["AKIAIOSFODNN7EXAMPLE"], Policies: [{ PolicyName: "all-dynamo", PolicyDocument: { Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }] } }] }] },
      kubernetes: { pod: withPod((p) => { p.spec.containers[0]!.env = [{ name: "AWS_ACCESS_KEY_ID", value: "AKIAIOSFODNN7EXAMPLE" }, { name: "AWS_SECRET_ACCESS_KEY", value: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }]; }) },
    }),
    failedStep: null, identity: `arn:aws:iam::${ACCOUNT}:user/legacy-ci`, finding: "pod.static-keys", statuses: { 3: "skipped", 4: "skipped", 7: "skipped" },
  },
  { n: 8, name: "SDK too old for web identity falls back to IMDS", world: world({ workload: { sdk: { name: "boto3", version: "1.9.0" } } }), ...NODE_DENY, finding: "credentials.node-role", statuses: { 2: "warn", 3: "skipped", 7: "warn" } },
  { n: 9, name: "no IRSA and IMDSv2 hop limit 1", world: world({ node: { imdsHopLimit: 1 }, workload: { sdk: { name: "aws-sdk-go-v1", version: "1.44.0" } }, kubernetes: { serviceAccounts: [withServiceAccount({})] } }), failedStep: 2, code: "NoCredentialProviders", message: "NoCredentialProviders: no valid providers in chain. Deprecated.", identity: null },
  { n: 10, name: "non-root container without fsGroup", world: world({ kubernetes: { pod: withPod((p) => { p.spec.securityContext = { runAsUser: 1000 }; }) } }), failedStep: 3, code: "WebIdentityErr", message: "open /var/run/secrets/eks.amazonaws.com/serviceaccount/token: permission denied" },
  { n: 11, name: "Windows node, pod without the windows nodeSelector", world: world({ node: { os: "windows" } }), failedStep: 3, code: "WebIdentityErr", message: "open /var/run/secrets/eks.amazonaws.com/serviceaccount/token: The system cannot find the path specified." },
  { n: 12, name: "SDK never re-reads the token file", world: world({ workload: { podAgeSeconds: 90000, sdk: { rereadsTokenFile: false } } }), failedStep: 5, code: "ExpiredTokenException", message: "Token expired: current date/time 1731096000 must be before the expiration date/time 1731092400", statuses: { 3: "warn" } },
  { n: 13, name: "private VPC, global STS endpoint", world: world({ network: { internetAccess: false, stsVpcEndpoint: true }, workload: { sdk: { name: "aws-sdk-go-v1", version: "1.44.0" } } }), failedStep: 4, code: "RequestError", message: "Post https://sts.amazonaws.com/: i/o timeout" },
  { n: 14, name: "opt-in region calling the global STS endpoint", world: world({ webhook: { defaultRegion: "af-south-1" }, workload: { sdk: { name: "aws-sdk-go-v1", version: "1.44.0" } } }), failedStep: 4, code: "SignatureDoesNotMatch", message: U.globalStsWrongRegionMessage() },
  { n: 15, name: "OIDC provider never created", world: world({ iam: { oidcProviders: [] } }), failedStep: 5, code: "InvalidIdentityToken", message: NO_PROVIDER },
  { n: 15, name: "cluster recreated: new issuer id", world: world({ cluster: { oidcIssuer: "https://oidc.eks.us-east-1.amazonaws.com/id/NEWCLUSTER0000000000000000000000" } }), failedStep: 5, code: "InvalidIdentityToken", message: "No OpenIDConnect provider found in your account for https://oidc.eks.us-east-1.amazonaws.com/id/NEWCLUSTER0000000000000000000000" },
  { n: 16, name: "provider in another account than the role", world: world({ iam: { oidcProviders: [{ accountId: "444455556666", Url: ISSUER, ClientIDList: ["sts.amazonaws.com"], ThumbprintList: [] }] } }), failedStep: 5, code: "InvalidIdentityToken", message: NO_PROVIDER },
  { n: 17, name: "audience typo on the ServiceAccount", world: world({ kubernetes: { serviceAccounts: [withServiceAccount({ "eks.amazonaws.com/role-arn": ROLE_ARN, "eks.amazonaws.com/audience": "sts.amazonaws.co" })] } }), failedStep: 5, code: "InvalidIdentityToken", message: "Incorrect token audience" },
  { n: 17, name: "audience typo in the provider's client id list", world: world({ iam: { oidcProviders: [{ accountId: ACCOUNT, Url: ISSUER, ClientIDList: ["sts.amazon.com"], ThumbprintList: [] }] } }), failedStep: 5, code: "InvalidIdentityToken", message: "Incorrect token audience" },
  { n: 18, name: "stale JWKS: signing kid missing", world: world({ cluster: { signingKey: "eks-demo-2024b", jwksKeys: ["eks-demo-2024a"] } }), failedStep: 5, code: "InvalidIdentityToken", message: "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements" },
  { n: 19, name: "token expired", world: world({ now: "2024-11-08T20:37:25Z", token: { claims: { exp: 1731095240 } } }), failedStep: 5, code: "ExpiredTokenException", message: "Token expired: current date/time 1731098245 must be before the expiration date/time 1731095240" },
  { n: 20, name: "namespace typo in sub", world: world({ iam: { roles: rolesWith(trustWith({ StringEquals: { [`${HOST}:sub`]: "system:serviceaccount:payment:billing-svc", [`${HOST}:aud`]: "sts.amazonaws.com" } })) } }), failedStep: 6, ...ACCESS_DENIED },
  { n: 21, name: "* inside StringEquals", world: world({ iam: { roles: rolesWith(trustWith({ StringEquals: { [`${HOST}:sub`]: "system:serviceaccount:payments:*" } })) } }), failedStep: 6, ...ACCESS_DENIED },
  { n: 22, name: "condition key with https://", world: world({ iam: { roles: rolesWith(trustWith({ StringEquals: { [`${ISSUER}:sub`]: "system:serviceaccount:payments:billing-svc" } })) } }), failedStep: 6, ...ACCESS_DENIED },
  { n: 22, name: "condition key with the provider-ARN prefix", world: world({ iam: { roles: rolesWith(trustWith({ StringEquals: { [`${PROVIDER_ARN}:sub`]: "system:serviceaccount:payments:billing-svc" } })) } }), failedStep: 6, ...ACCESS_DENIED },
  { n: 22, name: ":aud where :sub was meant", world: world({ iam: { roles: rolesWith(trustWith({ StringEquals: { [`${HOST}:aud`]: "system:serviceaccount:payments:billing-svc" } })) } }), failedStep: 6, ...ACCESS_DENIED },
  { n: 23, name: "no sub condition: any SA can assume", world: world({ iam: { roles: rolesWith(trustWith({ StringEquals: { [`${HOST}:aud`]: "sts.amazonaws.com" } })) } }), failedStep: null, identity: ROLE_SESSION_ARN, finding: "trust.no-sub-condition" },
  { n: 23, name: "StringLike system:serviceaccount:*:*", world: world({ iam: { roles: rolesWith(trustWith({ StringLike: { [`${HOST}:sub`]: "system:serviceaccount:*:*" } })) } }), failedStep: null, identity: ROLE_SESSION_ARN, finding: "trust.sub-wildcard" },
  { n: 24, name: "role missing (typo in the role-arn)", world: world({ kubernetes: { serviceAccounts: [withServiceAccount({ "eks.amazonaws.com/role-arn": `arn:aws:iam::${ACCOUNT}:role/billing-dynamo-reader` })] } }), failedStep: 6, ...ACCESS_DENIED },
  {
    n: 24, name: "wrong account in the role ARN",
    world: world({
      iam: { oidcProviders: [{ accountId: ACCOUNT, Url: ISSUER, ClientIDList: ["sts.amazonaws.com"], ThumbprintList: [] }, { accountId: "444455556666", Url: ISSUER, ClientIDList: ["sts.amazonaws.com"], ThumbprintList: [] }] },
      kubernetes: { serviceAccounts: [withServiceAccount({ "eks.amazonaws.com/role-arn": "arn:aws:iam::444455556666:role/billing-dynamodb-reader" })] },
    }),
    failedStep: 6, ...ACCESS_DENIED,
  },
  { n: 25, name: "DurationSeconds above MaxSessionDuration", world: world({ call: { durationSeconds: 7200 } }), failedStep: 4, code: "ValidationError", message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role." },
  { n: 26, name: "chained AssumeRole asks for 2 h", world: world({ call: { chainedRole: { RoleArn: `arn:aws:iam::${ACCOUNT}:role/reporting`, DurationSeconds: 7200 } } }), failedStep: 7, code: "ValidationError", message: U.ROLE_CHAINING_LIMIT_MESSAGE },
  { n: 27, name: "pod clock 10 minutes behind", world: world({ node: { clockSkewSeconds: -600 } }), failedStep: 8, code: "InvalidSignatureException", message: "Signature expired: 20241108T195000Z is now earlier than 20241108T195500Z (20241108T200000Z - 5 min.)" },
  { n: 28, name: "policy lacks GetItem", world: world({ iam: { roles: rolesWith(roleWith((r) => { r.Policies = [{ PolicyName: "q", PolicyDocument: { Statement: [{ Effect: "Allow", Action: "dynamodb:Query", Resource: TABLE }] } }]; })) } }), failedStep: 9, code: "AccessDeniedException", message: implicitDeny(ROLE_SESSION_ARN), identity: ROLE_SESSION_ARN },
  { n: 29, name: "policy names the index, not the table", world: world({ iam: { roles: rolesWith(roleWith((r) => { r.Policies = [{ PolicyName: "idx", PolicyDocument: { Statement: [{ Effect: "Allow", Action: "dynamodb:GetItem", Resource: `${TABLE}/index/*` }] } }]; })) } }), failedStep: 9, code: "AccessDeniedException", message: implicitDeny(ROLE_SESSION_ARN) },
  { n: 29, name: "policy names another region", world: world({ iam: { roles: rolesWith(roleWith((r) => { r.Policies = [{ PolicyName: "west", PolicyDocument: { Statement: [{ Effect: "Allow", Action: "dynamodb:GetItem", Resource: `arn:aws:dynamodb:us-west-2:${ACCOUNT}:table/Users` }] } }]; })) } }), failedStep: 9, code: "AccessDeniedException", message: implicitDeny(ROLE_SESSION_ARN) },
  { n: 30, name: "SCP denies DynamoDB", world: world({ iam: { serviceControlPolicies: [{ PolicyName: "FullAWSAccess", PolicyDocument: { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } }, { PolicyName: "deny-dynamo", PolicyDocument: { Statement: [{ Effect: "Deny", Action: "dynamodb:*", Resource: "*" }] } }] } }), failedStep: 9, code: "AccessDeniedException", message: `User: ${ROLE_SESSION_ARN} is not authorized to perform: dynamodb:GetItem on resource: ${TABLE} with an explicit deny in a service control policy` },
  { n: 30, name: "permissions boundary without DynamoDB", world: world({ iam: { roles: rolesWith(roleWith((r) => { r.PermissionsBoundary = { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }; })) } }), failedStep: 9, code: "AccessDeniedException", message: implicitDeny(ROLE_SESSION_ARN, "dynamodb:GetItem", TABLE, "permissions boundary") },
  { n: 30, name: "session policy denies", world: world({ call: { sessionPolicy: { Statement: [{ Effect: "Deny", Action: "dynamodb:GetItem", Resource: "*" }] } } }), failedStep: 9, code: "AccessDeniedException", message: `User: ${ROLE_SESSION_ARN} is not authorized to perform: dynamodb:GetItem on resource: ${TABLE} with an explicit deny in a session policy` },
  { n: 31, name: "customer-managed KMS key on the table", world: world({ call: { kmsKeyArn: KMS_KEY } }), failedStep: 9, code: "AccessDeniedException", message: implicitDeny(ROLE_SESSION_ARN, "kms:Decrypt", KMS_KEY) },
  { n: 32, name: "node role still reachable through IMDS", world: world({ node: { imdsHopLimit: 2 } }), failedStep: null, identity: ROLE_SESSION_ARN, finding: "imds.node-role-reachable" },
];

describe("IRSA-FACTS §7 pitfalls", () => {
  it("covers all 32 pitfalls", () => {
    expect(new Set(rows.map((r) => r.n)).size).toBe(32);
  });
  for (const row of rows) {
    it(`#${row.n} ${row.name}`, async () => {
      const t = await traceFlow(row.world);
      expect(t.failedStep, JSON.stringify(t.error)).toBe(row.failedStep);
      expect(t.outcome).toBe(row.failedStep === null ? "success" : "failure");
      if (row.code) expect(t.error?.code).toBe(row.code);
      if (row.message) expect(t.error?.message).toBe(row.message);
      if (row.identity !== undefined) expect(t.identity).toBe(row.identity);
      if (row.finding) expect(t.findings.map((f) => f.code)).toContain(row.finding);
      for (const [n, status] of Object.entries(row.statuses ?? {})) expect(t.steps[Number(n) - 1]?.status, `step ${n}`).toBe(status);
      if (row.failedStep !== null) {
        for (const s of t.steps.filter((s) => s.n > (row.failedStep as number))) expect(s.status).toBe("skipped");
      }
      expect(t.steps).toHaveLength(9);
    });
  }

  it("#2 names the webhook's log line", async () => {
    const t = await traceFlow(world({ webhook: { serviceAccountCached: false } }));
    expect(t.steps[0]?.details.reason).toBe("Service account payments/billing-svc not found in the cache. Not mutating");
    expect(t.steps[0]?.explanation).toContain("unverified.ts");
  });

  it("#11 a Windows pod with the nodeSelector gets the Windows path and succeeds", async () => {
    const t = await traceFlow(world({ node: { os: "windows", imdsHopLimit: 1 }, kubernetes: { pod: withPod((p) => { p.spec.nodeSelector = { "kubernetes.io/os": "windows" }; }) } }));
    expect(t.outcome).toBe("success");
    expect((t.steps[1]?.details.env as Record<string, string>).AWS_WEB_IDENTITY_TOKEN_FILE).toBe("C:\\var\\run\\secrets\\eks.amazonaws.com\\serviceaccount\\token");
  });

  it("#10 fsGroup fixes the permission error", async () => {
    const t = await traceFlow(world({ kubernetes: { pod: withPod((p) => { p.spec.securityContext = { runAsUser: 1000, fsGroup: 65534 }; }) } }));
    expect(t.outcome).toBe("success");
  });

  it("#13 regional STS plus a VPC endpoint works without internet", async () => {
    const t = await traceFlow(world({ network: { internetAccess: false, stsVpcEndpoint: true }, webhook: { regionalSts: true }, workload: { sdk: { name: "aws-sdk-go-v1", version: "1.44.0" } } }));
    expect(t.outcome).toBe("success");
  });

  it("a scenario file reproduces a pitfall too (#20 from YAML)", async () => {
    const w = scenario(`apiVersion: irsa.sim/v1
kind: Scenario
metadata: { name: p20 }
---
apiVersion: irsa.sim/v1
kind: IAMRole
spec:
  accountId: "${ACCOUNT}"
  RoleName: billing-dynamodb-reader
  AssumeRolePolicyDocument:
    Statement:
      - Effect: Allow
        Principal: { Federated: "${PROVIDER_ARN}" }
        Action: sts:AssumeRoleWithWebIdentity
        Condition: { StringEquals: { "${HOST}:sub": "system:serviceaccount:payments:billing" } }
`);
    const t = await traceFlow(w);
    expect(t.failedStep).toBe(6);
    expect(t.error?.message).toBe("Not authorized to perform sts:AssumeRoleWithWebIdentity");
    const ev = t.steps[5]?.details.evaluation as { statements: { conditions: { key: string; requestValue: unknown; matched: boolean }[] }[] };
    expect(ev.statements[0]?.conditions[0]).toMatchObject({ key: `${HOST}:sub`, requestValue: "system:serviceaccount:payments:billing-svc", matched: false });
  });

  it("#12: the file on disk is fresh (the kubelet rotated it); only the SDK's cached token has expired", async () => {
    const t = await traceFlow(world({ workload: { podAgeSeconds: 90000, sdk: { rereadsTokenFile: false } } }));
    const d = t.steps[2]!.details as { claims: { exp: number }; fileClaims: { iat: number; exp: number } };
    const now = Date.parse("2024-11-08T20:00:00Z") / 1000;
    expect(d.claims.exp).toBeLessThan(now);
    expect(d.fileClaims.exp).toBeGreaterThan(now);
    // The kubelet rewrites at 80% of 24 h (69,120 s): 90,000 s after start the file is 20,880 s old.
    expect(now - d.fileClaims.iat).toBe(90000 % 69120);
  });

  it("an SDK that re-reads the file holds what is on disk", async () => {
    const t = await traceFlow(world({ workload: { podAgeSeconds: 90000 } }));
    const d = t.steps[2]!.details as { claims: unknown; fileClaims: unknown };
    expect(d.fileClaims).toEqual(d.claims);
  });

  it("SA default is billing-svc in payments", () => {
    expect(defaultServiceAccount().metadata.namespace).toBe("payments");
  });
});
