import type { ActivityPrompt } from "@/lib/contract";
import { EvidencePanels } from "./EvidencePanels";
import { TokenClaims } from "./TokenClaims";

/** The question's text and evidence (every activity kind); all of it rendered as React text. */
export function PromptView({ prompt, showPanels = true }: { prompt: ActivityPrompt; showPanels?: boolean }) {
  const lead = prompt.kind === "pitfall" ? prompt.symptom : prompt.prompt;
  return (
    <div className="space-y-3">
      <p className="text-lg break-words text-ink">
        {prompt.kind === "pitfall" ? <span className="font-semibold">Symptom: </span> : null}
        {lead}
      </p>
      {/* jwt-predict asks about the edited token: its claims come first, before the trust policy they are held against. */}
      {showPanels && prompt.kind === "jwt-predict" ? <TokenClaims prompt={prompt} /> : null}
      {showPanels ? <EvidencePanels panels={prompt.panels} /> : null}
    </div>
  );
}

export const CHOICE_MARKERS = ["A", "B", "C", "D", "E", "F", "G", "H"] as const;

export function choiceMarker(index: number): string {
  return CHOICE_MARKERS[index] ?? String(index + 1);
}
