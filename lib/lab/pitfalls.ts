/**
 * Section 6, the pitfall diagnostic game, over the activity catalog (lib/activities): the same prepared
 * "pitfall" activity a live session plays — symptom, evidence panels generated from the simulator's run of
 * the broken world, choices in the catalog's order — and the same check. The correct choice leaves the server
 * only in the answer to a click. Server-only (the catalog reads the bank from disk).
 */
import type { ActivityPrompt } from "@/lib/contract";
import { BANK_PREFIX } from "@/lib/activities/catalog";
import { getSharedCatalog } from "@/lib/activities/shared-catalog";
import type { PreparedActivity } from "@/lib/activities/types";

/** A round as the browser may see it: the pitfall prompt without its kind; no correct answer, no explanation. */
export type PitfallRound = { id: string } & Omit<Extract<ActivityPrompt, { kind: "pitfall" }>, "kind">;

export interface PitfallAnswer {
  id: string;
  choiceId: string;
  correct: boolean;
  correctChoiceId: string;
  correctText: string;
  /** Why, from the scenario file. */
  explanation: string;
  /** What a student who picked this wrong choice believed. */
  misconception: string | null;
  /** What the simulator saw when it applied the picked choice's fix. */
  pickedOutcome: string;
  /** The step where the broken world fails (null: it "works" with a finding). */
  failedStep: number | null;
}

/** The bank's pitfall scenarios (ids without the "pitfalls/" prefix), in the catalog's order. */
async function pitfallIds(): Promise<string[]> {
  const catalog = await getSharedCatalog();
  return catalog.list().filter((e) => e.scenarioId.startsWith(BANK_PREFIX) && e.kinds.includes("pitfall")).map((e) => e.scenarioId.slice(BANK_PREFIX.length));
}

async function prepared(id: string): Promise<PreparedActivity> {
  const catalog = await getSharedCatalog();
  return catalog.prepare({ kind: "pitfall", scenarioId: `${BANK_PREFIX}${id}`, config: {}, timeLimitSec: 0, pointsMultiplier: 1 });
}

/** The rounds as the browser may see them: no correct answer, no explanation. */
export async function pitfallRounds(): Promise<PitfallRound[]> {
  return Promise.all((await pitfallIds()).map(async (id) => {
    const { prompt } = await prepared(id);
    if (prompt.kind !== "pitfall") throw new Error(`${id}: not a pitfall prompt`);
    return { id, title: prompt.title, symptom: prompt.symptom, panels: prompt.panels, choices: prompt.choices };
  }));
}

/**
 * Judge one click with the catalog's check. `null` when the scenario or the choice does not exist.
 * @example (await answerPitfall("01-annotation-after-pod", "restart-pod"))?.correct // true
 */
export async function answerPitfall(id: string, choiceId: string): Promise<PitfallAnswer | null> {
  if (!(await pitfallIds()).includes(id)) return null;
  const a = await prepared(id);
  if (a.prompt.kind !== "pitfall" || !a.prompt.choices.some((c) => c.id === choiceId)) return null;
  if (a.reveal.correct.kind !== "pitfall") throw new Error(`pitfall ${id} has no correct choice`);
  const { correct } = await a.check({ kind: "pitfall", choiceId });
  return {
    id,
    choiceId,
    correct,
    correctChoiceId: a.reveal.correct.choiceId,
    correctText: a.reveal.correctLabel,
    explanation: a.reveal.explanation,
    misconception: correct ? null : (a.reveal.misconceptions?.[choiceId] ?? null),
    pickedOutcome: `With that fix the simulator's flow ${a.meta?.choiceOutcomes?.[choiceId] ?? "was not run"}.`,
    failedStep: a.meta?.failingStep ?? null,
  };
}
