import { beforeAll, describe, expect, it } from "vitest";
import { answerSchema, type Answer } from "@/lib/contract";
import { createCatalog, demoDeckActivities, validateAuthoredScenario, type BankCatalog } from "@/lib/activities/catalog";
import type { ActivitySpec, PreparedActivity } from "@/lib/activities/types";
import { readFileSync } from "node:fs";

let catalog: BankCatalog;
const spec = (kind: ActivitySpec["kind"], scenarioId: string): ActivitySpec => ({ kind, scenarioId, config: {}, timeLimitSec: 30, pointsMultiplier: 1 });

/** What a phone receives while the question is open must not give the answer away. */
function expectNoLeak(p: PreparedActivity) {
  const json = JSON.stringify(p.prompt);
  expect(json).not.toMatch(/"(reveal|correct|correctId|correctLabel|misconception|misconceptions|explanation)"/);
  if (p.reveal.explanation.length > 30) expect(json).not.toContain(p.reveal.explanation);
  // A pitfall's / node-role's label is made of option texts, which are (with the wrong ones) in the prompt by design.
  if (p.prompt.kind !== "pitfall" && p.prompt.kind !== "node-role") expect(json).not.toContain(p.reveal.correctLabel);
}

beforeAll(async () => {
  catalog = await createCatalog();
});

describe("createCatalog", () => {
  it("loads the whole bank without problems and lists every kind", () => {
    expect(catalog.problems).toEqual([]);
    const entries = catalog.list();
    const bank = entries.filter((e) => e.scenarioId.startsWith("pitfalls/"));
    expect(bank.length).toBeGreaterThanOrEqual(32);
    expect(bank.every((e) => e.kinds.includes("pitfall"))).toBe(true);
    const kinds = new Set(entries.flatMap((e) => e.kinds));
    expect([...kinds].sort()).toEqual(["chain-fix", "flow-replay", "jwt-predict", "node-role", "pitfall", "setup-challenge", "which-step"]);
    expect(entries.find((e) => e.scenarioId === "pitfalls/20-sub-namespace-typo")?.failingStep).toBe(6);
  });

  it("prepares every pitfall and every which-step of the bank, with no answer in the prompt", async () => {
    for (const e of catalog.list()) {
      for (const kind of e.kinds) {
        const p = await catalog.prepare(spec(kind, e.scenarioId));
        expectNoLeak(p);
        expect(answerSchema.safeParse(p.reveal.correct).success).toBe(true);
        expect((await p.check(p.reveal.correct)).correct, `${kind} ${e.scenarioId}`).toBe(true);
      }
    }
  }, 120_000);

  it("caches prepared activities per spec", async () => {
    const s = spec("pitfall", "pitfalls/17-audience-typo");
    expect(await catalog.prepare(s)).toBe(await catalog.prepare({ ...s }));
  });

  it("rejects unknown scenarios and kinds a scenario cannot be played as", async () => {
    await expect(catalog.prepare(spec("pitfall", "pitfalls/nope"))).rejects.toThrow(/unknown scenario/);
    await expect(catalog.prepare(spec("which-step", "pitfalls/23-trust-without-sub"))).rejects.toThrow(/cannot be played as which-step/);
  });
});

