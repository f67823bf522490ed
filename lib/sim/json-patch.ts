/**
 * JSON Pointer (RFC 6901) and the JSON Patch (RFC 6902) operations the simulator needs:
 * add, remove, replace, test, copy, move. Pure: returns a new document, never throws —
 * failures come back as `{ ok: false, error }`.
 */
import { clone, isPlainObject, jsonEqual } from "./util";

export type JsonPatchOperation =
  | { op: "add" | "replace" | "test"; path: string; value: unknown }
  | { op: "remove"; path: string }
  | { op: "copy" | "move"; from: string; path: string };

export type PatchResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Split a JSON Pointer into reference tokens (RFC 6901 §4: `~1` → `/`, then `~0` → `~`). */
export function parsePointer(pointer: string): string[] | null {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) return null;
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Escape one reference token for a JSON Pointer. */
export const escapePointerToken = (token: string): string => token.replace(/~/g, "~0").replace(/\//g, "~1");

function getAt(doc: unknown, tokens: string[]): { found: boolean; value: unknown } {
  let cur: unknown = doc;
  for (const t of tokens) {
    if (Array.isArray(cur)) {
      const i = Number(t);
      if (!/^\d+$/.test(t) || i >= cur.length) return { found: false, value: undefined };
      cur = cur[i];
    } else if (isPlainObject(cur) && Object.prototype.hasOwnProperty.call(cur, t)) {
      cur = cur[t];
    } else return { found: false, value: undefined };
  }
  return { found: true, value: cur };
}

/** Read the value at a JSON Pointer. */
export function getPointer(doc: unknown, pointer: string): unknown {
  const tokens = parsePointer(pointer);
  return tokens ? getAt(doc, tokens).value : undefined;
}

function applyOne(doc: unknown, op: JsonPatchOperation): PatchResult<unknown> {
  const tokens = parsePointer(op.path);
  if (!tokens) return { ok: false, error: `invalid JSON Pointer "${op.path}" (must start with "/")` };
  if (op.op === "test") {
    const at = getAt(doc, tokens);
    return at.found && jsonEqual(at.value, op.value) ? { ok: true, value: doc } : { ok: false, error: `test failed at ${op.path}` };
  }
  if (op.op === "copy" || op.op === "move") {
    const fromTokens = parsePointer(op.from);
    const at = fromTokens ? getAt(doc, fromTokens) : { found: false, value: undefined };
    if (!at.found) return { ok: false, error: `nothing at "from" ${op.from}` };
    const removed = op.op === "move" ? applyOne(doc, { op: "remove", path: op.from }) : { ok: true as const, value: doc };
    if (!removed.ok) return removed;
    return applyOne(removed.value, { op: "add", path: op.path, value: clone(at.value) });
  }
  if (tokens.length === 0) {
    if (op.op === "remove") return { ok: true, value: undefined };
    return { ok: true, value: clone((op as { value: unknown }).value) };
  }
  const root = clone(doc);
  const parentTokens = tokens.slice(0, -1);
  const last = tokens[tokens.length - 1] as string;
  const parent = getAt(root, parentTokens);
  if (!parent.found) return { ok: false, error: `path ${op.path}: parent does not exist` };
  const container = parent.value;
  if (Array.isArray(container)) {
    const index = last === "-" ? container.length : Number(last);
    if (!(last === "-" || /^\d+$/.test(last))) return { ok: false, error: `path ${op.path}: "${last}" is not an array index` };
    if (op.op === "add") {
      if (index > container.length) return { ok: false, error: `path ${op.path}: index out of range` };
      container.splice(index, 0, clone((op as { value: unknown }).value));
    } else {
      if (index >= container.length) return { ok: false, error: `path ${op.path}: index out of range` };
      if (op.op === "remove") container.splice(index, 1);
      else container[index] = clone((op as { value: unknown }).value);
    }
    return { ok: true, value: root };
  }
  if (!isPlainObject(container)) return { ok: false, error: `path ${op.path}: parent is not an object or array` };
  const exists = Object.prototype.hasOwnProperty.call(container, last);
  if (op.op !== "add" && !exists) return { ok: false, error: `path ${op.path}: nothing to ${op.op}` };
  if (op.op === "remove") delete container[last];
  else container[last] = clone((op as { value: unknown }).value);
  return { ok: true, value: root };
}

/**
 * Apply RFC 6902 operations in order; the first failing one stops the patch.
 * @example applyJsonPatch({ a: [1] }, [{ op: "add", path: "/a/0", value: 0 }]) // { ok: true, value: { a: [0, 1] } }
 */
export function applyJsonPatch<T>(doc: T, ops: readonly JsonPatchOperation[]): PatchResult<T> {
  let cur: unknown = doc;
  for (const [i, op] of ops.entries()) {
    const r = applyOne(cur, op);
    if (!r.ok) return { ok: false, error: `operation ${i} (${op.op}): ${r.error}` };
    cur = r.value;
  }
  return { ok: true, value: cur as T };
}
