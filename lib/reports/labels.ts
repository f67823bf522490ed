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

/** Kinds whose answer is a step of the token flow (picked step vs the step that really fails). */
export function isFlowKind(kind: string): boolean {
  return kind === "which-step" || kind === "flow-replay";
}

/**
 * The distribution key of an answer, as lib/contract's `Distribution` documents it: the choice id (pitfall), the
 * step number (which-step, flow-replay), "match"/"no-match" (jwt-predict), "correct"/"incorrect" (chain-fix and
 * setup-challenge, whose answers are whole configurations), the sorted selected ids joined by "," (node-role).
 * A kind this code does not know yet gets its answer's JSON, so a newer answer never breaks an older report.
 */
export function answerKey(answer: Answer, correct: boolean): string {
  switch (answer.kind) {
    case "pitfall":
      return answer.choiceId;
    case "which-step":
    case "flow-replay":
      return String(answer.step);
    case "jwt-predict":
      return answer.prediction;
    case "chain-fix":
    case "setup-challenge":
      return correct ? "correct" : "incorrect";
    case "node-role":
      return [...answer.selected].sort().join(",");
    default:
      return JSON.stringify(answer);
  }
}

/** The fixed options of a kind, before any answer is seen (pitfall and node-role options come from the prompt). */
function kindOptions(kind: string): OptionLabel[] {
  if (isFlowKind(kind)) return STEP_OPTIONS;
  if (kind === "jwt-predict") return [
    { key: "match", label: "Still matches the trust policy" },
    { key: "no-match", label: "No longer matches" },
  ];
  if (kind === "chain-fix" || kind === "setup-challenge") return [
    { key: "correct", label: "A working configuration" },
    { key: "incorrect", label: "A configuration that still fails" },
  ];
  return [];
}

/** "ec2,s3" → "EC2 + S3" for a node-role selection. */
export function selectionLabel(key: string, names: Record<string, string>): string {
  if (key === "") return "(nothing selected)";
  return key
    .split(",")
    .map((id) => names[id] ?? id)
    .join(" + ");
}

/** Labels made from the raw ids, for an activity whose scenario is not (or no longer) in the bank. */
export function fallbackLabels(spec: ActivitySpec): ActivityLabels {
  return {
    kind: spec.kind,
    scenarioId: spec.scenarioId,
    known: false,
    title: spec.scenarioId,
    options: kindOptions(spec.kind),
    correctKey: null,
    correctLabel: null,
    explanation: null,
    misconceptions: {},
    failingStep: null,
  };
}

/**
 * Per-choice misconceptions: the bank attaches them to the reveal (`misconceptions: { [choiceId]: text }`); older
 * banks put them on the choices (`{ id, text, misconception }`). Without them the report falls back to the
 * scenario's explanation.
 */
function readMisconceptions(prepared: PreparedActivity): Record<string, string> {
  const out: Record<string, string> = {};
  const fromReveal: unknown = prepared.reveal.misconceptions;
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
  let options: OptionLabel[] = kindOptions(prompt.kind);
  let optionNames: Record<string, string> | undefined;
  if (prompt.kind === "pitfall") options = prompt.choices.map((c) => ({ key: c.id, label: c.text }));
  if ((prompt.kind === "which-step" || prompt.kind === "flow-replay") && prompt.steps.length > 0) {
    options = prompt.steps.map((s) => ({ key: String(s.n), label: `Step ${s.n} — ${s.title}` }));
  }
  if (prompt.kind === "node-role") optionNames = Object.fromEntries(prompt.options.map((o) => [o.id, o.label]));
  const correct = prepared.reveal.correct;
  const correctKey = answerKey(correct, true);
  if (optionNames && !options.some((o) => o.key === correctKey)) {
    options = [{ key: correctKey, label: selectionLabel(correctKey, optionNames) }];
  }
  return {
    kind: spec.kind,
    scenarioId: spec.scenarioId,
    known: true,
    title: prepared.title || prompt.title || spec.scenarioId,
    options,
    correctKey,
    correctLabel: prepared.reveal.correctLabel || null,
    explanation: prepared.reveal.explanation || null,
    misconceptions: readMisconceptions(prepared),
    failingStep: failingStep ?? (correct.kind === "which-step" || correct.kind === "flow-replay" ? correct.step : null),
    ...(optionNames ? { optionNames } : {}),
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

  /** `catalog` may still be loading (the bank is judged by the simulator once per process); null: no bank. */
  constructor(private readonly catalog: ActivityCatalog | Promise<ActivityCatalog> | null) {
    // A bank that fails to load is handled per label (fallback); never an unhandled rejection.
    if (catalog instanceof Promise) catalog.catch(() => undefined);
  }

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
    try {
      const catalog = await this.catalog;
      if (!catalog) return fallbackLabels(spec);
      const entry = catalog.list().find((e) => e.scenarioId === spec.scenarioId);
      const prepared = await catalog.prepare(spec);
      return labelsFromPrepared(spec, prepared, entry?.failingStep ?? null);
    } catch {
      return fallbackLabels(spec);
    }
  }
}
