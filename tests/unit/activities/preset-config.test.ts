import { beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "@/lib/contract";
import { createCatalog, type BankCatalog } from "@/lib/activities/catalog";
import { activityConfigIssues, deckActivityIssues } from "@/lib/activities/deck-check";
import { NODE_ROLE_TARGETS } from "@/lib/activities/kinds/node-role";
import type { ActivitySpec } from "@/lib/activities/types";

/**
 * The kinds built on presets (jwt-predict, setup-challenge, node-role) honour the `config` fields they take — the
 * simulator still decides every answer — and refuse every other field, naming it, at deck save (and at prepare).
 */
let catalog: BankCatalog;
beforeAll(async () => {
  catalog = await createCatalog();
});
const spec = (kind: ActivitySpec["kind"], scenarioId: string, config: Record<string, unknown> = {}): ActivitySpec => ({ kind, scenarioId, config, timeLimitSec: 60, pointsMultiplier: 1 });
const setup = (policy: string): Answer => ({ kind: "setup-challenge", inputs: { namespace: "payments", serviceAccountName: "billing-svc", roleName: "r", policy } });

describe("node-role: config.options", () => {
  it("offers only the listed services; the correct set is the reachable ones among them (evaluatePolicies)", async () => {
    const options = ["users-read", "users-delete", "assets-read", "secret-read"];
    const p = await catalog.prepare(spec("node-role", "node-role/frontend-before", { options }));
    if (p.prompt.kind !== "node-role" || p.reveal.correct.kind !== "node-role") throw new Error("kind");
    expect(p.prompt.options.map((o) => o.id)).toEqual(options);
    // Before IRSA the node role reaches DynamoDB and S3 reads, not Secrets Manager (computed, see catalog.test.ts for all seven).
    expect(p.reveal.correct.selected).toEqual(["users-read", "users-delete", "assets-read"]);
    expect(await p.check({ kind: "node-role", selected: ["users-read", "users-delete", "assets-read"] })).toEqual({ correct: true, credit: 1 });
    expect(await p.check({ kind: "node-role", selected: ["users-read", "assets-read"] })).toEqual({ correct: false, credit: 2 / 3 });
    // A service that was not offered counts as a wrong pick, as any other.
    expect((await p.check({ kind: "node-role", selected: ["users-read", "users-delete", "assets-read", "ses-send"] })).credit).toBe(3 / 4);
    expect(p.reveal.panels.find((x) => x.id === "other-phase")?.content).toBe("S3 — read bucket frontend-assets");
  });

  it("lists them in the targets' order whatever the config's order; without options, all seven", async () => {
    const p = await catalog.prepare(spec("node-role", "node-role/billing-after", { options: ["queue-send", "users-read"] }));
    expect(p.prompt.kind === "node-role" && p.prompt.options.map((o) => o.id)).toEqual(["users-read", "queue-send"]);
    const all = await catalog.prepare(spec("node-role", "node-role/billing-after"));
    expect(all.prompt.kind === "node-role" && all.prompt.options.length).toBe(NODE_ROLE_TARGETS.length);
  });

  it.each([
    [{ options: "users-read" }, "options", /^config\.options: expected a list of ids among users-read, users-delete, /],
    [{ options: ["users-read", "s3-everything"] }, "options", /^config\.options: unknown "s3-everything"; expected ids among /],
    [{ options: ["users-read", "users-read"] }, "options", /^config\.options: "users-read" is listed twice$/],
    [{ options: ["users-read"] }, "options", /^config\.options: at least 2 are needed for a question$/],
    [{ shuffle: true }, "shuffle", /^config\.shuffle: node-role activities take only "options"$/],
  ])("refuses %j naming config.%s", async (config, field, message) => {
    expect(activityConfigIssues(spec("node-role", "node-role/frontend-after", config))).toEqual([{ field, message: expect.stringMatching(message) as unknown }]);
    await expect(catalog.prepare(spec("node-role", "node-role/frontend-after", config))).rejects.toThrow(`node-role/frontend-after: config.${field}: `);
  });
});

describe("setup-challenge: config.policyPresets", () => {
  it("offers only the listed presets; a preset not offered is never right, the simulator judges the rest", async () => {
    const p = await catalog.prepare(spec("setup-challenge", "setup/billing-dynamodb", { policyPresets: ["AmazonDynamoDBFullAccess", "DynamoDBTableReader"] }));
    expect(p.prompt.kind === "setup-challenge" && p.prompt.policyPresets).toEqual(["AmazonDynamoDBFullAccess", "DynamoDBTableReader"]);
    expect((await p.check(setup("DynamoDBTableReader"))).correct).toBe(true);
    expect(await p.check(setup("AmazonDynamoDBFullAccess"))).toMatchObject({ correct: false, verdict: "The simulator says: the policy also allows dynamodb:PutItem (not least privilege)" });
    expect(await p.check(setup("AmazonDynamoDBReadOnlyAccess"))).toMatchObject({ correct: false, verdict: "The simulator says: policy preset AmazonDynamoDBReadOnlyAccess is not one this activity offers" });
    const all = await catalog.prepare(spec("setup-challenge", "setup/billing-dynamodb"));
    expect(all.prompt.kind === "setup-challenge" && all.prompt.policyPresets.length).toBe(4);
  });

  it.each([
    ["setup/billing-dynamodb", { policyPresets: ["AmazonS3ReadOnlyAccess", "AmazonDynamoDBFullAccess"] }, "policyPresets", /^config\.policyPresets: must include DynamoDBTableReader, the least-privilege policy setup\/billing-dynamodb asks for/],
    ["setup/analytics-s3", { policyPresets: ["DynamoDBTableReader", "AdministratorAccess"] }, "policyPresets", /^config\.policyPresets: unknown "AdministratorAccess"/],
    ["setup/analytics-s3", { namespace: "other" }, "namespace", /^config\.namespace: setup-challenge activities take only "policyPresets" \(the task, the workload and the cluster are the challenge's\)$/],
  ])("%s refuses %j naming config.%s", (scenarioId, config, field, message) => {
    expect(activityConfigIssues(spec("setup-challenge", scenarioId, config))).toEqual([{ field, message: expect.stringMatching(message) as unknown }]);
  });
});

describe("jwt-predict: no options", () => {
  it("refuses every config field, naming it, and plays the preset as it is without one", async () => {
    const issues = activityConfigIssues(spec("jwt-predict", "jwt/namespace-typo", { claims: { sub: "x" }, trust: "StringLike" }));
    expect(issues.map((i) => i.field)).toEqual(["claims", "trust"]);
    expect(issues[0]?.message).toBe("config.claims: jwt-predict activities take no options (a jwt/ preset is its edited claims and its trust policy: pick another preset for another edit)");
    await expect(catalog.prepare(spec("jwt-predict", "jwt/namespace-typo", { claims: { sub: "x" } }))).rejects.toThrow(/^jwt\/namespace-typo: config\.claims: jwt-predict activities take no options/);
    expect((await catalog.prepare(spec("jwt-predict", "jwt/namespace-typo"))).reveal.correct).toEqual({ kind: "jwt-predict", prediction: "no-match" });
  });
});

describe("at deck save", () => {
  it("every config issue is reported at activities.<i>.config.<field>; the bank's kinds keep their config as given", async () => {
    const issues = await deckActivityIssues(
      [
        spec("which-step", "pitfalls/17-audience-typo", { errorPart: true }),
        spec("jwt-predict", "jwt/aud-changed", { claims: {} }),
        spec("node-role", "node-role/frontend-after", { options: ["users-read", "assets-read"] }),
        spec("setup-challenge", "setup/billing-dynamodb", { policyPresets: ["AmazonS3ReadOnlyAccess", "AmazonDynamoDBFullAccess"], extra: 1 }),
      ],
      async () => catalog,
    );
    expect(issues.map((i) => i.path)).toEqual(["activities.1.config.claims", "activities.3.config.extra"]);
    // Unknown fields first: a field the kind does not take is what the author must remove before the rest matters.
    expect(issues[1]?.message).toMatch(/^config\.extra: setup-challenge activities take only "policyPresets"/);
  });
});
