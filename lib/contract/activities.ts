import { z } from "zod";

/**
 * What a student's phone may see of an activity while it is open. Built on the server by lib/activities
 * from a simulator run; it never contains the correct answer (that leaves the server only at the reveal).
 */
export const ActivityKind = {
  pitfall: "pitfall",
  whichStep: "which-step",
} as const;
export type ActivityKind = (typeof ActivityKind)[keyof typeof ActivityKind];

/** A read-only panel of evidence: kubectl output, the pod's env, the app's error, a policy, a YAML. */
export interface EvidencePanel {
  id: string;
  title: string;
  /** "text" | "yaml" | "json" | "shell" — only for display and copy buttons. */
  language: "text" | "yaml" | "json" | "shell";
  content: string;
}

export interface FlowStepLabel {
  n: number;
  id: string;
  title: string;
}

export type ActivityPrompt =
  | {
      kind: "pitfall";
      title: string;
      /** The production symptom, one or two sentences. */
      symptom: string;
      panels: EvidencePanel[];
      choices: { id: string; text: string }[];
    }
  | {
      kind: "which-step";
      title: string;
      prompt: string;
      panels: EvidencePanel[];
      steps: FlowStepLabel[];
      /** Error codes offered for the optional "and which error?" part. */
      errorCodes: string[];
    };

/** What a student submits, per activity kind. Validated by {@link answerSchema}. */
export const pitfallAnswerSchema = z.object({ kind: z.literal("pitfall"), choiceId: z.string().min(1).max(64) });
export const whichStepAnswerSchema = z.object({
  kind: z.literal("which-step"),
  step: z.number().int().min(1).max(9),
  errorCode: z.string().min(1).max(64).optional(),
});
export const answerSchema = z.discriminatedUnion("kind", [pitfallAnswerSchema, whichStepAnswerSchema]);
export type Answer = z.infer<typeof answerSchema>;

/** Revealed after the question closes: the correct answer and why, computed by lib/sim. */
export interface ActivityReveal {
  /** The correct answer in the same shape a student submits. */
  correct: Answer;
  /** Human-readable correct answer, e.g. "Step 6 — Check trust policy (AccessDenied)". */
  correctLabel: string;
  explanation: string;
  /** Panels worth showing after the reveal, e.g. the failing step's error and the trust-policy evaluation. */
  panels: EvidencePanel[];
}

/** Answer distribution key: choice id for pitfall, step number (as string) for which-step. */
export type Distribution = Record<string, number>;
