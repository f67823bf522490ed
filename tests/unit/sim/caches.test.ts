/** The hot-path memos are keyed by every input: a changed field never returns a stale result. */
import { describe, expect, it } from "vitest";
import { signSigV4 } from "@/lib/sim/sdk/sigv4";
import { trustPolicyFindings, providerArn, issuerHostPath } from "@/lib/sim/index";
import { ISSUER, ACCOUNT } from "./helpers";

const base = { method: "POST", host: "dynamodb.us-east-1.amazonaws.com", path: "/", headers: { "content-type": "application/x-amz-json-1.0" }, body: "{}", region: "us-east-1", service: "dynamodb", accessKeyId: "ASIAEXAMPLE", secretAccessKey: "secret", sessionToken: "tok", date: new Date("2024-11-08T20:00:00Z") };

describe("memoised pure functions", () => {
  it("SigV4: same input → same result; any field changed → another signature; callers cannot corrupt the memo", () => {
    const a = signSigV4(base);
    a.headers.authorization = "tampered";
    const b = signSigV4(base);
    expect(b.headers.authorization).not.toBe("tampered");
    expect(b.signature).toBe(a.signature);
    const variants = [
      { body: "{\"a\":1}" }, { date: new Date("2024-11-08T20:00:01Z") }, { secretAccessKey: "other" }, { sessionToken: undefined }, { path: "/x" },
      { query: "list-type=2" }, { headers: { "content-type": "application/json" } }, { region: "eu-west-1" }, { service: "s3" }, { method: "PUT" }, { host: "x.amazonaws.com" },
    ];
    const sigs = new Set([a.signature, ...variants.map((v) => signSigV4({ ...base, ...v }).signature)]);
    expect(sigs.size).toBe(variants.length + 1);
  });

  it("trustPolicyFindings: keyed by the policy and every parameter, returns fresh objects", () => {
    const pArn = providerArn(ACCOUNT, ISSUER);
    const host = issuerHostPath(ISSUER);
    const open = { Statement: [{ Effect: "Allow" as const, Principal: { Federated: pArn }, Action: "sts:AssumeRoleWithWebIdentity" }] };
    const t = { providerArn: pArn, issuerHostPath: host, namespace: "payments", serviceAccount: "billing-svc", roleName: "r1" };
    const f1 = trustPolicyFindings(open, t);
    f1[0]!.message = "changed";
    expect(trustPolicyFindings(open, t)[0]?.message).not.toBe("changed");
    expect(trustPolicyFindings(open, { ...t, roleName: "r2" })[0]?.message).toContain("role r2");
    const closed = { Statement: [{ ...open.Statement[0]!, Condition: { StringEquals: { [`${host}:sub`]: "system:serviceaccount:payments:billing-svc", [`${host}:aud`]: "sts.amazonaws.com" } } }] };
    expect(trustPolicyFindings(closed, t)).toEqual([]);
  });
});
