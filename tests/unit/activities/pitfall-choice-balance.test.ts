/**
 * The pitfall bank must not give its answers away by form: the correct choice (computed by the simulator, never
 * stored) may not be conspicuously longer than the others, nor the longest one in most scenarios, and titles are
 * short human descriptions of the symptom (no truncated identifiers, no ARNs). The bank is loaded the way the app
 * loads it: createCatalog() over content/scenarios/pitfalls, which runs every choice's fix through lib/sim.
 */
import { readdirSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { BANK_DIR, BANK_PREFIX, createCatalog, type BankCatalog } from "@/lib/activities/catalog";

interface Round {
  scenarioId: string;
  title: string;
  choices: { id: string; text: string }[];
  correctId: string;
  /** How many choices the prepared activity's check accepts (the simulator's verdict). */
  acceptedCount: number;
}

/** Beyond this, a choice is longer than any other in its scenario by more than the allowed margin. */
const MAX_CORRECT_TO_SHORTEST = 1.5;
/** The correct choice may be the strictly longest one in at most this share of the bank (4 choices: chance is 25 %). */
const MAX_SHARE_CORRECT_LONGEST = 0.4;
/** Phones at 360 px: a choice beyond this no longer fits the answer buttons comfortably. */
const MAX_CHOICE_CHARS = 140;
const MAX_TITLE_CHARS = 60;

let catalog: BankCatalog;
const rounds: Round[] = [];
const files = readdirSync(BANK_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();

beforeAll(async () => {
  catalog = await createCatalog();
  for (const e of catalog.list().filter((x) => x.scenarioId.startsWith(BANK_PREFIX) && x.kinds.includes("pitfall"))) {
    const a = await catalog.prepare({ kind: "pitfall", scenarioId: e.scenarioId, config: {}, timeLimitSec: 45, pointsMultiplier: 1 });
    if (a.prompt.kind !== "pitfall" || a.reveal.correct.kind !== "pitfall") throw new Error(`${e.scenarioId}: not a pitfall`);
    let acceptedCount = 0;
    for (const c of a.prompt.choices) if ((await a.check({ kind: "pitfall", choiceId: c.id })).correct) acceptedCount++;
    rounds.push({ scenarioId: e.scenarioId, title: a.prompt.title, choices: a.prompt.choices, correctId: a.reveal.correct.choiceId, acceptedCount });
  }
}, 120_000);

const correctText = (r: Round): string => r.choices.find((c) => c.id === r.correctId)?.text ?? "";

describe("the pitfall bank's choices carry no length tell", () => {
  it("loads every file of the bank as a pitfall, each with exactly one choice the simulator accepts", () => {
    // createCatalog drops (and lists in `problems`) a scenario with zero or several correct choices.
    expect(catalog.problems).toEqual([]);
    expect(rounds.map((r) => r.scenarioId).sort()).toEqual(files.map((f) => `${BANK_PREFIX}${f.replace(/\.ya?ml$/, "")}`).sort());
    for (const r of rounds) {
      expect(r.choices, r.scenarioId).toHaveLength(4);
      expect(r.choices.map((c) => c.id), r.scenarioId).toContain(r.correctId);
      expect(r.acceptedCount, r.scenarioId).toBe(1);
    }
  });

  it(`in no scenario is the correct choice more than ${MAX_CORRECT_TO_SHORTEST}× the length of the shortest choice`, () => {
    const offenders = rounds
      .map((r) => ({ id: r.scenarioId, ratio: correctText(r).length / Math.min(...r.choices.map((c) => c.text.length)) }))
      .filter((x) => x.ratio > MAX_CORRECT_TO_SHORTEST)
      .map((x) => `${x.id}: ${x.ratio.toFixed(2)}×`);
    expect(offenders).toEqual([]);
  });

  it(`the correct choice is the strictly longest in at most ${MAX_SHARE_CORRECT_LONGEST * 100} % of the scenarios`, () => {
    const longest = rounds.filter((r) => {
      const n = correctText(r).length;
      return r.choices.every((c) => c.id === r.correctId || c.text.length < n);
    });
    expect(rounds.length).toBeGreaterThan(0);
    expect(longest.length / rounds.length, `correct is the longest in: ${longest.map((r) => r.scenarioId).join(", ")}`).toBeLessThanOrEqual(MAX_SHARE_CORRECT_LONGEST);
  });

  it(`every choice fits a phone (at most ${MAX_CHOICE_CHARS} characters)`, () => {
    const long = rounds.flatMap((r) => r.choices.filter((c) => c.text.length > MAX_CHOICE_CHARS).map((c) => `${r.scenarioId}/${c.id}: ${c.text.length}`));
    expect(long).toEqual([]);
  });
});

describe("the pitfall bank's titles", () => {
  it(`are short human titles: no trailing "…", no ARN or assumed-role identifier, at most ${MAX_TITLE_CHARS} characters`, () => {
    for (const r of rounds) {
      const t = r.title.trim();
      expect(t, r.scenarioId).not.toMatch(/(…|\.\.\.)$/);
      expect(t, r.scenarioId).not.toMatch(/^(…|\.\.\.)/);
      expect(t, r.scenarioId).not.toMatch(/\barn:aws[a-z-]*:/i);
      expect(t, r.scenarioId).not.toMatch(/assumed-role\//i);
      expect(t.length, r.scenarioId).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    }
  });

  it("as listed by the catalog (deck builder, reports) are the same titles", () => {
    const listed = new Map(catalog.list().map((e) => [e.scenarioId, e.title]));
    for (const r of rounds) expect(listed.get(r.scenarioId), r.scenarioId).toBe(r.title);
  });
});
