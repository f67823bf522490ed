/** One row per IAM condition-operator rule (IAM User Guide: condition operators, multivalued keys). */
import { describe, expect, it } from "vitest";
import { evaluateConditionBlock, evaluateOperator, wildcardMatch, type RequestContext } from "@/lib/sim/iam/conditions";
import { evaluatePolicies } from "@/lib/sim/iam/policy";
import { evaluateTrustPolicy } from "@/lib/sim/iam/trust";
import { HOST, PROVIDER_ARN, TABLE } from "./helpers";

const SUB = `${HOST}:sub`;
const AUD = `${HOST}:aud`;
const ctx: RequestContext = { [SUB]: "system:serviceaccount:payments:billing-svc", [AUD]: "sts.amazonaws.com", "aws:TagKeys": ["team", "env"], "aws:SecureTransport": true, "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:topic" };

const rows: [string, string, string, (string | boolean)[], boolean][] = [
  ["StringEquals exact match", "StringEquals", SUB, ["system:serviceaccount:payments:billing-svc"], true],
  ["StringEquals is case-sensitive", "StringEquals", SUB, ["system:serviceaccount:Payments:billing-svc"], false],
  ["StringEquals treats * literally", "StringEquals", SUB, ["system:serviceaccount:payments:*"], false],
  ["several values for one key: OR", "StringEquals", SUB, ["system:serviceaccount:x:y", "system:serviceaccount:payments:billing-svc"], true],
  ["StringNotEquals true when no value matches", "StringNotEquals", SUB, ["system:serviceaccount:x:y"], true],
  ["StringNotEquals false when one value matches", "StringNotEquals", SUB, ["system:serviceaccount:x:y", "system:serviceaccount:payments:billing-svc"], false],
  ["StringEqualsIgnoreCase ignores case", "StringEqualsIgnoreCase", SUB, ["SYSTEM:SERVICEACCOUNT:PAYMENTS:BILLING-SVC"], true],
  ["StringNotEqualsIgnoreCase", "StringNotEqualsIgnoreCase", SUB, ["SYSTEM:SERVICEACCOUNT:PAYMENTS:BILLING-SVC"], false],
  ["StringLike * matches any run", "StringLike", SUB, ["system:serviceaccount:payments:*"], true],
  ["StringLike ? matches one character", "StringLike", SUB, ["system:serviceaccount:payments:billing-sv?"], true],
  ["StringLike ? does not match two", "StringLike", SUB, ["system:serviceaccount:payments:billing-s?"], false],
  ["StringLike is case-sensitive", "StringLike", SUB, ["system:serviceaccount:PAYMENTS:*"], false],
  ["StringNotLike", "StringNotLike", SUB, ["system:serviceaccount:kube-system:*"], true],
  ["absent key: positive operator is false", "StringEquals", `${HOST}:amr`, ["x"], false],
  ["absent key: StringNotEquals is true", "StringNotEquals", `${HOST}:amr`, ["x"], true],
  ["absent key: StringNotLike is true", "StringNotLike", `${HOST}:amr`, ["x*"], true],
  ["absent key: …IfExists is true", "StringEqualsIfExists", `${HOST}:amr`, ["x"], true],
  ["present key: …IfExists compares", "StringEqualsIfExists", SUB, ["nope"], false],
  ["Null true: key absent", "Null", `${HOST}:amr`, ["true"], true],
  ["Null true: key present → false", "Null", SUB, ["true"], false],
  ["Null false: key present", "Null", SUB, ["false"], true],
  ["ForAnyValue: one request value matches", "ForAnyValue:StringEquals", "aws:TagKeys", ["env", "cost"], true],
  ["ForAnyValue: none matches", "ForAnyValue:StringEquals", "aws:TagKeys", ["cost"], false],
  ["ForAnyValue: absent key is false", "ForAnyValue:StringEquals", "aws:PrincipalTag", ["x"], false],
  ["ForAllValues: every request value in the set", "ForAllValues:StringEquals", "aws:TagKeys", ["team", "env", "cost"], true],
  ["ForAllValues: one outside the set", "ForAllValues:StringEquals", "aws:TagKeys", ["team"], false],
  ["ForAllValues: absent key is true", "ForAllValues:StringEquals", "aws:PrincipalTag", ["x"], true],
  ["ForAnyValue:StringLike", "ForAnyValue:StringLike", "aws:TagKeys", ["te*"], true],
  ["Bool", "Bool", "aws:SecureTransport", ["true"], true],
  ["Bool false", "Bool", "aws:SecureTransport", ["false"], false],
  ["ArnLike with wildcards", "ArnLike", "aws:SourceArn", ["arn:aws:sns:*:111122223333:*"], true],
  ["ArnNotLike", "ArnNotLike", "aws:SourceArn", ["arn:aws:sns:*:444455556666:*"], true],
  ["condition key names are case-insensitive", "StringEquals", SUB.toUpperCase(), ["system:serviceaccount:payments:billing-svc"], true],
  ["unknown operator never matches", "StringSortOf", SUB, ["x"], false],
];

describe("condition operators", () => {
  for (const [name, op, key, values, expected] of rows) {
    it(name, () => {
      expect(evaluateOperator(op, key, values, ctx).matched).toBe(expected);
    });
  }
  it("several keys under one operator: AND", () => {
    expect(evaluateConditionBlock({ StringEquals: { [SUB]: "system:serviceaccount:payments:billing-svc", [AUD]: "sts.amazonaws.com" } }, ctx).matched).toBe(true);
    expect(evaluateConditionBlock({ StringEquals: { [SUB]: "system:serviceaccount:payments:billing-svc", [AUD]: "other" } }, ctx).matched).toBe(false);
  });
  it("several operators: AND", () => {
    expect(evaluateConditionBlock({ StringLike: { [SUB]: "system:serviceaccount:payments:*" }, StringEquals: { [AUD]: "nope" } }, ctx).matched).toBe(false);
  });
  it("wildcardMatch", () => {
    expect(wildcardMatch("a*b?c", "aXXbYc")).toBe(true);
    expect(wildcardMatch("*", "")).toBe(true);
    expect(wildcardMatch("a*", "b")).toBe(false);
  });
});

