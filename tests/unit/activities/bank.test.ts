import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatScenarioErrors } from "@/lib/sim";
import { parseBankScenario, type BankScenario } from "@/lib/activities/bank/parse";
import { judgePitfall, verdictProblems, type PitfallVerdict } from "@/lib/activities/bank/verdict";
import { BANK_DIR } from "@/lib/activities/catalog";

const files = readdirSync(BANK_DIR).filter((f) => f.endsWith(".yaml")).sort();
const judged = new Map<string, { bank: BankScenario; verdict: PitfallVerdict }>();

beforeAll(async () => {
  for (const f of files) {
    const r = parseBankScenario(readFileSync(path.join(BANK_DIR, f), "utf8"), f, { requirePitfall: true });
    if (!r.ok || !r.value.pitfall) continue;
    judged.set(f, { bank: r.value, verdict: await judgePitfall(r.value.scenario, r.value.pitfall) });
  }
});

describe("the scenario bank", () => {
  it("has at least 32 scenarios and covers the 32 pitfalls of IRSA-FACTS §7", () => {
    expect(files.length).toBeGreaterThanOrEqual(32);
    const numbers = new Set([...judged.values()].map((j) => j.bank.pitfall?.pitfall));
    for (let n = 1; n <= 32; n++) expect(numbers.has(n), `pitfall #${n}`).toBe(true);
  });

  it.each(files)("%s parses (scenario documents + one Pitfall document)", (f) => {
    const r = parseBankScenario(readFileSync(path.join(BANK_DIR, f), "utf8"), f, { requirePitfall: true });
    if (!r.ok) throw new Error(formatScenarioErrors(r.errors, f));
    expect(r.value.pitfall?.choices).toHaveLength(4);
  });

  it.each(files)("%s: the simulator finds exactly one correct choice", (f) => {
    const j = judged.get(f);
    expect(j).toBeDefined();
    const { bank, verdict } = j as { bank: BankScenario; verdict: PitfallVerdict };
    expect(verdictProblems(verdict, bank.pitfall!)).toEqual([]);
    expect(verdict.choices.filter((c) => c.correct)).toHaveLength(1);
    for (const c of verdict.choices) expect(c.fixErrors, c.id).toEqual([]);
  });

  it.each(files)("%s: the failing step matches the documented steps", (f) => {
    const { bank, verdict } = judged.get(f)!;
    const hint = bank.pitfall!.steps;
    const t = verdict.broken;
    if (t.outcome === "failure") {
      // A failing flow must fail at one of the steps the file names.
      expect(hint).toContain(t.failedStep);
    } else {
      // A flow that "works" must show why it is wrong: a warning/critical finding.
      expect(t.findings.some((x) => x.severity !== "info")).toBe(true);
    }
  });

  it("covers all nine steps (documented steps), and the simulator's failures span steps 2–9", () => {
    const hinted = new Set([...judged.values()].flatMap((j) => j.bank.pitfall!.steps));
    expect([...hinted].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Step 1 never "fails" in lib/sim (the webhook admits the Pod anyway): it shows as a warning.
    const failing = new Set([...judged.values()].map((j) => j.verdict.broken.failedStep).filter((n) => n !== null));
    expect([...failing].sort()).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    const warnsAtStep1 = [...judged.values()].some((j) => j.verdict.broken.steps[0]?.status === "warn");
    expect(warnsAtStep1).toBe(true);
  });

  it("does not always put the correct choice in the same position", () => {
    const positions = new Set([...judged.values()].map((j) => j.bank.pitfall!.choices.findIndex((c) => c.id === j.verdict.correctId)));
    expect(positions.size).toBeGreaterThan(2);
  });
});
