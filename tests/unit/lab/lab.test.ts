import { describe, expect, it } from "vitest";
import { DEFAULTS, traceFlow } from "@/lib/sim";
import { LAB_CLUSTER, LAB_SCENARIOS, SCENARIO_IDS, scenarioFromParam, scenarioWorld } from "@/lib/lab/scenarios";
import { compareNodeRole } from "@/lib/lab/node-role";
import { approachEvidence } from "@/lib/lab/approaches";
import { CHAIN_PRESETS, defaultChainInput, evaluateChain } from "@/lib/lab/chain";
import { FLOW_PRESETS, runFlowPreset } from "@/lib/lab/flow";
import { inspectJwt, PREDICT_CHALLENGES } from "@/lib/lab/jwt";
import { defaultSetupForm, runSetup } from "@/lib/lab/setup";
import { referenceErrors } from "@/lib/lab/reference";

describe("lab scenarios", () => {
  it("run on the simulator's default cluster", () => {
    expect(LAB_CLUSTER).toEqual({ clusterName: DEFAULTS.clusterName, region: DEFAULTS.region, accountId: DEFAULTS.accountId, oidcId: DEFAULTS.oidcId, oidcIssuer: DEFAULTS.oidcIssuer });
  });
  it.each(SCENARIO_IDS)("%s: the happy-path world succeeds with no security finding", async (id) => {
    const t = await traceFlow(scenarioWorld(LAB_SCENARIOS[id]));
    expect(t.outcome).toBe("success");
    expect(t.identity).toContain(`assumed-role/${LAB_SCENARIOS[id].roleName}/`);
    expect(t.findings.filter((f) => f.severity !== "info")).toEqual([]);
  });
  it("falls back to billing for unknown ids", () => {
    expect(scenarioFromParam("nope").id).toBe("billing");
    expect(scenarioFromParam(["mailer"]).id).toBe("mailer");
  });
});

describe("section 0: approaches", () => {
  it("static keys and the node role work but raise critical findings; IRSA is clean", async () => {
    const ev = await approachEvidence(LAB_SCENARIOS.billing);
    const by = Object.fromEntries(ev.map((e) => [e.id, e.trace]));
    expect(by["static-keys"]?.findings.map((f) => f.code)).toContain("pod.static-keys");
    expect(by["node-role"]?.identity).toContain("assumed-role/eks-node-role/");
    expect(by["node-role"]?.findings.map((f) => f.code)).toContain("credentials.node-role");
    expect(by.irsa?.outcome).toBe("success");
    expect(by.irsa?.findings).toEqual([]);
  });
});

describe("section 1: node role before/after", () => {
  it("before: frontend can delete Users; after: only its own bucket", () => {
    const c = compareNodeRole(LAB_SCENARIOS.billing);
    const reach = (side: "before" | "after", pod: string) => c[side].find((p) => p.pod.id === pod)!.results.filter((r) => r.allowed).map((r) => r.id);
    expect(reach("before", "frontend")).toContain("ddb-delete");
    expect(reach("after", "frontend")).toEqual(["s3-assets-get"]);
    expect(reach("after", "workload")).toEqual(["ddb-read"]);
    const denied = c.after.find((p) => p.pod.id === "frontend")!.results.find((r) => r.id === "ddb-read")!;
    expect(denied.error).toMatch(/^AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role\/frontend-assets-reader\/.* because no identity-based policy allows the dynamodb:GetItem action$/);
  });
});

describe("section 3: validation chain", () => {
  const expected: Record<string, { links: string; step: number | null; code?: string }> = {
    valid: { links: "ok/ok/ok", step: null },
    "ns-typo": { links: "ok/fail/ok", step: 6, code: "AccessDenied" },
    "star-equals": { links: "ok/fail/ok", step: 6, code: "AccessDenied" },
    "https-key": { links: "ok/fail/ok", step: 6, code: "AccessDenied" },
    "no-provider": { links: "fail/ok/ok", step: 5, code: "InvalidIdentityToken" },
    "wrong-principal": { links: "fail/ok/ok", step: 6, code: "AccessDenied" },
    "aud-typo": { links: "ok/fail/ok", step: 6, code: "AccessDenied" },
    "annotation-account": { links: "ok/fail/ok", step: 5, code: "InvalidIdentityToken" },
    "no-annotation": { links: "ok/fail/fail", step: 2, code: "CredentialsProviderError" },
    "default-sa": { links: "ok/ok/fail", step: 2, code: "CredentialsProviderError" },
    "sa-namespace": { links: "ok/fail/fail", step: 1, code: "Forbidden" }, // the API server refuses a Pod naming a missing ServiceAccount
    "wildcard-like": { links: "ok/warn/ok", step: null },
  };
  it.each(CHAIN_PRESETS.map((p) => p.id))("preset %s", async (id) => {
    const s = LAB_SCENARIOS.billing;
    const p = CHAIN_PRESETS.find((x) => x.id === id)!;
    const v = await evaluateChain({ ...defaultChainInput(s), ...p.make(s) });
    const e = expected[id]!;
    expect(v.links.map((l) => l.status).join("/")).toBe(e.links);
    expect(v.failedStep).toBe(e.step);
    if (e.code) expect(v.error?.code).toBe(e.code);
  });
  it("quotes STS's exact message for a missing provider", async () => {
    const v = await evaluateChain({ ...defaultChainInput(LAB_SCENARIOS.report), oidcRegistered: false });
    expect(v.errorText).toBe(`InvalidIdentityToken (HTTP 400): No OpenIDConnect provider found in your account for ${DEFAULTS.oidcIssuer}`);
  });
  it("says what works when valid", async () => {
    const v = await evaluateChain(defaultChainInput(LAB_SCENARIOS.mailer));
    expect(v.explanation).toMatch(/mailer now works: ses:SendEmail .* is allowed/);
  });
});

