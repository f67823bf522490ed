import type { ActivityKind } from "@/lib/contract";

// The kinds' display names are ACTIVITY_KIND_LABELS in lib/contract/activities.ts (one map for every screen).

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
