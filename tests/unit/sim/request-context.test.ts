/** Step 9 evaluates SCPs, boundaries and identity policies against the request's global condition keys. */
import { describe, expect, it } from "vitest";
import { evaluateConditionBlock, requestContext, roleArnOf, traceFlow, type PolicyDocument, type World } from "@/lib/sim";
import { ACCOUNT, NODE_SESSION_ARN, ROLE_ARN, ROLE_SESSION_ARN, SESSION, TABLE, roleWith, rolesWith, withPod, world } from "./helpers";

const NODE_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/eks-node-role`;
const FULL = { PolicyName: "FullAWSAccess", PolicyDocument: { Statement: [{ Effect: "Allow" as const, Action: "*", Resource: "*" }] } };
const scpWorld = (deny: PolicyDocument, o: Parameters<typeof world>[0] = {}): World =>
  world({ ...o, iam: { ...o.iam, serviceControlPolicies: [FULL, { PolicyName: "guard", PolicyDocument: deny }] } });
const denyReads = (Condition: Record<string, Record<string, string | string[]>>): PolicyDocument => ({
  Statement: [{ Effect: "Deny", Action: ["dynamodb:GetItem", "kms:Decrypt"], Resource: "*", Condition }],
});
const step9 = async (w: World) => {
  const t = await traceFlow(w);
  const s = t.steps[8]!;
  return { t, s, ctx: s.details.context as Record<string, unknown> | null };
};

describe("requestContext", () => {
  it("an assumed-role session: aws:PrincipalArn is the ROLE's ARN, aws:userid is AROA…:session", () => {
    const ctx = requestContext({ principal: { type: "AssumedRole", roleArn: ROLE_ARN, sessionName: SESSION }, now: "2024-11-08T20:00:00.000Z", region: "us-east-1", resource: TABLE });
    expect(ctx).toMatchObject({
      "aws:PrincipalArn": ROLE_ARN, "aws:PrincipalAccount": ACCOUNT, "aws:PrincipalType": "AssumedRole", "aws:RequestedRegion": "us-east-1",
      "aws:CurrentTime": "2024-11-08T20:00:00Z", "aws:EpochTime": 1731096000, "aws:SecureTransport": true, "aws:ResourceAccount": ACCOUNT,
    });
    expect(String(ctx["aws:userid"])).toMatch(new RegExp(`^AROA[A-Z2-7]{17}:${SESSION}$`));
    expect(ctx["aws:SourceIdentity"]).toBeUndefined();
    expect(ctx["aws:username"]).toBeUndefined();
  });
  it("an IAM user: PrincipalType User, aws:username, AIDA… userid", () => {
    const ctx = requestContext({ principal: { type: "User", userArn: `arn:aws:iam::${ACCOUNT}:user/legacy-ci` }, now: "2024-11-08T20:00:00Z", region: "us-east-1" });
    expect(ctx).toMatchObject({ "aws:PrincipalType": "User", "aws:username": "legacy-ci", "aws:PrincipalAccount": ACCOUNT });
    expect(String(ctx["aws:userid"])).toMatch(/^AIDA[A-Z2-7]{17}$/);
  });
  it("principal tags become aws:PrincipalTag/<key>; role paths are part of the role ARN", () => {
    expect(requestContext({ principal: { type: "AssumedRole", roleArn: ROLE_ARN, sessionName: "s", tags: { team: "billing" } }, now: "2024-11-08T20:00:00Z", region: "us-east-1" })["aws:PrincipalTag/team"]).toBe("billing");
    expect(roleArnOf({ accountId: ACCOUNT, RoleName: "r", Path: "/irsa/" })).toBe(`arn:aws:iam::${ACCOUNT}:role/irsa/r`);
    expect(roleArnOf({ accountId: ACCOUNT, RoleName: "r" })).toBe(`arn:aws:iam::${ACCOUNT}:role/r`);
  });
  it("condition key names are case-insensitive", () => {
    const ctx = requestContext({ principal: { type: "AssumedRole", roleArn: ROLE_ARN, sessionName: SESSION }, now: "2024-11-08T20:00:00Z", region: "us-east-1" });
    expect(evaluateConditionBlock({ ArnEquals: { "AWS:PRINCIPALARN": ROLE_ARN }, StringEquals: { "aws:principaltype": "AssumedRole" }, Bool: { "Aws:SecureTransport": "true" } }, ctx).matched).toBe(true);
  });
});

describe("step 9 with global condition keys", () => {
  it("an SCP that exempts the role via ArnNotLike aws:PrincipalArn lets the call through", async () => {
    const { t, ctx } = await step9(scpWorld(denyReads({ ArnNotLike: { "aws:PrincipalArn": [`arn:aws:iam::*:role/pii-*`, ROLE_ARN] } })));
    expect(t.outcome).toBe("success");
    expect(ctx?.["aws:PrincipalArn"]).toBe(ROLE_ARN);
    expect(ctx?.["aws:PrincipalType"]).toBe("AssumedRole");
  });
  it("… and still denies a role it does not exempt, naming the SCP", async () => {
    const { t } = await step9(scpWorld(denyReads({ ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/pii-*" } })));
    expect(t.failedStep).toBe(9);
    expect(t.error?.message).toBe(`User: ${ROLE_SESSION_ARN} is not authorized to perform: dynamodb:GetItem on resource: ${TABLE} with an explicit deny in a service control policy`);
  });
  it("the session ARN is NOT aws:PrincipalArn: exempting arn:aws:sts::…:assumed-role/… does not help", async () => {
    const { t } = await step9(scpWorld(denyReads({ ArnNotLike: { "aws:PrincipalArn": `arn:aws:sts::${ACCOUNT}:assumed-role/billing-dynamodb-reader/*` } })));
    expect(t.failedStep).toBe(9);
  });
  it("a region guard (StringNotEquals aws:RequestedRegion) follows the region the call goes to", async () => {
    const guard = denyReads({ StringNotEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] } });
    expect((await step9(scpWorld(guard))).t.outcome).toBe("success");
    const tokyo = `arn:aws:dynamodb:ap-northeast-1:${ACCOUNT}:table/Users`;
    const w = scpWorld(guard, { call: { resource: tokyo }, iam: { roles: rolesWith(roleWith((r) => { r.Policies = [{ PolicyName: "all", PolicyDocument: { Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }] } }]; })) } });
    const { t, ctx } = await step9(w);
    expect(ctx?.["aws:RequestedRegion"]).toBe("ap-northeast-1");
    expect(t.error?.message).toContain("with an explicit deny in a service control policy");
  });
  it("time, transport and absent keys: aws:CurrentTime / aws:EpochTime from world.now, SecureTransport true, SourceIdentity absent", async () => {
    expect((await step9(scpWorld(denyReads({ DateGreaterThan: { "aws:CurrentTime": "2025-01-01T00:00:00Z" } })))).t.outcome).toBe("success");
    expect((await step9(scpWorld(denyReads({ DateLessThan: { "aws:CurrentTime": "2025-01-01T00:00:00Z" } })))).t.failedStep).toBe(9);
    expect((await step9(scpWorld(denyReads({ NumericLessThan: { "aws:EpochTime": "1731096001" } })))).t.failedStep).toBe(9);
    expect((await step9(scpWorld(denyReads({ Bool: { "aws:SecureTransport": "false" } })))).t.outcome).toBe("success");
    expect((await step9(scpWorld(denyReads({ Null: { "aws:SourceIdentity": "false" } })))).t.outcome).toBe("success");
  });
  it("a permissions boundary conditioned on aws:PrincipalAccount / aws:userid", async () => {
    const boundary = (Condition: Record<string, Record<string, string>>) => world({ iam: { roles: rolesWith(roleWith((r) => { r.PermissionsBoundary = { Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "*", Condition }] }; })) } });
    expect((await step9(boundary({ StringEquals: { "aws:PrincipalAccount": ACCOUNT } }))).t.outcome).toBe("success");
    expect((await step9(boundary({ StringLike: { "aws:userid": `AROA*:${SESSION}` } }))).t.outcome).toBe("success");
    expect((await step9(boundary({ StringEquals: { "aws:PrincipalAccount": "444455556666" } }))).t.error?.message).toContain("because no permissions boundary allows");
  });
  it("the node-role path: aws:PrincipalArn is the instance role, aws:userid AROA…:i-…", async () => {
    const { t, ctx } = await step9(world({ workload: { sdk: { name: "boto3", version: "1.9.0" } } }));
    expect(t.identity).toBe(NODE_SESSION_ARN);
    expect(ctx?.["aws:PrincipalArn"]).toBe(NODE_ROLE_ARN);
    expect(String(ctx?.["aws:userid"])).toMatch(/^AROA[A-Z2-7]{17}:i-0123456789abcdef0$/);
    const exempt = scpWorld(denyReads({ ArnNotLike: { "aws:PrincipalArn": NODE_ROLE_ARN } }), { workload: { sdk: { name: "boto3", version: "1.9.0" } } });
    expect((await step9(exempt)).t.error?.message ?? "").not.toContain("explicit deny");
  });
  it("the static-keys path: an IAM user", async () => {
    const w = world({
      iam: { users: [{ accountId: ACCOUNT, UserName: "legacy-ci", AccessKeyIds: ["AKIAIOSFODNN7EXAMPLE"], Policies: [{ PolicyName: "all", PolicyDocument: { Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }] } }] }] },
      kubernetes: { pod: withPod((p) => { p.spec.containers[0]!.env = [{ name: "AWS_ACCESS_KEY_ID", value: "AKIAIOSFODNN7EXAMPLE" }, { name: "AWS_SECRET_ACCESS_KEY", value: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }]; }) },
    });
    const { t, ctx } = await step9(w);
    expect(t.outcome).toBe("success");
    expect(ctx).toMatchObject({ "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:user/legacy-ci`, "aws:PrincipalType": "User", "aws:username": "legacy-ci" });
  });
});
