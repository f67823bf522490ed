/**
 * IAM condition operators (IAM User Guide: "IAM JSON policy elements: Condition operators" and
 * "Multivalued context keys"). Several operators, or several keys under one operator: AND.
 * Several values for one key: OR. Condition KEY names are case-insensitive; values are compared
 * as each operator says.
 */
import { toList } from "../util";

export type ContextValue = string | number | boolean | readonly string[];
/** The request context: condition key → value. `undefined` / missing = the key is absent. */
export type RequestContext = Readonly<Record<string, ContextValue | undefined>>;
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, string | number | boolean | readonly (string | number | boolean)[]>>>>;

export interface ConditionResult {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  key: string;
  expected: string[];
  /** What the request carried for this key (`null` = absent). */
  requestValue: string | string[] | null;
  matched: boolean;
  /** Why, in one sentence. */
  reason: string;
}

/** IAM wildcard match: `*` any run of characters, `?` exactly one (StringLike, ArnLike, Action, Resource). */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  // Iterative glob with backtracking on the last `*`: linear enough for policy strings.
  let pi = 0, vi = 0, star = -1, mark = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === "?" || p[pi] === v[vi])) { pi++; vi++; }
    else if (pi < p.length && p[pi] === "*") { star = pi++; mark = vi; }
    else if (star !== -1) { pi = star + 1; vi = ++mark; }
    else return false;
  }
  while (pi < p.length && p[pi] === "*") pi++;
  return pi === p.length;
}

type BaseMatcher = (expected: string, actual: string) => boolean;

const arnLike: BaseMatcher = (e, a) => {
  // ArnLike/ArnEquals compare the six colon-separated parts, each with wildcards.
  const ep = e.split(":"), ap = a.split(":");
  if (ep.length < 6 || ap.length < 6) return wildcardMatch(e, a);
  const eHead = ep.slice(0, 5), aHead = ap.slice(0, 5);
  return eHead.every((x, i) => wildcardMatch(x, aHead[i] ?? "")) && wildcardMatch(ep.slice(5).join(":"), ap.slice(5).join(":"));
};
const num = (s: string): number => Number(s);
const date = (s: string): number => (/^\d+$/.test(s) ? Number(s) * 1000 : Date.parse(s));

