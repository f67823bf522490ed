/** Happy path, JWT (kid, tamper vs re-sign), scenario parsing, fixes, generators. */
import { createPublicKey, createHash, createPrivateKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import {
  applyFix, applySetup, defaultWorld, evaluateFix, generateSetup, parseScenario, patchWorld, STEPS, toTraceSummary, traceFlow,
  type SetupInputs,
} from "@/lib/sim/index";
import { computeKid, fixtureKey } from "@/lib/sim/jwt/keys";
import { FIXTURE_PRIVATE_KEYS_PEM } from "@/lib/sim/jwt/fixture-keys";
import { signToken, tamperToken, verifySignature } from "@/lib/sim/jwt/token";
import { ACCOUNT, HOST, ISSUER, ROLE_SESSION_ARN, SESSION } from "./helpers";

describe("happy path", () => {
  it("succeeds as the role, nine steps ok", async () => {
    const t = await traceFlow(defaultWorld({ node: { imdsHopLimit: 1 }, webhook: { regionalSts: true } }), { scenario: "happy" });
    expect(t.outcome).toBe("success");
    expect(t.identity).toBe(ROLE_SESSION_ARN);
    expect(t.steps.map((s) => [s.n, s.id, s.title, s.status])).toEqual(STEPS.map((s) => [s.n, s.id, s.title, "ok"]));
    expect(t.findings).toEqual([]);
  });

  it("steps carry the details a student follows", async () => {
    const t = await traceFlow(defaultWorld());
    const [s1, s2, s3, s4, s5, s6, s7, s8, s9] = t.steps;
    expect((s1?.details.injectedEnv as Record<string, string>).AWS_ROLE_ARN).toBe(`arn:aws:iam::${ACCOUNT}:role/billing-dynamodb-reader`);
    expect(s2?.details.credentialSource).toBe("web-identity");
    expect(s3?.details.claims).toMatchObject({ iss: ISSUER, sub: "system:serviceaccount:payments:billing-svc", aud: ["sts.amazonaws.com"] });
    expect(s4?.details.request).toMatchObject({ method: "POST", path: "/", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect((s4?.details.request as { body: string }).body).toMatch(/^Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=/);
    expect(s5?.details.tokenKid).toBe(fixtureKey("eks-demo-2024a").kid);
    expect(s6?.details.context).toMatchObject({ [`${HOST}:sub`]: "system:serviceaccount:payments:billing-svc" });
    expect(((s7?.details.response as { body: string }).body)).toContain(`<Arn>${ROLE_SESSION_ARN}</Arn>`);
    expect((s7?.details.response as { body: string }).body).toContain(`:${SESSION}</AssumedRoleId>`);
    expect((s8?.details.headers as Record<string, string>).authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIA[A-Z2-7]{16}\/20241108\/us-east-1\/dynamodb\/aws4_request/);
    expect((s8?.details.headers as Record<string, string>)["x-amz-target"]).toBe("DynamoDB_20120810.GetItem");
    expect(s9?.details.decision).toBe("Allow");
    for (const s of t.steps) expect(s.explanation.length).toBeGreaterThan(20);
  });

  it("is reproducible (seeded randomness) and varies with another random", async () => {
    const a = await traceFlow(defaultWorld());
    const b = await traceFlow(defaultWorld());
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const c = await traceFlow(defaultWorld(), { random: () => 0.5 });
    expect(JSON.stringify(c.steps[6]?.details)).not.toBe(JSON.stringify(a.steps[6]?.details));
  });

  it("toTraceSummary has exactly the CLI keys", async () => {
    const s = toTraceSummary(await traceFlow(defaultWorld(), { scenario: "x" }));
    expect(Object.keys(s)).toEqual(["scenario", "outcome", "identity", "failedStep", "error", "steps", "findings"]);
    expect(Object.keys(s.steps[0]!)).toEqual(["n", "id", "title", "status"]);
  });

  it("step 9's title follows the action", async () => {
    const t = await traceFlow(defaultWorld({ call: { action: "dynamodb:Query" } }));
    expect(t.steps[8]?.title).toBe("The call (DynamoDB Query)");
  });
});

describe("JWT", () => {
  it("kid = base64url(SHA-256(DER SPKI)) with no padding, as Kubernetes computes it", async () => {
    for (const name of ["eks-demo-2024a", "eks-demo-2024b", "other-cluster"] as const) {
      const der = createPublicKey(createPrivateKey(FIXTURE_PRIVATE_KEYS_PEM[name])).export({ type: "spki", format: "der" });
      const expected = createHash("sha256").update(der).digest("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
      expect(fixtureKey(name).kid).toBe(expected);
      expect(computeKid(der)).toBe(expected);
      expect(expected).not.toContain("=");
    }
  });

  it("the projected token is a real RS256 JWT verifiable with the JWKS key", async () => {
    const t = await traceFlow(defaultWorld());
    const jwt = t.steps[2]?.details.token as string;
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: "RS256", kid: fixtureKey("eks-demo-2024a").kid });
    const { payload } = await jwtVerify(jwt, await importJWK(fixtureKey("eks-demo-2024a").publicJwk, "RS256"), { currentDate: new Date("2024-11-08T20:00:00Z") });
    expect(payload["kubernetes.io"]).toMatchObject({ namespace: "payments", serviceaccount: { name: "billing-svc" }, pod: { name: "billing-api" } });
    expect(payload.nbf).toBe(payload.iat);
  });

  it("claims edited without re-signing fail; re-issued claims pass", async () => {
    const jwks = [fixtureKey("eks-demo-2024a").publicJwk];
    const jwt = await signToken({ sub: "system:serviceaccount:payments:billing-svc", aud: ["sts.amazonaws.com"] }, "eks-demo-2024a");
    const tampered = tamperToken(jwt, { sub: "system:serviceaccount:kube-system:admin" });
    expect(decodeJwt(tampered).sub).toBe("system:serviceaccount:kube-system:admin");
    expect(await verifySignature(tampered, jwks)).toMatchObject({ ok: false, reason: "bad-signature" });
    const resigned = await signToken({ sub: "system:serviceaccount:kube-system:admin", aud: ["sts.amazonaws.com"] }, "eks-demo-2024a");
    expect(await verifySignature(resigned, jwks)).toMatchObject({ ok: true });
    expect(await verifySignature(await signToken({ sub: "x" }, "other-cluster"), jwks)).toMatchObject({ ok: false, reason: "kid-not-in-jwks" });
  });

  it("in the flow: tamper fails at step 5, re-sign reaches the trust policy", async () => {
    const tampered = await traceFlow(defaultWorld({ token: { tamper: true, claims: { sub: "system:serviceaccount:payments:other" } } }));
    expect(tampered.failedStep).toBe(5);
    expect(tampered.error?.code).toBe("InvalidIdentityToken");
    const resigned = await traceFlow(defaultWorld({ token: { claims: { sub: "system:serviceaccount:payments:other" } } }));
    expect(resigned.failedStep).toBe(6);
    expect(resigned.error?.message).toBe("Not authorized to perform sts:AssumeRoleWithWebIdentity");
  });

  it("aud missing → Missing a required claim: aud", async () => {
    const t = await traceFlow(defaultWorld({ token: { claims: { aud: null } } }));
    expect(t.error).toEqual({ code: "InvalidIdentityToken", httpStatus: 400, message: "Missing a required claim: aud" });
  });

  it("bad RoleSessionName → the STS validation message", async () => {
    const t = await traceFlow(defaultWorld({ kubernetes: { pod: { ...defaultWorld().kubernetes.pod, spec: { serviceAccountName: "billing-svc", containers: [{ name: "app", env: [{ name: "AWS_ROLE_SESSION_NAME", value: "x y" }] }] } } } }));
    expect(t.failedStep).toBe(4);
    expect(t.error?.message).toBe("1 validation error detected: Value 'x y' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
  });
});

const SCENARIO = `apiVersion: irsa.sim/v1
kind: Scenario
metadata: { name: aud-typo }
spec:
  node: { imdsHopLimit: 1 }
  webhook: { regionalSts: true }
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: billing-svc
  namespace: payments
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/billing-dynamodb-reader
    eks.amazonaws.com/audience: sts.amazonaws.co
`;

describe("scenario format", () => {
  it("parses, fills defaults, runs", async () => {
    const r = parseScenario(SCENARIO, "aud.yaml");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.name).toBe("aud-typo");
    expect(r.scenario.world.iam.oidcProviders).toHaveLength(1);
    expect(r.scenario.documents).toHaveLength(2);
    expect((await traceFlow(r.scenario.world)).error?.message).toBe("Incorrect token audience");
  });

  it("reports malformed documents by index, kind/name, field path — never throws", () => {
    const r = parseScenario(`apiVersion: irsa.sim/v1
kind: Scenario
metadata: { name: bad }
spec:
  webhook: { running: "yes" }
  nod: {}
---
apiVersion: irsa.sim/v1
kind: IAMRole
spec: { accountId: "123", RoleName: r }
---
apiVersion: v1
kind: Pod
metadata: { name: p }
spec: { containers: [] }
---
apiVersion: irsa.sim/v1
kind: Gadget
`, "bad.yaml");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.errors.map((e) => `${e.document} ${e.kind}/${e.name ?? ""} ${e.path}`);
    expect(paths).toContain("1 Scenario/bad spec.webhook.running");
    expect(paths).toContain("1 Scenario/bad spec");
    expect(paths).toContain("2 IAMRole/r spec.accountId");
    expect(paths).toContain("2 IAMRole/r spec.AssumeRolePolicyDocument");
    expect(paths).toContain("3 Pod/p spec.containers");
    expect(paths).toContain("4 Gadget/ kind");
    expect(r.errors.find((e) => e.path === "spec.accountId")?.message).toContain("12-digit");
  });

  it("YAML syntax errors and non-mappings are errors too", () => {
    expect(parseScenario("a: [1, 2", "x").ok).toBe(false);
    expect(parseScenario("- 1\n- 2\n", "x").ok).toBe(false);
  });

  it("Deployments become their Pod; other apiVersions pass through", () => {
    const r = parseScenario(`apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec: { template: { metadata: { labels: { app: web } }, spec: { serviceAccountName: cart, containers: [{ name: c }] } } }
---
apiVersion: irsa.classroom/v1
kind: Question
text: why?
`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.world.kubernetes.pod.metadata).toMatchObject({ namespace: "shop" });
    expect(r.scenario.world.kubernetes.serviceAccounts[0]?.metadata).toMatchObject({ name: "cart", namespace: "shop" });
    expect(r.scenario.extraDocuments).toHaveLength(1);
  });
});

describe("fixes", () => {
  const sc = (() => { const r = parseScenario(SCENARIO, "aud.yaml"); if (!r.ok) throw new Error("parse"); return r.scenario; })();
  it("the right fix makes the flow succeed with no critical finding", async () => {
    const v = await evaluateFix(sc, { ops: [{ kind: "ServiceAccount", name: "billing-svc", set: { "/metadata/annotations/eks.amazonaws.com~1audience": "sts.amazonaws.com" } }] });
    expect(v.correct).toBe(true);
  });
  it("a wrong fix does not", async () => {
    const v = await evaluateFix(sc, { ops: [{ kind: "Scenario", set: { "/spec/webhook/regionalSts": false } }] });
    expect(v.correct).toBe(false);
    expect(v.trace?.error?.message).toBe("Incorrect token audience");
  });
  it("unset, RFC 6902 patch, add/remove documents", async () => {
    expect((await evaluateFix(sc, { ops: [{ kind: "ServiceAccount", unset: ["/metadata/annotations/eks.amazonaws.com~1audience"] }] })).correct).toBe(true);
    expect((await evaluateFix(sc, { ops: [{ kind: "ServiceAccount", patch: [{ op: "replace", path: "/metadata/annotations/eks.amazonaws.com~1audience", value: "sts.amazonaws.com" }] }] })).correct).toBe(true);
    const r = applyFix(sc, { ops: [{ addDocument: { apiVersion: "irsa.sim/v1", kind: "OIDCProvider", spec: { accountId: ACCOUNT, Url: ISSUER, ClientIDList: ["sts.amazonaws.co"] } } }] });
    // The provider now accepts the typo'd audience, but the trust policy still pins :aud to sts.amazonaws.com.
    expect(r.ok && (await traceFlow(r.scenario.world)).failedStep).toBe(6);
    const bad = applyFix(sc, { ops: [{ removeDocument: { kind: "IAMRole" } }] });
    expect(bad.ok).toBe(false);
  });
  it("a fix that breaks validation returns errors", () => {
    const r = applyFix(sc, { ops: [{ kind: "Scenario", set: { "/spec/node/imdsHopLimit": "one" } }] });
    expect(r.ok).toBe(false);
  });
  it("patchWorld applies RFC 6902 to a World", () => {
    const r = patchWorld(defaultWorld(), [{ op: "replace", path: "/node/imdsHopLimit", value: 1 }]);
    expect(r.ok && r.world.node.imdsHopLimit).toBe(1);
  });
});

describe("generators", () => {
  const inputs: SetupInputs = { clusterName: "demo", region: "us-east-1", accountId: ACCOUNT, oidcId: "EXAMPLED539D4633E53DE1B71EXAMPLE", namespace: "payments", serviceAccountName: "billing-svc", roleName: "billing-dynamodb-reader", policy: "DynamoDBTableReader" };
  it("produce eksctl, YAML, trust JSON, CLI and Terraform", () => {
    const g = generateSetup(inputs);
    expect(g.eksctl).toMatch(/^eksctl create iamserviceaccount --cluster demo --region us-east-1 --namespace payments --name billing-svc --role-name billing-dynamodb-reader --attach-policy-arn \S+ --approve$/);
    expect(g.serviceAccountYaml).toContain("eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/billing-dynamodb-reader");
    const trust = JSON.parse(g.trustPolicyJson) as { Statement: { Condition: { StringEquals: Record<string, string> } }[] };
    expect(trust.Statement[0]?.Condition.StringEquals).toEqual({ [`${HOST}:sub`]: "system:serviceaccount:payments:billing-svc", [`${HOST}:aud`]: "sts.amazonaws.com" });
    expect(g.awsCli).toContain("aws iam create-role --role-name billing-dynamodb-reader");
    expect(g.terraform).toContain(`variable = "${HOST}:sub"`);
  });
  it("applySetup turns an empty account into a working one", async () => {
    const empty = defaultWorld({ iam: { oidcProviders: [], roles: [] }, kubernetes: { serviceAccounts: [] }, node: { imdsHopLimit: 1 } });
    expect((await traceFlow(empty)).outcome).toBe("failure");
    const t = await traceFlow(applySetup(empty, inputs));
    expect(t.outcome).toBe("success");
    expect(t.identity).toBe(ROLE_SESSION_ARN);
    expect(t.findings.filter((f) => f.severity === "critical")).toEqual([]);
  });
  it("a managed-policy preset works too", async () => {
    const t = await traceFlow(applySetup(defaultWorld({ iam: { oidcProviders: [] } }), { ...inputs, policy: "AmazonDynamoDBReadOnlyAccess" }));
    expect(t.outcome).toBe("success");
  });
});

describe("findings", () => {
  const trust = (Condition: Record<string, Record<string, string>>) =>
    defaultWorld({ node: { imdsHopLimit: 1 }, iam: { roles: [{ ...defaultWorld().iam.roles[0]!, AssumeRolePolicyDocument: { Statement: [{ Effect: "Allow", Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${HOST}` }, Action: "sts:AssumeRoleWithWebIdentity", Condition }] } }, defaultWorld().iam.roles[1]!] } });
  const codes = async (w: ReturnType<typeof defaultWorld>) => (await traceFlow(w)).findings.map((f) => `${f.severity} ${f.code}`);
  it("a namespace-wide wildcard is a warning, aud unrestricted too", async () => {
    expect(await codes(trust({ StringLike: { [`${HOST}:sub`]: "system:serviceaccount:payments:*" } }))).toEqual(["warning trust.sub-wildcard", "warning trust.aud-unrestricted"]);
  });
  it("a key that never matches (https://) is a denial, not a hole", async () => {
    const t = await traceFlow(trust({ StringEquals: { [`https://${HOST}:sub`]: "system:serviceaccount:payments:billing-svc" } }));
    expect(t.failedStep).toBe(6);
    expect(t.findings.filter((f) => f.severity === "critical")).toEqual([]);
  });
  it("StringNotEquals on sub admits other namespaces", async () => {
    expect(await codes(trust({ StringNotEquals: { [`${HOST}:sub`]: "system:serviceaccount:kube-system:x" }, StringEquals: { [`${HOST}:aud`]: "sts.amazonaws.com" } }))).toEqual(["critical trust.sub-wildcard"]);
  });
  it("classroom documents of irsa.sim/v1 kind Pitfall pass through", () => {
    const r = parseScenario("apiVersion: irsa.sim/v1\nkind: Pitfall\nmetadata: { name: p }\n", "p.yaml");
    expect(r.ok && r.scenario.extraDocuments).toHaveLength(1);
  });
});
