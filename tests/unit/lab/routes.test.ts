import { describe, expect, it } from "vitest";
import { POST as chainPOST } from "@/app/api/lab/chain/route";
import { POST as flowPOST } from "@/app/api/lab/flow/route";
import { POST as jwtPOST } from "@/app/api/lab/jwt/route";
import { POST as setupPOST } from "@/app/api/lab/setup/route";
import { POST as pitfallsPOST } from "@/app/api/lab/pitfalls/route";
import { LAB_LIMITS } from "@/lib/auth/lab-limits";
import { defaultChainInput } from "@/lib/lab/chain";
import { defaultSetupForm } from "@/lib/lab/setup";
import { LAB_SCENARIOS } from "@/lib/lab/scenarios";
import { pitfallRounds } from "@/lib/lab/pitfalls";
import { readdirSync } from "node:fs";
import { BANK_DIR } from "@/lib/activities/catalog";
import { getSharedCatalog } from "@/lib/activities/shared-catalog";

const req = (body: unknown) => new Request("http://lab.test/api/lab", { method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("POST /api/lab/*", () => {
  it("chain: a verdict per link", async () => {
    const res = await chainPOST(req({ ...defaultChainInput(LAB_SCENARIOS.billing), podServiceAccount: "default" }));
    expect(res.status).toBe(200);
    const v = (await res.json()) as { links: { id: string; status: string }[]; failedStep: number };
    expect(v.links.find((l) => l.id === "sa-pod")?.status).toBe("fail");
    expect(v.failedStep).toBe(2);
  });
  it("chain: 400 INVALID_PAYLOAD names the field", async () => {
    const res = await chainPOST(req({ ...defaultChainInput(LAB_SCENARIOS.billing), saName: "" }));
    expect(res.status).toBe(400);
    const b = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(b.error.code).toBe("INVALID_PAYLOAD");
    expect(b.error.issues.map((i) => i.path)).toContain("saName");
  });
  it("rejects a body that is not JSON", async () => {
    expect((await flowPOST(req("{nope"))).status).toBe(400);
  });
  it("flow: the preset's failing step", async () => {
    const res = await flowPOST(req({ scenario: "mailer", preset: "clock-skew" }));
    const t = (await res.json()) as { failedStep: number; error: { code: string } };
    expect(t.failedStep).toBe(8);
    expect(t.error.code).toBe("InvalidSignatureException");
    expect((await flowPOST(req({ scenario: "mailer", preset: "nope" }))).status).toBe(400);
  });
  it("jwt: no verdict without reveal", async () => {
    const res = await jwtPOST(req({ scenario: "billing", claims: { sub: "x" }, reveal: false }));
    const r = (await res.json()) as { verdict?: unknown; edits: { sub: string } };
    expect(r.verdict).toBeUndefined();
    expect(r.edits.sub).toBe("x");
  });
  it("setup: challenge verdict", async () => {
    const res = await setupPOST(req({ scenario: "billing", form: defaultSetupForm(LAB_SCENARIOS.billing), action: "challenge" }));
    expect(((await res.json()) as { challenge: { passed: boolean } }).challenge.passed).toBe(true);
    const bad = await setupPOST(req({ scenario: "billing", form: { ...defaultSetupForm(LAB_SCENARIOS.billing), accountId: "12" }, action: "apply" }));
    expect(bad.status).toBe(400);
  });
  it("pitfalls: the correct choice is never in the rounds, and every round has exactly one right answer", async () => {
    const rounds = await pitfallRounds();
    const bank = readdirSync(BANK_DIR).filter((f) => /\.ya?ml$/.test(f));
    expect(rounds.length).toBe(bank.length);
    expect(rounds.length).toBeGreaterThan(0);
    for (const r of rounds) {
      expect(Object.keys(r).sort()).toEqual(["choices", "id", "panels", "symptom", "title"]);
      for (const c of r.choices) expect(Object.keys(c).sort()).toEqual(["id", "text"]);
    }
    for (const r of rounds) {
      expect(r.choices).toHaveLength(4);
      let right = 0;
      for (const c of r.choices) {
        const res = await pitfallsPOST(req({ id: r.id, choiceId: c.id }));
        expect(res.status).toBe(200);
        const a = (await res.json()) as { correct: boolean; correctChoiceId: string };
        if (a.correct) right++;
        expect(r.choices.map((x) => x.id)).toContain(a.correctChoiceId);
      }
      expect(right, r.id).toBe(1);
    }
  }, 120_000);
  it("pitfalls: a round is the catalog's pitfall prompt (same panels, same choice order) and the verdict is the catalog's", async () => {
    const [r] = await pitfallRounds();
    const a = await (await getSharedCatalog()).prepare({ kind: "pitfall", scenarioId: `pitfalls/${r!.id}`, config: {}, timeLimitSec: 45, pointsMultiplier: 1 });
    expect(a.prompt).toEqual({ kind: "pitfall", title: r!.title, symptom: r!.symptom, panels: r!.panels, choices: r!.choices });
    for (const c of r!.choices) {
      const res = (await (await pitfallsPOST(req({ id: r!.id, choiceId: c.id }))).json()) as { correct: boolean; correctChoiceId: string; explanation: string };
      expect(res.correct).toBe((await a.check({ kind: "pitfall", choiceId: c.id })).correct);
      expect(res.correctChoiceId).toEqual(a.reveal.correct.kind === "pitfall" ? a.reveal.correct.choiceId : null);
      expect(res.explanation).toBe(a.reveal.explanation);
    }
  });
  it("pitfalls: 404 for an unknown choice", async () => {
    expect((await pitfallsPOST(req({ id: "01-annotation-after-pod", choiceId: "nope" }))).status).toBe(404);
  });
});

describe("the lab's rate limit per client address (lib/auth/lab-limits.ts)", () => {
  const from = (address: string, body: unknown) =>
    new Request("http://lab.test/api/lab", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": address },
      body: JSON.stringify(body),
    });

  it(`answers ${LAB_LIMITS.perClient.limit} requests per window from one address over all lab routes, then 429 with Retry-After; other addresses are unaffected`, async () => {
    const flow = { scenario: "mailer", preset: "clock-skew" };
    for (let i = 0; i < LAB_LIMITS.perClient.limit; i++) {
      // Spread over the routes: one budget for the whole lab (a 400 counts too: it was work).
      const res = i % 2 ? await flowPOST(from("192.0.2.10", flow)) : await chainPOST(from("192.0.2.10", { nope: true }));
      expect(res.status, `request ${i}`).toBe(i % 2 ? 200 : 400);
    }
    const refused = await jwtPOST(from("192.0.2.10", {}));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({ error: { code: "RATE_LIMITED", message: "Too many lab requests from your network; wait a few seconds." } });
    expect((await flowPOST(from("192.0.2.11", flow))).status).toBe(200);
  });
});
