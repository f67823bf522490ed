import { z } from "zod";

/**
 * What a student's phone may see of an activity while it is open. Built on the server by lib/activities
 * from a simulator run; it never contains the correct answer (that leaves the server only at the reveal).
 */
export const ActivityKind = {
  pitfall: "pitfall",
  whichStep: "which-step",
  /** Validation-chain fix: edit the fields of OIDC provider → trust policy → ServiceAccount → Pod. */
  chainFix: "chain-fix",
  /** JWT predict-then-verify: do the edited claims still match the trust policy? */
  jwtPredict: "jwt-predict",
  /** Setup challenge: submit the ServiceAccount / role inputs; the simulator decides. */
  setupChallenge: "setup-challenge",
  /** Node role before/after IRSA: which services can a pod reach? (multi-select, partial credit) */
  nodeRole: "node-role",
  /** Token-flow replay: predict the failing step (and optionally the error code) before the replay. */
  flowReplay: "flow-replay",
} as const;
export type ActivityKind = (typeof ActivityKind)[keyof typeof ActivityKind];
/** Every activity kind, for z.enum(...) in stored specs and HTTP bodies. */
export const ACTIVITY_KINDS = Object.values(ActivityKind) as [ActivityKind, ...ActivityKind[]];

/**
 * How every screen names an activity kind (deck builder, console, projector, reports, a student's results): the one
 * place these words live. Raw kind ids stay in URLs, stored specs and the CSV/JSON exports.
 */
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  pitfall: "Pitfall: root cause",
  "which-step": "Which step fails?",
  "flow-replay": "Flow replay: predict the failure",
  "chain-fix": "Fix the chain",
  "jwt-predict": "JWT: match or not?",
  "setup-challenge": "Setup challenge",
  "node-role": "Node role: who reaches what?",
};

/** The label of a kind; an unknown id (an old stored deck, say) is shown as it is. */
export function activityKindLabel(kind: string): string {
  return (ACTIVITY_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

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
    }
  | {
      kind: "chain-fix";
      title: string;
      prompt: string;
      panels: EvidencePanel[];
      /** The broken configuration's current values; the student edits and submits them. */
      fields: ChainFields;
      /** Operators offered for the sub / aud conditions. */
      operators: string[];
    }
  | {
      kind: "jwt-predict";
      title: string;
      prompt: string;
      panels: EvidencePanel[];
      /** The token after the edit, decoded (header and claims). */
      token: { header: Record<string, unknown>; claims: Record<string, unknown> };
      /** Names of the claims that were edited. */
      edited: string[];
    }
  | {
      kind: "setup-challenge";
      title: string;
      prompt: string;
      panels: EvidencePanel[];
      /** Given by the task: not editable. */
      fixed: { clusterName: string; region: string; accountId: string; oidcId: string };
      /** Permission policy presets to choose from. */
      policyPresets: string[];
    }
  | {
      kind: "node-role";
      title: string;
      prompt: string;
      panels: EvidencePanel[];
      pod: string;
      phase: "before" | "after";
      options: { id: string; label: string }[];
    }
  | {
      kind: "flow-replay";
      title: string;
      prompt: string;
      panels: EvidencePanel[];
      steps: FlowStepLabel[];
      errorCodes: string[];
    };

/** The editable fields of the validation chain (OIDC provider → trust policy → ServiceAccount → Pod). */
export const chainFieldsSchema = z.object({
  oidcProviderRegistered: z.boolean(),
  trustFederated: z.string().max(300),
  subKey: z.string().max(300),
  subOperator: z.string().max(64),
  subValue: z.string().max(300),
  audKey: z.string().max(300),
  audOperator: z.string().max(64),
  audValue: z.string().max(300),
  saNamespace: z.string().max(63),
  saName: z.string().max(253),
  saRoleArn: z.string().max(300),
  podServiceAccount: z.string().max(253),
  podNamespace: z.string().max(63),
});
export type ChainFields = z.infer<typeof chainFieldsSchema>;

/** What a student submits, per activity kind. Validated by {@link answerSchema}. */
export const pitfallAnswerSchema = z.object({ kind: z.literal("pitfall"), choiceId: z.string().min(1).max(64) });
export const whichStepAnswerSchema = z.object({
  kind: z.literal("which-step"),
  step: z.number().int().min(1).max(9),
  errorCode: z.string().min(1).max(64).optional(),
});
/** Only the fields the student changed need to be sent; the others keep the broken world's values. */
export const chainFixAnswerSchema = z.object({ kind: z.literal("chain-fix"), fields: chainFieldsSchema.partial() });
export const jwtPredictAnswerSchema = z.object({ kind: z.literal("jwt-predict"), prediction: z.enum(["match", "no-match"]) });
export const setupChallengeAnswerSchema = z.object({
  kind: z.literal("setup-challenge"),
  inputs: z.object({
    namespace: z.string().min(1).max(63),
    serviceAccountName: z.string().min(1).max(253),
    roleName: z.string().min(1).max(64),
    /** A preset name from the prompt's policyPresets. */
    policy: z.string().min(1).max(64),
  }),
});
export const nodeRoleAnswerSchema = z.object({ kind: z.literal("node-role"), selected: z.array(z.string().min(1).max(64)).max(20) });
export const flowReplayAnswerSchema = z.object({
  kind: z.literal("flow-replay"),
  step: z.number().int().min(1).max(9),
  errorCode: z.string().min(1).max(64).optional(),
});
export const answerSchema = z.discriminatedUnion("kind", [
  pitfallAnswerSchema,
  whichStepAnswerSchema,
  chainFixAnswerSchema,
  jwtPredictAnswerSchema,
  setupChallengeAnswerSchema,
  nodeRoleAnswerSchema,
  flowReplayAnswerSchema,
]);
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
  /** Pitfall: for each wrong choice, what a student who picked it believes (for reports). */
  misconceptions?: Record<string, string>;
  /** Flow kinds: the nine steps as the simulator ran them, for the replay after the reveal. */
  steps?: { n: number; title: string; status: "ok" | "fail" | "skipped" | "warn"; error?: { code: string; message: string } }[];
}

/**
 * Answer distribution key: choice id for pitfall, step number (as string) for which-step and flow-replay,
 * "match"/"no-match" for jwt-predict, "correct"/"incorrect" for chain-fix and setup-challenge, the sorted
 * selected ids joined by "," for node-role.
 */
export type Distribution = Record<string, number>;
