import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createCatalog, validateAuthoredScenario, type BankCatalog } from "@/lib/activities/catalog";
import { deckActivityIssues } from "@/lib/activities/deck-check";
import type { ActivitySpec } from "@/lib/activities/types";

/**
 * Instructor-authored scenarios played as "fix the chain": the fields and their starting values come from the
 * authored world, every submission is judged by running lib/sim on the fixed world, and a scenario that cannot be a
 * chain fix is refused with the simulator's reason — when it is authored without a Pitfall, and when a deck plays it so.
 */
const bank = (stem: string) => readFileSync(path.join("content", "scenarios", "pitfalls", `${stem}.yaml`), "utf8");
const withoutPitfall = (yaml: string) => yaml.slice(0, yaml.indexOf("apiVersion: irsa.sim/v1\nkind: Pitfall")).replace(/---\s*$/, "");
const CART = readFileSync(path.join("tests", "unit", "activities", "fixtures", "authored-cart-sub-typo.yaml"), "utf8");
const HAPPY = readFileSync(path.join("content", "scenarios", "examples", "happy-path.yaml"), "utf8");

const CUSTOM: Record<string, string> = {
  cart: CART,
  "sub-typo-pitfall": bank("20-sub-namespace-typo"),
  "clock-skew-pitfall": bank("27-clock-skew"),
};
const spec = (kind: ActivitySpec["kind"], scenarioId: string, config: Record<string, unknown> = {}): ActivitySpec => ({ kind, scenarioId, config, timeLimitSec: 60, pointsMultiplier: 1 });

let catalog: BankCatalog;
beforeAll(async () => {
  catalog = await createCatalog({ resolveCustom: async (id) => CUSTOM[id] ?? null });
});

describe("validateAuthoredScenario: chain fix", () => {
  it("a scenario with a Pitfall whose break is in the chain is also a chain fix", async () => {
    const v = await validateAuthoredScenario(bank("20-sub-namespace-typo"));
    expect(v.ok && v.kinds).toEqual(["pitfall", "which-step", "flow-replay", "chain-fix"]);
    expect(v.ok && v.chainFixProblem).toBeNull();
  });

  it("a scenario with a Pitfall whose break is elsewhere stays a pitfall, and says why it is no chain fix", async () => {
    const v = await validateAuthoredScenario(bank("27-clock-skew"));
    expect(v.ok && v.kinds).toEqual(["pitfall", "which-step", "flow-replay"]);
    expect(v.ok && v.chainFixProblem).toMatch(/^the break is outside the chain: .* the flow still fails at step 8 \(InvalidSignatureException\)$/);
  });

  it("a broken world without a Pitfall is accepted when its break lies in the chain, titled by its metadata.name", async () => {
    const v = await validateAuthoredScenario(CART, "cart.yaml");
    if (!v.ok) throw new Error(v.errors.join("\n"));
    expect(v).toMatchObject({ title: "cart-sub-typo", failingStep: 6, errorCode: "AccessDenied", correctChoiceId: null, kinds: ["which-step", "flow-replay", "chain-fix"], chainFixProblem: null });
  });

  it.each([
    ["the flow already succeeds", HAPPY, /cart\.yaml: it cannot be played as a chain fix: the flow already succeeds with no critical finding: there is nothing to fix/],
    ["the break is outside the chain", withoutPitfall(bank("27-clock-skew")), /cart\.yaml: it cannot be played as a chain fix: the break is outside the chain: with the OIDC provider registered and the trust policy, ServiceAccount and Pod set as they should be, the flow still fails at step 8 \(InvalidSignatureException\)/],
    ["the break is before the chain (an SDK too old for web identity falls back to the node role)", withoutPitfall(bank("08-sdk-too-old")), /it cannot be played as a chain fix: the break is outside the chain: .*the flow still fails at step 9 \(AccessDeniedException\)/],
  ])("without a Pitfall, refused when it cannot be a chain fix: %s", async (_, yaml, pattern) => {
    const v = await validateAuthoredScenario(yaml, "cart.yaml");
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors[0]).toMatch(/no `apiVersion: irsa.sim\/v1, kind: Pitfall` document .*without one, a scenario is played as a chain fix/);
    expect(v.errors.join("\n")).toMatch(pattern);
  });
});

