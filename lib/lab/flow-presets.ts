/**
 * Section 4's failure presets as client-safe data: ids and labels only. What each preset does to the
 * world is in lib/lab/flow.ts; where it fails (if at all) is decided by lib/sim's traceFlow.
 */
export const FLOW_PRESETS = [
  { id: "happy", label: "✓ Everything configured" },
  { id: "webhook-down", label: "Webhook down when the pod started" },
  { id: "non-root", label: "Non-root container, no fsGroup" },
  { id: "private-subnet", label: "Private subnet, no STS endpoint" },
  { id: "no-provider", label: "OIDC provider missing" },
  { id: "stale-jwks", label: "Token signed by a key not in the JWKS" },
  { id: "sub-typo", label: "Namespace typo in the trust policy" },
  { id: "chained-2h", label: "Chained AssumeRole for 2 hours" },
  { id: "clock-skew", label: "Pod clock 15 minutes fast" },
  { id: "missing-permission", label: "Role policy lacks the action" },
] as const;
export type FlowPresetId = (typeof FLOW_PRESETS)[number]["id"];
export const FLOW_PRESET_IDS = FLOW_PRESETS.map((p) => p.id) as [FlowPresetId, ...FlowPresetId[]];
