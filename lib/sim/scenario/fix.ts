/**
 * Fixes: a small, declarative change to a scenario's documents, re-validated and re-run. A pitfall
 * scenario's multiple-choice answers are fixes; the correct one makes the flow succeed with no
 * critical finding (`evaluateFix`). Format documented in lib/sim/README.md.
 */
import { z } from "zod";
import { applyJsonPatch, parsePointer, type JsonPatchOperation } from "../json-patch";
import { clone, isPlainObject } from "../util";
import { traceFlow, type FlowTrace, type TraceOptions } from "../flow";
import { buildScenario, type ParseResult, type Scenario, type ScenarioError } from "./parse";
import { SIM_API_VERSION } from "./schema";
import type { World } from "../world";

const jsonPatchOpSchema = z.union([
  z.object({ op: z.enum(["add", "replace", "test"]), path: z.string(), value: z.unknown() }),
  z.object({ op: z.literal("remove"), path: z.string() }),
  z.object({ op: z.enum(["copy", "move"]), from: z.string(), path: z.string() }),
]);

/** Which document: by kind, and by metadata.name (or spec.RoleName / spec.Url) when given; else the first of that kind. */
export const documentRefSchema = z.object({ kind: z.string().min(1), name: z.string().optional() });

export const fixOperationSchema = z.union([
  z.object({
    kind: z.string().min(1),
    name: z.string().optional(),
    /** JSON Pointer → value; missing parent objects are created (unlike RFC 6902 "add"). */
    set: z.record(z.string(), z.unknown()).optional(),
    /** JSON Pointers to delete (no error if already absent). */
    unset: z.array(z.string()).optional(),
    /** RFC 6902 operations, applied after set/unset. */
    patch: z.array(jsonPatchOpSchema).optional(),
  }),
  z.object({ addDocument: z.record(z.string(), z.unknown()) }),
  z.object({ removeDocument: documentRefSchema }),
]);
export type FixOperation = z.infer<typeof fixOperationSchema>;

export const fixSchema = z.object({ description: z.string().optional(), ops: z.array(fixOperationSchema).min(1) });
export type Fix = z.infer<typeof fixSchema>;

const nameOf = (d: Record<string, unknown>): string | undefined => {
  const m = d.metadata;
  if (isPlainObject(m) && typeof m.name === "string") return m.name;
  const s = d.spec;
  if (isPlainObject(s)) {
    if (typeof s.RoleName === "string") return s.RoleName;
    if (typeof s.UserName === "string") return s.UserName;
    if (typeof s.Url === "string") return s.Url;
  }
  return undefined;
};

const findDoc = (docs: Record<string, unknown>[], kind: string, name?: string): number =>
  docs.findIndex((d) => d.kind === kind && (name === undefined || nameOf(d) === name));

/** Set a value at a JSON Pointer, creating missing parent objects. */
function setPointer(doc: Record<string, unknown>, pointer: string, value: unknown): string | null {
  const tokens = parsePointer(pointer);
  if (!tokens || tokens.length === 0) return `invalid JSON Pointer "${pointer}"`;
  let cur: unknown = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) {
      const i = Number(t);
      if (!/^\d+$/.test(t) || cur[i] === undefined) return `no array element ${t} on the way to ${pointer}`;
      cur = cur[i];
    } else if (isPlainObject(cur)) {
      if (!isPlainObject(cur[t]) && !Array.isArray(cur[t])) cur[t] = {};
      cur = cur[t];
    } else return `cannot descend into ${pointer}`;
  }
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(cur)) {
    if (last === "-") cur.push(clone(value));
    else if (/^\d+$/.test(last)) cur[Number(last)] = clone(value);
    else return `"${last}" is not an array index in ${pointer}`;
  } else if (isPlainObject(cur)) cur[last] = clone(value);
  else return `cannot set ${pointer}`;
  return null;
}

/**
 * Apply a fix to a scenario's documents and rebuild the scenario (validated like a file).
 * @example
 * applyFix(scenario, { ops: [{ kind: "ServiceAccount", name: "billing-svc",
 *   set: { "/metadata/annotations/eks.amazonaws.com~1audience": "sts.amazonaws.com" } }] })
 */
export function applyFix(scenario: Scenario, fix: Fix): ParseResult {
  const checked = fixSchema.safeParse(fix);
  if (!checked.success) return { ok: false, errors: checked.error.issues.map((i): ScenarioError => ({ document: 0, kind: "Fix", path: i.path.join("."), message: i.message })) };
  const docs = scenario.documents.map((d) => clone(d));
  for (const [i, op] of checked.data.ops.entries()) {
    const fail = (message: string): ParseResult => ({ ok: false, errors: [{ document: 0, kind: "Fix", path: `ops[${i}]`, message }] });
    if ("addDocument" in op) {
      docs.push(clone(op.addDocument));
      continue;
    }
    if ("removeDocument" in op) {
      const at = findDoc(docs, op.removeDocument.kind, op.removeDocument.name);
      if (at < 0) return fail(`no ${op.removeDocument.kind}${op.removeDocument.name ? ` named ${op.removeDocument.name}` : ""} to remove`);
      docs.splice(at, 1);
      continue;
    }
    let at = findDoc(docs, op.kind, op.name);
    if (at < 0 && op.kind === "Scenario") {
      docs.unshift({ apiVersion: SIM_API_VERSION, kind: "Scenario", metadata: { name: scenario.name }, spec: {} });
      at = 0;
    }
    if (at < 0) return fail(`no ${op.kind}${op.name ? ` named ${op.name}` : ""} in the scenario (default objects are not documents: add one with addDocument)`);
    let doc = docs[at] as Record<string, unknown>;
    for (const [pointer, value] of Object.entries(op.set ?? {})) {
      const err = setPointer(doc, pointer, value);
      if (err) return fail(err);
    }
    for (const pointer of op.unset ?? []) {
      const r = applyJsonPatch(doc, [{ op: "remove", path: pointer }]);
      if (r.ok) doc = r.value;
    }
    if (op.patch) {
      const r = applyJsonPatch(doc, op.patch as JsonPatchOperation[]);
      if (!r.ok) return fail(r.error);
      doc = r.value;
    }
    docs[at] = doc;
  }
  const rebuilt = buildScenario(docs, scenario.source);
  if (rebuilt.ok) rebuilt.scenario.name = scenario.name;
  return rebuilt;
}

export interface FixVerdict {
  /** The fix makes the flow succeed with no critical finding. */
  correct: boolean;
  trace: FlowTrace | null;
  errors: ScenarioError[];
}

/**
 * Apply a fix, run the flow, and say whether it is a correct answer.
 * @example (await evaluateFix(scenario, fix)).correct
 */
export async function evaluateFix(scenario: Scenario, fix: Fix, options: TraceOptions = {}): Promise<FixVerdict> {
  const r = applyFix(scenario, fix);
  if (!r.ok) return { correct: false, trace: null, errors: r.errors };
  const trace = await traceFlow(r.scenario.world, { scenario: scenario.name, ...options });
  return { correct: trace.outcome === "success" && !trace.findings.some((f) => f.severity === "critical"), trace, errors: [] };
}

/**
 * RFC 6902 against a World directly (for code that builds worlds without a file).
 * @example patchWorld(defaultWorld(), [{ op: "replace", path: "/node/imdsHopLimit", value: 1 }])
 */
export function patchWorld(world: World, ops: readonly JsonPatchOperation[]): { ok: true; world: World } | { ok: false; error: string } {
  const r = applyJsonPatch(world, ops);
  return r.ok ? { ok: true, world: r.value } : { ok: false, error: r.error };
}
