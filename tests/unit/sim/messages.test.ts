/** The public message builders (lib/sim/sts/messages.ts) and the evaluation exports a UI needs. */
import { describe, expect, it } from "vitest";
import * as sim from "@/lib/sim/index";
import {
  STS_ERRORS, STS_MESSAGES, SIGV4_MESSAGES, accessDeniedMessage, defaultWorld, trustPolicyFindings, traceFlow, providerArn, issuerHostPath,
  type ConditionResult, type TrustEvaluation, type TrustStatementEvaluation, type PermissionDecision, type PolicyEvaluation, type StatementEvaluation,
} from "@/lib/sim/index";
import { ISSUER, ROLE_SESSION_ARN, TABLE, withServiceAccount, ROLE_ARN, world } from "./helpers";

describe("STS / IAM messages (IRSA-FACTS wording)", () => {
  it("builders give the exact strings", () => {
    expect(STS_MESSAGES.noOpenIdProvider(ISSUER)).toBe(`No OpenIDConnect provider found in your account for ${ISSUER}`);
    expect(STS_MESSAGES.incorrectTokenAudience).toBe("Incorrect token audience");
    expect(STS_MESSAGES.missingAudClaim).toBe("Missing a required claim: aud");
    expect(STS_MESSAGES.couldNotRetrieveKey).toBe("Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements");
    expect(STS_MESSAGES.expiredToken(1731098245, 1731095240)).toBe("Token expired: current date/time 1731098245 must be before the expiration date/time 1731095240");
    expect(STS_MESSAGES.notAuthorized).toBe("Not authorized to perform sts:AssumeRoleWithWebIdentity");
    expect(STS_MESSAGES.maxSessionDuration).toBe("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    expect(STS_MESSAGES.invalidRoleSessionName("x y")).toBe("1 validation error detected: Value 'x y' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
    expect(STS_MESSAGES.ioTimeout("https://sts.amazonaws.com/")).toBe("Post https://sts.amazonaws.com/: i/o timeout");
    expect(SIGV4_MESSAGES.signatureExpired("20241108T194000Z", "20241108T195500Z", "20241108T200000Z")).toBe("Signature expired: 20241108T194000Z is now earlier than 20241108T195500Z (20241108T200000Z - 5 min.)");
    expect(accessDeniedMessage({ principalArn: ROLE_SESSION_ARN, action: "dynamodb:GetItem", resource: TABLE }, "implicit", "identity-based policy"))
      .toBe(`User: ${ROLE_SESSION_ARN} is not authorized to perform: dynamodb:GetItem on resource: ${TABLE} because no identity-based policy allows the dynamodb:GetItem action`);
    expect(accessDeniedMessage({ principalArn: ROLE_SESSION_ARN, action: "dynamodb:GetItem", resource: TABLE }, "explicit", "service control policy"))
      .toBe(`User: ${ROLE_SESSION_ARN} is not authorized to perform: dynamodb:GetItem on resource: ${TABLE} with an explicit deny in a service control policy`);
  });

  it("the flow reports exactly these errors", async () => {
    const aud = await traceFlow(world({ kubernetes: { serviceAccounts: [withServiceAccount({ "eks.amazonaws.com/role-arn": ROLE_ARN, "eks.amazonaws.com/audience": "sts.amazonaws.co" })] } }));
    expect(aud.error).toEqual(STS_ERRORS.incorrectTokenAudience());
    const noProvider = await traceFlow(world({ iam: { oidcProviders: [] } }));
    expect(noProvider.error).toEqual(STS_ERRORS.noOpenIdProvider(ISSUER));
    const stale = await traceFlow(world({ cluster: { jwksKeys: ["eks-demo-2024b"] } }));
    expect(stale.error).toEqual(STS_ERRORS.couldNotRetrieveKey());
    const expired = await traceFlow(world({ token: { claims: { exp: 1731095240 } } }));
    expect(expired.error).toEqual(STS_ERRORS.expiredToken(Date.parse("2024-11-08T20:00:00Z") / 1000, 1731095240));
    const denied = await traceFlow(world({ call: { action: "dynamodb:PutItem" } }));
    expect(denied.error?.message).toBe(accessDeniedMessage({ principalArn: ROLE_SESSION_ARN, action: "dynamodb:PutItem", resource: TABLE }, "implicit", "identity-based policy"));
  });
});

describe("evaluation exports for a UI", () => {
  it("trustPolicyFindings and the result types are exported from lib/sim", () => {
    const w = defaultWorld();
    const found = trustPolicyFindings({ Statement: [{ Effect: "Allow", Principal: { Federated: providerArn(w.cluster.accountId, ISSUER) }, Action: "sts:AssumeRoleWithWebIdentity" }] },
      { providerArn: providerArn(w.cluster.accountId, ISSUER), issuerHostPath: issuerHostPath(ISSUER), namespace: "payments", serviceAccount: "billing-svc", roleName: "r" });
    expect(found.map((f) => f.code)).toContain("trust.no-sub-condition");
    const c: ConditionResult | undefined = (undefined as TrustEvaluation | undefined)?.statements[0]?.conditions[0];
    const s: TrustStatementEvaluation | StatementEvaluation | PolicyEvaluation | PermissionDecision | undefined = undefined;
    expect([c, s]).toEqual([undefined, undefined]);
    for (const name of ["trustPolicyFindings", "STS_MESSAGES", "STS_ERRORS", "SIGV4_MESSAGES", "accessDeniedMessage", "evaluateStatement", "serviceAccountNotFoundMessage", "buildServiceRequest"]) {
      expect(typeof (sim as Record<string, unknown>)[name], name).not.toBe("undefined");
    }
  });
});
