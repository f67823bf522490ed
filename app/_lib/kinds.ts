import type { ActivityKind } from "@/lib/contract";

/** How the deck builder and the console name each activity kind. */
export const KIND_LABELS: Record<ActivityKind, string> = {
  pitfall: "Pitfall: pick the root cause",
  "which-step": "Which step fails?",
  "flow-replay": "Token-flow replay: predict, then replay",
  "chain-fix": "Validation chain: fix the fields",
  "jwt-predict": "JWT: match or no match?",
  "setup-challenge": "Setup challenge: SA + role inputs",
  "node-role": "Node role: which services? (partial credit)",
};

/** A sensible default time limit per kind (typing a fix takes longer than tapping a choice). */
export const DEFAULT_TIME_SEC: Record<ActivityKind, number> = {
  pitfall: 45,
  "which-step": 30,
  "flow-replay": 30,
  "chain-fix": 120,
  "jwt-predict": 30,
  "setup-challenge": 120,
  "node-role": 45,
};