describe("pitfall", () => {
  it("checks against the simulator's correct choice, generates evidence and exposes misconceptions", async () => {
    const p = await catalog.prepare(spec("pitfall", "pitfalls/20-sub-namespace-typo"));
    if (p.prompt.kind !== "pitfall" || p.reveal.correct.kind !== "pitfall") throw new Error("kind");
    expect(p.reveal.correct.choiceId).toBe("fix-sub");
    expect(p.prompt.choices).toHaveLength(4);
    const log = p.prompt.panels.find((x) => x.id === "app-log");
    expect(log?.content).toContain("AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity");
    expect(p.prompt.panels.find((x) => x.id === "trust-policy")?.content).toContain("system:serviceaccount:payment:billing-svc");
    expect(await p.check({ kind: "pitfall", choiceId: "fix-sub" })).toEqual({ correct: true, credit: 1 });
    expect((await p.check({ kind: "pitfall", choiceId: "stringlike" })).correct).toBe(false);
    expect((await p.check({ kind: "which-step", step: 6 })).correct).toBe(false);
    expect(p.distributionKey({ kind: "pitfall", choiceId: "stringlike" })).toBe("stringlike");
    expect(Object.keys(p.meta?.misconceptions ?? {}).sort()).toEqual(["create-provider", "drop-aud", "stringlike"]);
    expect(p.reveal.panels.some((x) => x.id === "trust-evaluation")).toBe(true);
  });

  it("the correct choice is not always shown first", async () => {
    const firsts = await Promise.all(catalog.list().filter((e) => e.kinds.includes("pitfall")).map(async (e) => {
      const p = await catalog.prepare(spec("pitfall", e.scenarioId));
      return p.prompt.kind === "pitfall" && p.reveal.correct.kind === "pitfall" && p.prompt.choices[0]?.id === p.reveal.correct.choiceId;
    }));
    expect(firsts.filter(Boolean).length).toBeLessThan(firsts.length / 2);
  });
});

describe("which-step and flow-replay", () => {
  it("correct iff the step matches; a wrong error code halves the credit", async () => {
    const p = await catalog.prepare(spec("which-step", "pitfalls/17-audience-typo"));
    if (p.prompt.kind !== "which-step") throw new Error("kind");
    expect(p.prompt.steps).toHaveLength(9);
    // The app log quotes "InvalidIdentityToken": asking for the code would be free credit, so it is not asked.
    expect(p.prompt.panels.some((panel) => panel.content.includes("InvalidIdentityToken"))).toBe(true);
    expect(p.prompt.errorCodes).toEqual([]);
    expect(p.prompt.prompt).not.toMatch(/which error/);
    expect(await p.check({ kind: "which-step", step: 5 })).toEqual({ correct: true, credit: 1, pickedStep: 5, correctStep: 5 });
    expect(await p.check({ kind: "which-step", step: 5, errorCode: "InvalidIdentityToken" })).toMatchObject({ correct: true, credit: 1 });
    expect(await p.check({ kind: "which-step", step: 5, errorCode: "AccessDenied" })).toMatchObject({ correct: true, credit: 0.5 });
    expect(await p.check({ kind: "which-step", step: 6 })).toEqual({ correct: false, credit: 0, pickedStep: 6, correctStep: 5 });
    expect(p.distributionKey({ kind: "which-step", step: 6 })).toBe("6");
  });

  it("flow-replay reveals the nine steps for the replay", async () => {
    const p = await catalog.prepare(spec("flow-replay", "pitfalls/27-clock-skew"));
    expect(p.reveal.correct).toEqual({ kind: "flow-replay", step: 8, errorCode: "InvalidSignatureException" });
    expect(p.reveal.steps?.map((s) => s.status)).toEqual(["ok", "ok", "ok", "ok", "ok", "ok", "ok", "fail", "skipped"]);
    expect((await p.check({ kind: "flow-replay", step: 8 })).correct).toBe(true);
  });
});

describe("chain-fix", () => {
  it("runs the submitted fields through the simulator", async () => {
    const p = await catalog.prepare(spec("chain-fix", "pitfalls/20-sub-namespace-typo"));
    if (p.prompt.kind !== "chain-fix") throw new Error("kind");
    expect(p.prompt.fields.subValue).toBe("system:serviceaccount:payment:billing-svc");
    expect((await p.check({ kind: "chain-fix", fields: { subValue: "system:serviceaccount:payments:billing-svc" } })).correct).toBe(true);
    expect((await p.check({ kind: "chain-fix", fields: { subOperator: "StringLike" } })).correct).toBe(false);
    // A wildcard that admits the whole namespace "works" but is a finding: not accepted where the scenario forbids it.
    expect((await p.check({ kind: "chain-fix", fields: {} })).correct).toBe(false);
    expect(p.distributionKey({ kind: "chain-fix", fields: { subValue: "x", saName: "billing-svc" } })).toBe("subValue");
  });

  it("is offered for chain breakages only", () => {
    const chain = catalog.list().filter((e) => e.kinds.includes("chain-fix")).map((e) => e.scenarioId);
    expect(chain).toEqual(expect.arrayContaining(["pitfalls/15-oidc-provider-missing", "pitfalls/20-sub-namespace-typo", "pitfalls/22-condition-key-https", "pitfalls/23-trust-without-sub", "pitfalls/24-role-name-typo"]));
    expect(chain).not.toContain("pitfalls/27-clock-skew");
  });
});

