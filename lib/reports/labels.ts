import type { ActivityCatalog, ActivitySpec, PreparedActivity } from "@/lib/activities/types";
import type { Answer } from "@/lib/contract";
import { STEPS } from "@/lib/sim/steps";
import type { ActivityLabels, OptionLabel } from "./types";

/** "Step 6 — Check trust policy": how the report names a step of the token flow. */
export function stepLabel(step: number): string {
  const s = STEPS.find((x) => x.n === step);
  return s ? `Step ${step} — ${s.title}` : `Step ${step}`;
}

export function stepTitle(step: number): string {
  return STEPS.find((x) => x.n === step)?.title ?? `Step ${step}`;
}

const STEP_OPTIONS: OptionLabel[] = STEPS.map((s) => ({ key: String(s.n), label: stepLabel(s.n) }));

/** The distribution key of an answer, as the live dashboard buckets it: choice id, or step number. */
export function answerKey(answer: Answer): string {
  return answer.kind === "pitfall" ? answer.choiceId : String(answer.step);
}

/** Labels made from the raw ids, for an activity whose scenario is not (or no longer) in the bank. */
export function fallbackLabels(spec: ActivitySpec): ActivityLabels {
  return {
    kind: spec.kind,
    scenarioId: spec.scenarioId,
    known: false,
    title: spec.scenarioId,
    options: spec.kind === "which-step" ? STEP_OPTIONS : [],
    correctKey: null,
    correctLabel: null,
    explanation: null,
    misconceptions: {},
    failingStep: null,
  };
}

/**
 * Optional per-choice misconceptions: the bank may attach them to the reveal (`misconceptions: { [choiceId]: text }`)
 * or to the choices (`{ id, text, misconception }`). Neither is part of the catalog interface yet, so read them
 * defensively; without them the report falls back to the scenario's explanation.
 */
function readMisconceptions(prepared: PreparedActivity): Record<string, string> {
  const out: Record<string, string> = {};
  const fromReveal = (prepared.reveal as { misconceptions?: unknown }).misconceptions;
  if (fromReveal && typeof fromReveal === "object" && !Array.isArray(fromReveal)) {
    for (const [k, v] of Object.entries(fromReveal)) if (typeof v === "string" && v) out[k] = v;
  }
  if (prepared.prompt.kind === "pitfall") {
    for (const c of prepared.prompt.choices as { id: string; misconception?: unknown }[]) {
      if (typeof c.misconception === "string" && c.misconception && !out[c.id]) out[c.id] = c.misconception;
    }
  }
  return out;
}

/** Labels from a prepared activity of the bank (and its catalog entry, for the failing step). */
export function labelsFromPrepared(
  spec: ActivitySpec,
  prepared: PreparedActivity,
  failingStep: number | null = null,
): ActivityLabels {
  const prompt = prepared.prompt;
  const options: OptionLabel[] =
    prompt.kind === "pitfall"
      ? prompt.choices.map((c) => ({ key: c.id, label: c.text }))
      : prompt.steps.length > 0
        ? prompt.steps.map((s) => ({ key: String(s.n), label: `Step ${s.n} — ${s.title}` }))
        : STEP_OPTIONS;
  const correct = prepared.reveal.correct;
  return {
    kind: spec.kind,
    scenarioId: spec.scenarioId,
    known: true,
    title: prepared.title || prompt.title || spec.scenarioId,
    options,
    correctKey: answerKey(correct),
    correctLabel: prepared.reveal.correctLabel || null,
    explanation: prepared.reveal.explanation || null,
    misconceptions: readMisconceptions(prepared),
    failingStep: failingStep ?? (correct.kind === "which-step" ? correct.step : null),
  };
}

/**
 * Names the activities of a session from the scenario bank. Preparing an activity runs the simulator, so the
 * result is cached per activity spec for the life of the labeler (specs are snapshots and never change).
 * A scenario missing from the bank, or one that fails to prepare, gets {@link fallbackLabels}: a report must
 * open for any session, whatever happened to the bank since.
 */
export class ActivityLabeler {
  private readonly cache = new Map<string, Promise<ActivityLabels>>();

  constructor(private readonly catalog: ActivityCatalog | null) {}

  label(specs: readonly ActivitySpec[]): Promise<ActivityLabels[]> {
    return Promise.all(specs.map((spec) => this.labelOne(spec)));
  }

  private labelOne(spec: ActivitySpec): Promise<ActivityLabels> {
    const key = JSON.stringify([spec.kind, spec.scenarioId, spec.config]);
    let found = this.cache.get(key);
    if (!found) {
      found = this.prepare(spec);
      this.cache.set(key, found);
      // Only a real entry is kept: a scenario missing now may be added to the bank later.
      void found.then((l) => {
        if (!l.known) this.cache.delete(key);
      });
    }
    return found;
  }

  private async prepare(spec: ActivitySpec): Promise<ActivityLabels> {
    const catalog = this.catalog;
    if (!catalog) return fallbackLabels(spec);
    try {
      const entry = catalog.list().find((e) => e.scenarioId === spec.scenarioId);
      const prepared = await catalog.prepare(spec);
      return labelsFromPrepared(spec, prepared, entry?.failingStep ?? null);
    } catch {
      return fallbackLabels(spec);
    }
  }
}