describe("an authored scenario played as chain-fix", () => {
  it("offers the authored world's own fields and judges each submission with the simulator", async () => {
    const p = await catalog.prepare(spec("chain-fix", "custom:cart"));
    if (p.prompt.kind !== "chain-fix" || p.reveal.correct.kind !== "chain-fix") throw new Error("kind");
    expect(p.title).toBe("cart-sub-typo");
    expect(p.prompt.prompt).toMatch(/^Since the move to namespace shop, the cart service cannot read its bucket\. Fix the configuration/);
    expect(p.prompt.fields).toMatchObject({
      oidcProviderRegistered: true,
      trustFederated: "arn:aws:iam::444455556666:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/CAFE0123456789ABCDEF0123456789AB",
      subKey: "oidc.eks.eu-west-1.amazonaws.com/id/CAFE0123456789ABCDEF0123456789AB:sub",
      subValue: "system:serviceaccount:shop:carts",
      saNamespace: "shop",
      saName: "cart",
      saRoleArn: "arn:aws:iam::444455556666:role/cart-reader",
      podServiceAccount: "cart",
      podNamespace: "shop",
    });
    expect(p.reveal.correct.fields.subValue).toBe("system:serviceaccount:shop:cart");
    expect(p.meta).toMatchObject({ failingStep: 6, errorCode: "AccessDenied" });

    const right = await p.check({ kind: "chain-fix", fields: { subValue: "system:serviceaccount:shop:cart" } });
    expect(right).toMatchObject({ correct: true, credit: 1, verdict: "With your fields the flow succeeds with no critical finding" });
    // Renaming the ServiceAccount to match the typo moves the break: the Pod now names an SA that does not exist.
    const moved = await p.check({ kind: "chain-fix", fields: { saName: "carts" } });
    expect(moved.correct).toBe(false);
    expect(moved.verdict).toMatch(/^With your fields the flow fails at step 1 \(Forbidden\): pods "cart-api" is forbidden: .*serviceaccount "cart" not found/);
    // A wildcard that admits every ServiceAccount "works", with a critical finding: not a fix.
    const wide = await p.check({ kind: "chain-fix", fields: { subOperator: "StringLike", subValue: "system:serviceaccount:*:*" } });
    expect(wide.correct).toBe(false);
    expect(wide.verdict).toMatch(/succeeds with a critical finding \(trust\.sub-wildcard\)/);
    expect((await p.check(p.reveal.correct)).correct).toBe(true);
  });

  it("is also playable as the flow questions, and refused as a pitfall (it has none)", async () => {
    expect((await catalog.prepare(spec("which-step", "custom:cart"))).reveal.correct).toMatchObject({ step: 6, errorCode: "AccessDenied" });
    await expect(catalog.prepare(spec("pitfall", "custom:cart"))).rejects.toThrow(/cannot be played as pitfall \(it supports which-step, flow-replay, chain-fix\)/);
  });

  it("an authored pitfall with its break in the chain is a chain fix too", async () => {
    const p = await catalog.prepare(spec("chain-fix", "custom:sub-typo-pitfall"));
    expect((await p.check({ kind: "chain-fix", fields: { subValue: "system:serviceaccount:payments:billing-svc" } })).correct).toBe(true);
  });

  it("an authored pitfall whose break is elsewhere is refused as chain-fix with the simulator's reason", async () => {
    await expect(catalog.prepare(spec("chain-fix", "custom:clock-skew-pitfall"))).rejects.toThrow(
      /^scenario custom:clock-skew-pitfall cannot be played as chain-fix: the break is outside the chain: .*fails at step 8 \(InvalidSignatureException\) \(it supports pitfall, which-step, flow-replay\)$/,
    );
  });
});

describe("deckActivityIssues: what a deck save refuses", () => {
  it("a chain fix that cannot be one, a kind a bank scenario does not support, an unknown bank id — each at its path", async () => {
    const issues = await deckActivityIssues(
      [
        spec("chain-fix", "custom:cart"),
        spec("chain-fix", "custom:clock-skew-pitfall"),
        spec("chain-fix", "pitfalls/27-clock-skew"),
        spec("pitfall", "pitfalls/not-in-the-bank"),
        spec("pitfall", "pitfalls/20-sub-namespace-typo"),
        // Ids the catalog does not judge (typed by hand while the bank was unavailable) are left to the session's start.
        spec("which-step", "flow/typed-by-hand"),
      ],
      async () => catalog,
    );
    expect(issues).toEqual([
      { path: "activities.1.kind", message: expect.stringMatching(/^scenario custom:clock-skew-pitfall cannot be played as chain-fix: the break is outside the chain/) as unknown },
      { path: "activities.2.kind", message: "scenario pitfalls/27-clock-skew cannot be played as chain-fix (it supports pitfall, which-step, flow-replay)" },
      { path: "activities.3.scenarioId", message: "unknown scenario pitfalls/not-in-the-bank" },
    ]);
  });

  it("does not load the catalog for a deck without scenarios it judges", async () => {
    let asked = false;
    const issues = await deckActivityIssues([spec("pitfall", "pitfall/audience-mismatch")], async () => {
      asked = true;
      return catalog;
    });
    expect(issues).toEqual([]);
    expect(asked).toBe(false);
  });
});
