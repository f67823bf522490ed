/** A state shown with an icon AND a word, never colour alone (PRODUCT.md "Look and feel"). */
export type Status = "correct" | "incorrect" | "connected" | "disconnected" | "answered" | "waiting" | "live" | "ended";

const LOOK: Record<Status, { icon: string; word: string; className: string }> = {
  correct: { icon: "✓", word: "Correct", className: "border-ok bg-ok-bg text-ok" },
  incorrect: { icon: "✗", word: "Incorrect", className: "border-bad bg-bad-bg text-bad" },
  connected: { icon: "●", word: "Connected", className: "border-ok bg-ok-bg text-ok" },
  disconnected: { icon: "○", word: "Offline", className: "border-line bg-slate-100 text-muted" },
  answered: { icon: "✓", word: "Answered", className: "border-ok bg-ok-bg text-ok" },
  waiting: { icon: "…", word: "Waiting", className: "border-line bg-slate-100 text-muted" },
  live: { icon: "●", word: "Live", className: "border-ok bg-ok-bg text-ok" },
  ended: { icon: "■", word: "Ended", className: "border-line bg-slate-100 text-muted" },
};

export function StatusBadge({ status, label, size = "md" }: { status: Status; label?: string; size?: "md" | "lg" | "xl" }) {
  const look = LOOK[status];
  const sizing = size === "xl" ? "text-3xl px-4 py-2" : size === "lg" ? "text-xl px-3 py-1" : "text-sm px-2 py-0.5";
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full border-2 font-bold ${sizing} ${look.className}`}>
      <span aria-hidden="true">{look.icon}</span>
      <span>{label ?? look.word}</span>
    </span>
  );
}
