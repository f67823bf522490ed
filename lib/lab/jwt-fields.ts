/**
 * Section 5's inputs, safe for the browser: the editable claims of the projected token and the
 * predict-then-verify challenges. Whether the trust policy matches is lib/lab/jwt.ts's (lib/sim's) answer.
 */
import { z } from "zod";
import { SCENARIO_IDS, type LabScenario } from "./catalog";

export const claimEditsSchema = z.object({
  iss: z.string().max(300),
  sub: z.string().max(300),
  aud: z.string().max(300),
  /** kubernetes.io.namespace */
  namespace: z.string().max(253),
  /** exp, epoch seconds */
  exp: z.number().int().min(0).max(4_102_444_800),
});
export type ClaimEdits = z.infer<typeof claimEditsSchema>;

export const JWT_MODES = ["resign", "tamper"] as const;
export type JwtMode = (typeof JWT_MODES)[number];

export const jwtInputSchema = z.object({
  scenario: z.enum(SCENARIO_IDS),
  /** Omitted: the token exactly as the kubelet mounts it. */
  claims: claimEditsSchema.partial().optional(),
  mode: z.enum(JWT_MODES).default("resign"),
  /** false: only the token (predict first, then ask again with reveal: true). */
  reveal: z.boolean().default(true),
});
export type JwtInput = z.infer<typeof jwtInputSchema>;

export interface PredictChallenge {
  id: string;
  /** What was changed, in words; shown before the student predicts. */
  label: string;
  make(s: LabScenario, base: ClaimEdits & { iat: number }): Partial<ClaimEdits>;
}

const oneCharOff = (s: string): string => (s.length === 0 ? "x" : `${s.slice(0, -1)}${s.endsWith("z") ? "y" : "z"}`);

export const PREDICT_CHALLENGES: readonly PredictChallenge[] = [
  { id: "sub-namespace-char", label: "One character of the namespace inside sub changes", make: (s) => ({ sub: `system:serviceaccount:${oneCharOff(s.namespace)}:${s.serviceAccountName}` }) },
  { id: "k8s-namespace", label: "Only the kubernetes.io namespace claim changes; sub stays the same", make: (s) => ({ namespace: oneCharOff(s.namespace) }) },
  { id: "sa-capital", label: "The ServiceAccount name in sub gets a capital first letter", make: (s) => ({ sub: `system:serviceaccount:${s.namespace}:${s.serviceAccountName.charAt(0).toUpperCase()}${s.serviceAccountName.slice(1)}` }) },
  { id: "expired", label: "exp is moved to one hour ago (the token has expired)", make: (_s, base) => ({ exp: base.iat - 3600 }) },
  { id: "aud-vault", label: "aud becomes vault instead of sts.amazonaws.com", make: () => ({ aud: "vault" }) },
];