describe("policy evaluation", () => {
  const p = "arn:aws:sts::111122223333:assumed-role/r/s";
  const allow = (Action: string | string[], Resource = "*") => ({ name: "a", document: { Statement: [{ Effect: "Allow" as const, Action, Resource }] } });
  const deny = (Action: string) => ({ name: "d", document: { Statement: [{ Effect: "Deny" as const, Action, Resource: "*" }] } });
  const req = { principalArn: p, action: "dynamodb:GetItem", resource: TABLE };
  it("allow with a wildcard action", () => expect(evaluatePolicies(req, { identity: [allow("dynamodb:Get*")] }).allowed).toBe(true));
  it("action names are case-insensitive", () => expect(evaluatePolicies(req, { identity: [allow("DynamoDB:getitem")] }).allowed).toBe(true));
  it("resource wildcard", () => expect(evaluatePolicies(req, { identity: [allow("dynamodb:GetItem", "arn:aws:dynamodb:*:111122223333:table/U*")] }).allowed).toBe(true));
  it("no allow: implicit deny", () => expect(evaluatePolicies(req, { identity: [] }).decision).toBe("ImplicitDeny"));
  it("explicit deny beats allow", () => {
    const d = evaluatePolicies(req, { identity: [allow("*"), deny("dynamodb:*")] });
    expect(d.decision).toBe("ExplicitDeny");
    expect(d.error?.message).toBe(`User: ${p} is not authorized to perform: dynamodb:GetItem on resource: ${TABLE} with an explicit deny in an identity-based policy`);
  });
  it("boundary caps the allow", () => expect(evaluatePolicies(req, { identity: [allow("*")], boundary: allow("s3:*") }).policyType).toBe("permissions boundary"));
  it("explicit deny in a permissions boundary", () => expect(evaluatePolicies(req, { identity: [allow("*")], boundary: deny("dynamodb:*") }).error?.message).toContain("with an explicit deny in a permissions boundary"));
  it("session policy without allow", () => expect(evaluatePolicies(req, { identity: [allow("*")], session: allow("s3:*") }).error?.message).toContain("because no session policy allows the dynamodb:GetItem action"));
  it("NotAction", () => {
    expect(evaluatePolicies(req, { identity: [{ name: "n", document: { Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }] } }] }).allowed).toBe(true);
  });
  it("NotResource", () => {
    expect(evaluatePolicies(req, { identity: [{ name: "n", document: { Statement: [{ Effect: "Allow", Action: "*", NotResource: TABLE }] } }] }).allowed).toBe(false);
  });
  it("a resource-based policy can grant alone", () => {
    expect(evaluatePolicies(req, { identity: [], resourceBased: { name: "t", document: { Statement: [{ Effect: "Allow", Principal: { AWS: p }, Action: "dynamodb:GetItem", Resource: TABLE }] } } }).allowed).toBe(true);
  });
  it("explicit deny in a resource-based policy", () => {
    expect(evaluatePolicies(req, { identity: [allow("*")], resourceBased: { name: "t", document: { Statement: [{ Effect: "Deny", Principal: "*", Action: "dynamodb:*", Resource: "*" }] } } }).error?.message).toContain("with an explicit deny in a resource-based policy");
  });
  it("SCP without an allow", () => expect(evaluatePolicies(req, { identity: [allow("*")], serviceControlPolicies: [allow("s3:*")] }).error?.message).toContain("because no service control policy allows"));
});

describe("trust policy evaluation", () => {
  const doc = { Statement: [{ Effect: "Allow" as const, Principal: { Federated: PROVIDER_ARN }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { [SUB]: "system:serviceaccount:payments:billing-svc" } } }] };
  it("allows the named SA", () => expect(evaluateTrustPolicy(doc, { federatedPrincipal: PROVIDER_ARN, context: ctx }).allowed).toBe(true));
  it("Principal.Federated must be the provider ARN", () => expect(evaluateTrustPolicy(doc, { federatedPrincipal: PROVIDER_ARN.replace("111122223333", "444455556666"), context: ctx }).allowed).toBe(false));
  it("Action must cover sts:AssumeRoleWithWebIdentity", () => {
    expect(evaluateTrustPolicy({ Statement: [{ ...doc.Statement[0]!, Action: "sts:AssumeRole" }] }, { federatedPrincipal: PROVIDER_ARN, context: ctx }).allowed).toBe(false);
  });
  it("a Deny statement wins", () => {
    const d = { Statement: [doc.Statement[0]!, { Effect: "Deny" as const, Principal: { Federated: PROVIDER_ARN }, Action: "sts:*" }] };
    expect(evaluateTrustPolicy(d, { federatedPrincipal: PROVIDER_ARN, context: ctx })).toMatchObject({ allowed: false, explicitDeny: true });
  });
  it("reports each condition with key, operator, expected, request value, matched", () => {
    const e = evaluateTrustPolicy(doc, { federatedPrincipal: PROVIDER_ARN, context: ctx });
    expect(e.statements[0]?.conditions[0]).toMatchObject({ operator: "StringEquals", key: SUB, expected: ["system:serviceaccount:payments:billing-svc"], requestValue: "system:serviceaccount:payments:billing-svc", matched: true });
  });
});