describe("section 4: token flow presets", () => {
  it("each failure preset fails at a different step", async () => {
    const steps: Record<string, number | null> = {};
    for (const p of FLOW_PRESETS) steps[p.id] = (await runFlowPreset(LAB_SCENARIOS.billing, p.id)).failedStep;
    expect(steps).toEqual({ happy: null, "webhook-down": 2, "non-root": 3, "private-subnet": 4, "no-provider": 5, "stale-jwks": 5, "sub-typo": 6, "chained-2h": 7, "clock-skew": 8, "missing-permission": 9 });
  });
  it("puts steps in their lanes and keeps the details", async () => {
    const t = await runFlowPreset(LAB_SCENARIOS.billing, "happy");
    expect(t.steps.map((s) => s.lane).join(",")).toBe("pod,pod,pod,sts,sts,sts,sts,pod,service");
    expect(t.steps[2]?.details.token).toMatch(/^eyJ/);
    expect(t.steps[8]?.details.action).toBe("dynamodb:GetItem");
  });
});

describe("section 5: JWT inspector", () => {
  it("hides the verdict until reveal", async () => {
    const r = await inspectJwt({ scenario: "billing", mode: "resign", reveal: false });
    expect(r.verdict).toBeUndefined();
    expect(r.token.split(".")).toHaveLength(3);
    expect(r.edits.sub).toBe("system:serviceaccount:payments:billing-svc");
  });
  it("predict challenges: sub typo breaks the match; kubernetes.io namespace alone does not", async () => {
    const base = (await inspectJwt({ scenario: "billing", mode: "resign", reveal: false })).edits;
    const run = async (id: string) => {
      const ch = PREDICT_CHALLENGES.find((c) => c.id === id)!;
      return (await inspectJwt({ scenario: "billing", claims: ch.make(LAB_SCENARIOS.billing, base), mode: "resign", reveal: true })).verdict!;
    };
    expect((await run("sub-namespace-char")).trust.allowed).toBe(false);
    expect((await run("k8s-namespace")).trust.allowed).toBe(true);
    const expired = await run("expired");
    expect(expired.trust.allowed).toBe(true);
    expect(expired.sts.error?.code).toBe("ExpiredTokenException");
  });
  it("a hand-edited token fails its signature", async () => {
    const r = await inspectJwt({ scenario: "billing", claims: { namespace: "other" }, mode: "tamper", reveal: true });
    expect(r.verdict?.signature.ok).toBe(false);
    expect(r.verdict?.sts.failedStep).toBe(5);
  });
});

describe("section 2: setup", () => {
  const form = defaultSetupForm(LAB_SCENARIOS.billing);
  it("generates eksctl from the inputs", async () => {
    const r = await runSetup({ scenario: "billing", form: { ...form, namespace: "team-a" }, action: "generate" });
    expect(r.generated.eksctl).toContain("--namespace team-a --name billing-svc");
    expect(r.applied).toBeUndefined();
  });
  it("apply creates the three objects and the flow succeeds", async () => {
    const r = await runSetup({ scenario: "report", form: defaultSetupForm(LAB_SCENARIOS.report), action: "apply" });
    expect(r.applied?.provider && r.applied.role && r.applied.serviceAccount).toBeTruthy();
    expect(r.applied?.trace.outcome).toBe("success");
  });
  it.each([
    ["the default billing inputs", {}, true],
    ["full DynamoDB access (writes allowed)", { policy: "AmazonDynamoDBFullAccess" }, false],
    ["the wrong namespace", { namespace: "billing" }, false],
    ["a wrong OIDC id", { oidcId: "0000" }, false],
    ["S3 read-only", { policy: "AmazonS3ReadOnlyAccess" }, false],
  ] as const)("challenge with %s → passed=%s", async (_l, change, passed) => {
    const r = await runSetup({ scenario: "billing", form: { ...form, ...change }, action: "challenge" });
    expect(r.challenge?.passed).toBe(passed);
  });
});

describe("section 7: reference", () => {
  it("quotes the simulator's errors", async () => {
    const rows = await referenceErrors(LAB_SCENARIOS.billing);
    expect(rows.find((r) => r.id === "audience")?.line).toBe("InvalidIdentityToken (HTTP 400): Incorrect token audience");
    expect(rows.find((r) => r.id === "trust")?.line).toBe("AccessDenied (HTTP 403): Not authorized to perform sts:AssumeRoleWithWebIdentity");
    expect(rows.every((r) => r.step !== null)).toBe(true);
  });
});
