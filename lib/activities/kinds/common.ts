/** Helpers shared by the activity kinds. Pure. */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Answer } from "@/lib/contract";
import type { AnswerCheck } from "../types";

/** A deterministic shuffle keyed by a string (the same scenario always shows the same order). */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  let h = createHash("sha256").update(seed).digest();
  let k = 0;
  const next = (): number => {
    if (k + 4 > h.length) {
      h = createHash("sha256").update(h).digest();
      k = 0;
    }
    const v = h.readUInt32BE(k);
    k += 4;
    return v / 2 ** 32;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export const WRONG: AnswerCheck = { correct: false, credit: 0 };

/** An answer of another kind than the activity's: never correct. */
export function ofKind<K extends Answer["kind"]>(answer: Answer, kind: K): Extract<Answer, { kind: K }> | null {
  return answer.kind === kind ? (answer as Extract<Answer, { kind: K }>) : null;
}

/** Error codes the simulator produces, offered as distractors in the flow kinds. */
export const KNOWN_ERROR_CODES = [
  "CredentialsProviderError", "NoCredentialProviders", "NoCredentialsError", "WebIdentityErr", "RequestError",
  "SignatureDoesNotMatch", "ValidationError", "InvalidIdentityToken", "ExpiredTokenException", "IDPCommunicationError",
  "AccessDenied", "InvalidSignatureException", "AccessDeniedException",
] as const;

/** 5 codes: the real one and 4 others, in a stable order per scenario. */
export function errorCodeOptions(real: string, seed: string): string[] {
  const others = seededShuffle(KNOWN_ERROR_CODES.filter((c) => c !== real), `${seed}:codes`).slice(0, 4);
  return seededShuffle([real, ...others], `${seed}:order`);
}

/** One problem with an activity's `config` (its kind-specific options), naming the field. */
export interface ConfigIssue {
  field: string;
  message: string;
}
export type ConfigResult<T> = { ok: true; value: T } | { ok: false; issues: ConfigIssue[] };

/**
 * A kind's `config` schema: exactly the fields in `shape` (a strict object). Any other field is refused rather than
 * ignored, so that a deck never says it configures something its activity does not do; `why` says what the kind's
 * activity is fixed by instead.
 */
export function configSchema<Shape extends z.ZodRawShape>(kind: string, shape: Shape, why = "") {
  const takes = Object.keys(shape);
  const offer = takes.length ? `take only ${takes.map((t) => `"${t}"`).join(", ")}` : "take no options";
  const refused = `${kind} activities ${offer}${why ? ` (${why})` : ""}`;
  return z.strictObject(shape, { error: (issue) => (issue.code === "unrecognized_keys" ? refused : undefined) });
}

/**
 * A list of distinct ids, each one of `known`, at least `min` of them. The checks run in this order and stop at the
 * first that fails, so a field gets one message: a list of strings, known ids, no duplicate, enough of them.
 */
export function idListSchema(known: readonly string[], min: number) {
  const among = known.join(", ");
  const notAList = `expected a list of ids among ${among}`;
  const ids = (input: unknown) => input as string[];
  return z
    .array(z.string({ error: notAList }), { error: notAList })
    .refine((list) => list.every((id) => known.includes(id)), {
      abort: true,
      error: (issue) => `unknown ${ids(issue.input).filter((id) => !known.includes(id)).map((u) => `"${u}"`).join(", ")}; expected ids among ${among}`,
    })
    .refine((list) => list.every((id, i) => list.indexOf(id) === i), {
      abort: true,
      error: (issue) => `"${ids(issue.input).find((id, i, list) => list.indexOf(id) !== i)}" is listed twice`,
    })
    .min(min, { abort: true, error: `at least ${min} are needed for a question` });
}

/**
 * Parses a kind's `config` with its schema; every issue names its field as `config.<field>: …`. The fields the kind
 * does not take come first and alone (the author must remove them before the rest matters); otherwise one issue per
 * field, its first.
 */
export function parseConfig<T>(schema: z.ZodType<T>, config: Record<string, unknown>): ConfigResult<T> {
  const r = schema.safeParse(config);
  if (r.success) return { ok: true, value: r.data };
  const named = (field: string, message: string): ConfigIssue => ({ field, message: `config.${field}: ${message}` });
  const refused = r.error.issues.flatMap((i) => (i.code === "unrecognized_keys" ? i.keys.map((k) => named(k, i.message)) : []));
  if (refused.length) return { ok: false, issues: refused };
  const issues: ConfigIssue[] = [];
  for (const i of r.error.issues) {
    const field = String(i.path[0] ?? "");
    if (!issues.some((x) => x.field === field)) issues.push(named(field, i.message));
  }
  return { ok: false, issues };
}

/** Throws the issues of a config a prepared activity cannot honour (a deck save refuses them first). */
export function configOrThrow<T>(scenarioId: string, r: ConfigResult<T>): T {
  if (!r.ok) throw new Error(`${scenarioId}: ${r.issues.map((i) => i.message).join("; ")}`);
  return r.value;
}
