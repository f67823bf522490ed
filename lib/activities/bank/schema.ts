/**
 * The quiz half of a bank scenario: one extra document `apiVersion: irsa.sim/v1, kind: Pitfall` beside the
 * simulator's own documents. The correct choice is never stored: it is computed by running every choice's
 * fix through lib/sim (see verdict.ts).
 */
import { z } from "zod";
import { fixSchema } from "@/lib/sim";

export const PITFALL_API_VERSION = "irsa.sim/v1";
export const PITFALL_KIND = "Pitfall";

/** Evidence panels a scenario may show on the phones (generated from the simulator's run, see evidence.ts). */
export const PANEL_IDS = [
  "pod", "env", "app-log", "caller-identity", "service-account", "trust-policy", "role-policy", "oidc",
  "token", "webhook", "node", "network", "imds", "sdk", "table", "scp", "chained-role",
] as const;
export type PanelId = (typeof PANEL_IDS)[number];
export const DEFAULT_PANELS: readonly PanelId[] = ["pod", "app-log", "service-account", "trust-policy"];

export const choiceSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "a short slug (a-z, 0-9, -)"),
  /** A candidate root cause (and what to do about it), as the student reads it. */
  text: z.string().min(10).max(300),
  /** The change this answer stands for, in lib/sim's fix format. */
  fix: fixSchema,
  /** One sentence: what a student who picks this (wrongly) believes. */
  misconception: z.string().min(10).max(400),
});
export type PitfallChoice = z.infer<typeof choiceSchema>;

export const pitfallSpecSchema = z.strictObject({
  title: z.string().min(3).max(120),
  /** The production symptom as a person sees it. */
  symptom: z.string().min(10).max(600),
  /** The step(s) of the nine this pitfall belongs to. Documentation: the real failing step comes from lib/sim. */
  steps: z.array(z.number().int().min(1).max(9)).min(1),
  /** Number of the pitfall in IRSA-FACTS §7, when it is one of the 32. */
  pitfall: z.number().int().min(1).max(99).optional(),
  /** Where the rule comes from (docs, issue, PR). */
  source: z.string().max(300).optional(),
  choices: z.array(choiceSchema).length(4, "exactly 4 choices"),
  /** Why; cite the AWS / Kubernetes rule. */
  explanation: z.string().min(20).max(2000),
  /** Evidence panels shown with the question (default: pod, app-log, service-account, trust-policy). */
  panels: z.array(z.enum(PANEL_IDS)).min(1).max(8).optional(),
  /**
   * Finding codes (lib/sim FINDING_CODES) that the correct fix must leave behind, on top of lib/sim's rule
   * (success and no critical finding) — for pitfalls that are only a warning, e.g. the node role reachable (#32).
   */
  forbidFindings: z.array(z.string().min(1)).optional(),
});
export type PitfallSpec = z.infer<typeof pitfallSpecSchema>;

export const pitfallDocSchema = z.strictObject({
  apiVersion: z.literal(PITFALL_API_VERSION),
  kind: z.literal(PITFALL_KIND),
  metadata: z.looseObject({ name: z.string().min(1) }),
  spec: pitfallSpecSchema,
});
