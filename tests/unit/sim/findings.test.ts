/** trustPolicyFindings probes three kinds of "someone else" and names which of them the policy admits. */
import { describe, expect, it } from "vitest";
import { trustPolicyFindings, traceFlow } from "@/lib/sim";
import { HOST, PROVIDER_ARN, ROLE_SESSION_ARN, rolesWith, trustWith, world } from "./helpers";

const SUB = `${HOST}:sub`;
const AUD = `${HOST}:aud`;
const t = { providerArn: PROVIDER_ARN, issuerHostPath: HOST, namespace: "payments", serviceAccount: "billing-svc", roleName: "billing-dynamodb-reader" };
const doc = (Condition: Record<string, Record<string, string | string[]>>) => ({
  Statement: [{ Effect: "Allow" as const, Principal: { Federated: PROVIDER_ARN }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { ...Condition, StringEquals: { ...Condition.StringEquals, [AUD]: "sts.amazonaws.com" } } }],
});
const subFindings = (sub: Record<string, Record<string, string | string[]>>) => trustPolicyFindings(doc(sub), t).filter((f) => f.code.startsWith("trust.") && f.code !== "trust.aud-unrestricted");

describe("trustPolicyFindings: sub wildcards", () => {
  it("StringLike system:serviceaccount:*:billing-svc is critical: billing-svc of ANY namespace assumes the role", () => {
    const [f, ...rest] = subFindings({ StringLike: { [SUB]: "system:serviceaccount:*:billing-svc" } });
    expect(rest).toEqual([]);
    expect(f?.code).toBe("trust.sub-wildcard");
    expect(f?.severity).toBe("critical");
    expect(f?.message).toContain("service account billing-svc in other namespaces (e.g. system:serviceaccount:zz-other:billing-svc)");
    expect(f?.message).not.toContain("other service accounts of namespace payments");
    expect(f?.message).not.toContain("other service accounts in other namespaces");
    expect(f?.message).toContain("a ServiceAccount named billing-svc");
  });

  it("system:serviceaccount:*:* admits all three kinds and stays critical", () => {
    const [f] = subFindings({ StringLike: { [SUB]: "system:serviceaccount:*:*" } });
    expect(f?.severity).toBe("critical");
    expect(f?.message).toContain("service account billing-svc in other namespaces");
    expect(f?.message).toContain("other service accounts of namespace payments");
    expect(f?.message).toContain("other service accounts in other namespaces");
  });

  it("system:serviceaccount:payments:* stays a warning and names only other SAs of the namespace", () => {
    const [f, ...rest] = subFindings({ StringLike: { [SUB]: "system:serviceaccount:payments:*" } });
    expect(rest).toEqual([]);
    expect(f?.severity).toBe("warning");
    expect(f?.message).toContain("other service accounts of namespace payments (e.g. system:serviceaccount:payments:zz-other)");
    expect(f?.message).not.toContain("in other namespaces");
  });

  it("near-miss wildcards are caught too: a namespace prefix, an SA suffix, a ?", () => {
    expect(subFindings({ StringLike: { [SUB]: "system:serviceaccount:payments*:billing-svc" } })[0]?.severity).toBe("critical");
    expect(subFindings({ StringLike: { [SUB]: "system:serviceaccount:paymen??:billing-svc" } })[0]?.severity).toBe("critical");
    expect(subFindings({ StringLike: { [SUB]: "system:serviceaccount:payments:billing-*" } })[0]?.severity).toBe("warning");
  });

  it("an exact subject (or a list of exact subjects) has no sub finding", () => {
    expect(subFindings({ StringEquals: { [SUB]: "system:serviceaccount:payments:billing-svc" } })).toEqual([]);
    expect(subFindings({ StringLike: { [SUB]: "system:serviceaccount:payments:billing-svc" } })).toEqual([]);
  });

  it("no sub condition at all keeps its own code", () => {
    expect(trustPolicyFindings(doc({}), t).map((f) => `${f.severity} ${f.code}`)).toEqual(["critical trust.no-sub-condition"]);
  });

  it("in a flow: *:billing-svc succeeds for the right Pod and reports the critical finding", async () => {
    const tr = await traceFlow(world({ node: { imdsHopLimit: 1 }, iam: { roles: rolesWith(trustWith({ StringLike: { [SUB]: "system:serviceaccount:*:billing-svc" }, StringEquals: { [AUD]: "sts.amazonaws.com" } })) } }));
    expect(tr.outcome).toBe("success");
    expect(tr.identity).toBe(ROLE_SESSION_ARN);
    expect(tr.findings.map((f) => `${f.severity} ${f.code}`)).toEqual(["critical trust.sub-wildcard"]);
  });
});
