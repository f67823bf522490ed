/** Small pure helpers shared by the simulator modules. */

export type DeepPartial<T> = T extends (infer U)[]
  ? U[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A deep copy of JSON data (plain objects, arrays, scalars); much cheaper than structuredClone for small trees. */
export function clone<T>(v: T): T {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(clone) as T;
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) {
    if (Object.prototype.hasOwnProperty.call(v, k)) out[k] = clone((v as Record<string, unknown>)[k]);
  }
  return out as T;
}

/** Merge `patch` into `base`: objects merge key by key, arrays and scalars replace. Returns a new value. */
export function deepMerge<T>(base: T, patch: unknown): T {
  if (patch === undefined) return clone(base);
  if (!isPlainObject(base) || !isPlainObject(patch)) return clone(patch) as T;
  const out: Record<string, unknown> = clone(base as Record<string, unknown>);
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    out[k] = k in out ? deepMerge(out[k], v) : clone(v);
  }
  return out as T;
}

/** Accept IAM's "one string or a list" shape. */
export const toList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Deep equality for JSON data where object key order does not matter and array order does. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => jsonEqual(a[k], b[k]));
  }
  return false;
}

/** A seeded PRNG (mulberry32), the default source of randomness so traces are reproducible. */
export function seededRandom(seed = 0x1a2b3c4d): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` characters from `alphabet` drawn with `random`. */
export function randomString(random: () => number, n: number, alphabet: string): string {
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet.charAt(Math.floor(random() * alphabet.length));
  return s;
}
