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