describe("jwt-predict", () => {
  it.each([
    ["jwt/namespace-typo", "no-match"],
    ["jwt/namespace-case", "no-match"],
    ["jwt/exp-extended", "match"],
    ["jwt/aud-changed", "no-match"],
    ["jwt/k8s-namespace-claim", "match"],
    ["jwt/stringlike-canary", "match"],
  ] as const)("%s → %s (lib/sim trust evaluation)", async (id, expected) => {
    const p = await catalog.prepare(spec("jwt-predict", id));
    expect(p.reveal.correct).toEqual({ kind: "jwt-predict", prediction: expected });
    expect((await p.check({ kind: "jwt-predict", prediction: expected })).correct).toBe(true);
    expect((await p.check({ kind: "jwt-predict", prediction: expected === "match" ? "no-match" : "match" })).correct).toBe(false);
  });
});

describe("setup-challenge", () => {
  it("accepts a least-privilege setup for the Pod's own ServiceAccount only", async () => {
    const p = await catalog.prepare(spec("setup-challenge", "setup/billing-dynamodb"));
    const ok: Answer = { kind: "setup-challenge", inputs: { namespace: "payments", serviceAccountName: "billing-svc", roleName: "my-billing-role", policy: "DynamoDBTableReader" } };
    expect((await p.check(ok)).correct).toBe(true);
    expect((await p.check({ kind: "setup-challenge", inputs: { namespace: "payments", serviceAccountName: "billing", roleName: "r", policy: "DynamoDBTableReader" } })).correct).toBe(false);
    expect((await p.check({ kind: "setup-challenge", inputs: { namespace: "payment", serviceAccountName: "billing-svc", roleName: "r", policy: "DynamoDBTableReader" } })).correct).toBe(false);
    expect((await p.check({ kind: "setup-challenge", inputs: { namespace: "payments", serviceAccountName: "billing-svc", roleName: "r", policy: "AmazonDynamoDBFullAccess" } })).correct).toBe(false);
    expect((await p.check({ kind: "setup-challenge", inputs: { namespace: "payments", serviceAccountName: "billing-svc", roleName: "r", policy: "AmazonS3ReadOnlyAccess" } })).correct).toBe(false);
  });
});

describe("node-role", () => {
  it("computes the reachable set with evaluatePolicies and gives Jaccard partial credit", async () => {
    const before = await catalog.prepare(spec("node-role", "node-role/frontend-before"));
    const after = await catalog.prepare(spec("node-role", "node-role/frontend-after"));
    if (before.reveal.correct.kind !== "node-role" || after.reveal.correct.kind !== "node-role") throw new Error("kind");
    expect(before.reveal.correct.selected).toEqual(["users-read", "users-delete", "assets-read", "analytics-read", "ses-send", "queue-send"]);
    expect(after.reveal.correct.selected).toEqual(["assets-read"]);
    expect(await after.check({ kind: "node-role", selected: ["assets-read"] })).toEqual({ correct: true, credit: 1 });
    expect(await after.check({ kind: "node-role", selected: ["assets-read", "users-read"] })).toEqual({ correct: false, credit: 0.5 });
    expect(await after.check({ kind: "node-role", selected: [] })).toEqual({ correct: false, credit: 0 });
    expect(after.distributionKey({ kind: "node-role", selected: ["users-read", "assets-read"] })).toBe("assets-read,users-read");
  });
});

