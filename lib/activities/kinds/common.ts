/** Helpers shared by the activity kinds. Pure. */
import { createHash } from "node:crypto";
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
 * The fields of `config` a kind does not take: refused rather than ignored, so that a deck never says it configures
 * something its activity does not do. `why` says what the kind's activity is fixed by instead.
 */
export function unknownConfigFields(kind: string, config: Record<string, unknown>, takes: readonly string[], why = ""): ConfigIssue[] {
  const offer = takes.length ? `take only ${takes.map((t) => `"${t}"`).join(", ")}` : "take no options";
  return Object.keys(config)
    .filter((k) => !takes.includes(k))
    .map((k) => ({ field: k, message: `config.${k}: ${kind} activities ${offer}${why ? ` (${why})` : ""}` }));
}

/** A list of distinct ids, each one of `known`, at least `min` of them; issues name `config.<field>`. */
export function idListConfig(field: string, value: unknown, known: readonly string[], min: number): ConfigResult<string[]> {
  const issue = (message: string): ConfigResult<string[]> => ({ ok: false, issues: [{ field, message: `config.${field}: ${message}` }] });
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) return issue(`expected a list of ids among ${known.join(", ")}`);
  const ids = value as string[];
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length) return issue(`unknown ${unknown.map((u) => `"${u}"`).join(", ")}; expected ids among ${known.join(", ")}`);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) return issue(`"${dup}" is listed twice`);
  if (ids.length < min) return issue(`at least ${min} are needed for a question`);
  return { ok: true, value: ids };
}

/** Throws the issues of a config a prepared activity cannot honour (a deck save refuses them first). */
export function configOrThrow<T>(scenarioId: string, r: ConfigResult<T>): T {
  if (!r.ok) throw new Error(`${scenarioId}: ${r.issues.map((i) => i.message).join("; ")}`);
  return r.value;
}
