/**
 * Parse a bank scenario file: lib/sim's documents plus one `kind: Pitfall` document. lib/sim's parser
 * rejects kinds it does not know under its own apiVersion, so the Pitfall document is split off here
 * and the rest is handed to `buildScenario`. Pure: text in, values out; never throws.
 */
import { parseAllDocuments } from "yaml";
import { buildScenario, parseScenario, type Scenario, type ScenarioError } from "@/lib/sim";
import { PITFALL_API_VERSION, PITFALL_KIND, pitfallDocSchema, type PitfallSpec } from "./schema";

export interface BankScenario {
  /** The file's name without `.yaml` (the scenario id in the bank). */
  id: string;
  scenario: Scenario;
  /** Absent for a scenario file without a Pitfall document. */
  pitfall?: PitfallSpec | undefined;
  pitfallName?: string | undefined;
}

export type BankParseResult = { ok: true; value: BankScenario } | { ok: false; errors: ScenarioError[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * @example
 * const r = parseBankScenario(readFileSync("content/scenarios/pitfalls/20-sub-namespace-typo.yaml", "utf8"), "20-sub-namespace-typo.yaml");
 * if (r.ok) r.value.pitfall?.choices.length // 4
 */
export function parseBankScenario(text: string, source = "scenario", options: { requirePitfall?: boolean } = {}): BankParseResult {
  let values: { index: number; value: Record<string, unknown> }[] = [];
  try {
    const docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: true });
    if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) {
      // lib/sim's parser words YAML errors per document: let it.
      const r = parseScenario(text, source);
      return r.ok ? { ok: false, errors: [{ document: 0, path: "", message: "not a YAML stream" }] } : r;
    }
    docs.forEach((d, i) => {
      const v: unknown = d.toJS({ maxAliasCount: 100 });
      if (v !== null && v !== undefined) values.push({ index: i + 1, value: v as Record<string, unknown> });
    });
  } catch (e) {
    return { ok: false, errors: [{ document: 0, path: "", message: `not YAML: ${(e as Error).message}` }] };
  }
  const notMappings = values.filter((v) => !isObject(v.value));
  if (notMappings.length > 0) {
    return { ok: false, errors: notMappings.map((v) => ({ document: v.index, path: "", message: "expected a mapping with apiVersion and kind" })) };
  }
  const isPitfall = (v: Record<string, unknown>) => v.kind === PITFALL_KIND && v.apiVersion === PITFALL_API_VERSION;
  const pitfallDocs = values.filter((v) => isPitfall(v.value));
  values = values.filter((v) => !isPitfall(v.value));
  const errors: ScenarioError[] = [];

  const built = buildScenario(values.map((v) => v.value), source);
  if (!built.ok) {
    // buildScenario numbers the documents it saw; give them back their place in the file.
    errors.push(...built.errors.map((e) => ({ ...e, document: e.document === 0 ? 0 : (values[e.document - 1]?.index ?? e.document) })));
  }

  let pitfall: PitfallSpec | undefined;
  let pitfallName: string | undefined;
  if (pitfallDocs.length > 1) errors.push({ document: pitfallDocs[1]?.index ?? 0, kind: PITFALL_KIND, path: "", message: "more than one kind: Pitfall document" });
  const doc = pitfallDocs[0];
  if (doc) {
    const r = pitfallDocSchema.safeParse(doc.value);
    if (r.success) {
      pitfall = r.data.spec;
      pitfallName = r.data.metadata.name;
    } else {
      const name = isObject(doc.value.metadata) && typeof doc.value.metadata.name === "string" ? doc.value.metadata.name : undefined;
      for (const i of r.error.issues) {
        const path = i.path.map((p) => (typeof p === "number" ? `[${p}]` : String(p))).join(".").replace(/\.\[/g, "[");
        errors.push({ document: doc.index, kind: PITFALL_KIND, name, path, message: i.message });
      }
    }
  } else if (options.requirePitfall) {
    errors.push({ document: 0, path: "", message: "no `apiVersion: irsa.sim/v1, kind: Pitfall` document (title, symptom, steps, 4 choices, explanation)" });
  }
  if (pitfall) {
    const ids = pitfall.choices.map((c) => c.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) errors.push({ document: doc?.index ?? 0, kind: PITFALL_KIND, path: "spec.choices", message: `choice id "${dup}" is used twice` });
  }
  if (errors.length > 0 || !built.ok) return { ok: false, errors };
  return { ok: true, value: { id: source.replace(/^.*[\\/]/, "").replace(/\.ya?ml$/, ""), scenario: built.scenario, pitfall, pitfallName } };
}