describe("demoDeckActivities", () => {
  it("is 6–8 playable activities mixing pitfall and which-step across the nine steps", async () => {
    const deck = demoDeckActivities();
    expect(deck.length).toBeGreaterThanOrEqual(6);
    expect(deck.length).toBeLessThanOrEqual(8);
    expect(new Set(deck.map((a) => a.kind))).toEqual(new Set(["pitfall", "which-step"]));
    const steps = new Set<number>();
    for (const a of deck) {
      const p = await catalog.prepare(a);
      const e = catalog.list().find((x) => x.scenarioId === a.scenarioId);
      if (e?.failingStep) steps.add(e.failingStep);
      if (p.reveal.steps) p.reveal.steps.filter((s) => s.status === "warn").forEach((s) => steps.add(s.n));
    }
    const bankSteps = deck.flatMap((a) => catalog.list().find((x) => x.scenarioId === a.scenarioId)?.failingStep ?? []);
    expect(new Set(bankSteps).size).toBeGreaterThanOrEqual(7);
  });
});

describe("validateAuthoredScenario", () => {
  const good = readFileSync("content/scenarios/pitfalls/20-sub-namespace-typo.yaml", "utf8");

  it("accepts a bank file", async () => {
    const v = await validateAuthoredScenario(good);
    expect(v.ok && v.correctChoiceId).toBe("fix-sub");
  });

  it("says when two choices fix the flow", async () => {
    const twice = good.replace(/value: system:serviceaccount:payment:billing-svc/, "X").replace(
      /set:\n(\s+)\/spec\/AssumeRolePolicyDocument\/Statement\/0\/Condition\/StringEquals\/oidc\.eks\.us-east-1\.amazonaws\.com~1id~1EXAMPLED539D4633E53DE1B71EXAMPLE:sub: system:serviceaccount:payments:billing-svc/,
      (m) => m,
    );
    // Make the "create-provider" distractor also fix the trust policy.
    const doc = twice.replace(/description: Re-register the provider\n(\s+)ops:\n/, (m, ind: string) => `${m}${ind}  - kind: IAMRole\n${ind}    name: billing-dynamodb-reader\n${ind}    set:\n${ind}      /spec/AssumeRolePolicyDocument/Statement/0/Condition/StringEquals/oidc.eks.us-east-1.amazonaws.com~1id~1EXAMPLED539D4633E53DE1B71EXAMPLE:sub: system:serviceaccount:payments:billing-svc\n`);
    const v = await validateAuthoredScenario(doc);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.join("\n")).toMatch(/exactly one choice must be correct: choices (fix-sub and create-provider|create-provider and fix-sub) all fix the flow/);
  });

  it("says when no choice fixes the flow", async () => {
    const none = good.replace(/sub: system:serviceaccount:payments:billing-svc\n/, "sub: system:serviceaccount:payments:billing-svc-2\n");
    const v = await validateAuthoredScenario(none);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.join("\n")).toMatch(/no choice fixes the flow: .*fix-sub → fails at step 6 \(AccessDenied\)/);
  });

  it("passes on lib/sim's parse errors, naming document and field", async () => {
    const v = await validateAuthoredScenario(good.replace("MaxSessionDuration: 3600", "MaxSessionDuration: soon"));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.join("\n")).toMatch(/document 3 \(IAMRole\/billing-dynamodb-reader\): spec\.MaxSessionDuration: .*expected number/);
  });

  it("requires a Pitfall document with exactly 4 choices", async () => {
    const v1 = await validateAuthoredScenario(good.split("kind: Pitfall")[0]!.replace(/---\napiVersion: irsa.sim\/v1\n$/, ""));
    expect(v1.ok).toBe(false);
    if (!v1.ok) expect(v1.errors.join("\n")).toMatch(/no `apiVersion: irsa.sim\/v1, kind: Pitfall` document/);
    const v2 = await validateAuthoredScenario(`${good}`.replace(/\n {4}- id: stringlike[\s\S]*?(?=\n {4}- id: )/, ""));
    expect(v2.ok).toBe(false);
    if (!v2.ok) expect(v2.errors.join("\n")).toMatch(/spec\.choices: exactly 4 choices/);
  });

  it("reports YAML syntax errors", async () => {
    const v = await validateAuthoredScenario("kind: [unclosed");
    expect(v.ok).toBe(false);
  });
});