/** Positive base operators; the `Not` forms are their negation. */
const BASE: Readonly<Record<string, { match: BaseMatcher; negated: boolean }>> = {
  StringEquals: { match: (e, a) => e === a, negated: false },
  StringNotEquals: { match: (e, a) => e === a, negated: true },
  StringEqualsIgnoreCase: { match: (e, a) => e.toLowerCase() === a.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: { match: (e, a) => e.toLowerCase() === a.toLowerCase(), negated: true },
  StringLike: { match: (e, a) => wildcardMatch(e, a), negated: false },
  StringNotLike: { match: (e, a) => wildcardMatch(e, a), negated: true },
  ArnEquals: { match: arnLike, negated: false },
  ArnLike: { match: arnLike, negated: false },
  ArnNotEquals: { match: arnLike, negated: true },
  ArnNotLike: { match: arnLike, negated: true },
  Bool: { match: (e, a) => e.toLowerCase() === a.toLowerCase(), negated: false },
  NumericEquals: { match: (e, a) => num(a) === num(e), negated: false },
  NumericNotEquals: { match: (e, a) => num(a) === num(e), negated: true },
  NumericLessThan: { match: (e, a) => num(a) < num(e), negated: false },
  NumericLessThanEquals: { match: (e, a) => num(a) <= num(e), negated: false },
  NumericGreaterThan: { match: (e, a) => num(a) > num(e), negated: false },
  NumericGreaterThanEquals: { match: (e, a) => num(a) >= num(e), negated: false },
  DateEquals: { match: (e, a) => date(a) === date(e), negated: false },
  DateNotEquals: { match: (e, a) => date(a) === date(e), negated: true },
  DateLessThan: { match: (e, a) => date(a) < date(e), negated: false },
  DateLessThanEquals: { match: (e, a) => date(a) <= date(e), negated: false },
  DateGreaterThan: { match: (e, a) => date(a) > date(e), negated: false },
  DateGreaterThanEquals: { match: (e, a) => date(a) >= date(e), negated: false },
};

/** Look a key up case-insensitively (condition key names are not case-sensitive). */
export function lookupKey(ctx: RequestContext, key: string): ContextValue | undefined {
  if (key in ctx) return ctx[key];
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(ctx)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

const show = (v: ContextValue | undefined): string | string[] | null =>
  v === undefined ? null : Array.isArray(v) ? [...(v as readonly string[])] : String(v);

/**
 * Evaluate one operator on one key.
 * @example evaluateOperator("StringLike", "x:sub", ["system:serviceaccount:payments:*"], { "x:sub": "system:serviceaccount:payments:api" }).matched // true
 */
export function evaluateOperator(operator: string, key: string, expectedRaw: readonly (string | number | boolean)[], ctx: RequestContext): ConditionResult {
  const expected = expectedRaw.map(String);
  const raw = lookupKey(ctx, key);
  const requestValue = show(raw);
  const res = (matched: boolean, reason: string): ConditionResult => ({ operator, key, expected, requestValue, matched, reason });

  let op = operator;
  let set: "any" | "all" | null = null;
  if (op.startsWith("ForAnyValue:")) { set = "any"; op = op.slice(12); }
  else if (op.startsWith("ForAllValues:")) { set = "all"; op = op.slice(13); }
  let ifExists = false;
  if (op.endsWith("IfExists") && op !== "IfExists") { ifExists = true; op = op.slice(0, -8); }

  if (op === "Null") {
    // Null: "true" means the key must be absent, "false" that it must be present.
    const absent = raw === undefined || (Array.isArray(raw) && raw.length === 0);
    const want = expected.some((e) => e.toLowerCase() === "true");
    return res(want === absent, absent ? "the key is absent from the request" : "the key is present in the request");
  }
  const base = BASE[op];
  if (!base) return res(false, `unknown condition operator "${operator}": IAM rejects such a policy; treated as not matching`);

  const values: string[] = raw === undefined ? [] : Array.isArray(raw) ? (raw as readonly string[]).map(String) : [String(raw)];
  if (raw === undefined || values.length === 0) {
    if (set === "all") return res(true, "ForAllValues with an absent (empty) key is true");
    if (set === "any") return res(false, "ForAnyValue with an absent key is false");
    if (ifExists) return res(true, "…IfExists: the key is absent, so the condition is true");
    if (base.negated) return res(true, "negated operator and the key is absent: true");
    return res(false, "the key is absent from the request, so the condition is false");
  }
  // One request value against the expected list: positive = any expected matches (OR); negated = none does.
  const one = (v: string): boolean => {
    const hit = expected.some((e) => base.match(e, v));
    return base.negated ? !hit : hit;
  };
  if (set === "any") {
    const m = values.some(one);
    return res(m, m ? "at least one request value satisfies it" : "no request value satisfies it");
  }
  if (set === "all") {
    const m = values.every(one);
    return res(m, m ? "every request value satisfies it" : "some request value does not satisfy it");
  }
  const m = base.negated ? values.every(one) : values.some(one);
  if (op.startsWith("StringEquals") && !m && expected.some((e) => e.includes("*") || e.includes("?"))) {
    return res(false, `${op} compares exactly: "*" and "?" are literal characters here (use StringLike for wildcards)`);
  }
  return res(m, m ? (base.negated ? "the request value matches none of the values" : "the request value matches") : base.negated ? "the request value matches one of the values" : "the request value matches none of the values");
}

/**
 * Evaluate a statement's whole Condition block: every operator and every key must hold (AND).
 * @example evaluateConditionBlock({ StringEquals: { "k:aud": "sts.amazonaws.com" } }, { "k:aud": "sts.amazonaws.com" }).matched // true
 */
export function evaluateConditionBlock(block: ConditionBlock | undefined, ctx: RequestContext): { matched: boolean; results: ConditionResult[] } {
  const results: ConditionResult[] = [];
  for (const [operator, keys] of Object.entries(block ?? {})) {
    for (const [key, vals] of Object.entries(keys)) {
      results.push(evaluateOperator(operator, key, toList(vals as string | string[]), ctx));
    }
  }
  return { matched: results.every((r) => r.matched), results };
}
