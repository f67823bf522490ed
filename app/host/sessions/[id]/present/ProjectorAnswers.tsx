import type { ActivityPrompt, Answer, Distribution } from "@/lib/contract";
import type { DistributionItem } from "@/app/_components/DistributionBars";
import { distributionItems, totalOf } from "@/app/_lib/distribution";

/**
 * The projector's options for kinds whose answers ARE the options (pitfall choices, the nine steps, match / no
 * match, the policy presets): each option once, with its live bar and count inline, so the whole question fits a
 * 1280×800 projector. At the reveal the right option says so with an icon and a word (never colour alone).
 * Other kinds (chain-fix, node-role: answers are combinations) return null and keep the separate bars.
 */
export function hasInlineAnswers(prompt: ActivityPrompt): boolean {
  return prompt.kind === "pitfall" || prompt.kind === "which-step" || prompt.kind === "flow-replay" || prompt.kind === "jwt-predict" || prompt.kind === "setup-challenge";
}

export function ProjectorAnswers({
  prompt,
  distribution,
  correct,
  label,
}: {
  prompt: ActivityPrompt;
  distribution: Distribution;
  /** The revealed answer; absent while the question is open (nothing may leak before the reveal). */
  correct?: Answer | null;
  label: string;
}) {
  if (!hasInlineAnswers(prompt)) return null;
  const items = distributionItems(prompt, distribution, correct);
  const total = totalOf(distribution);
  const max = Math.max(1, ...items.map((i) => i.count));
  const steps = prompt.kind === "which-step" || prompt.kind === "flow-replay";
  // Long pitfall choices get one size down so four of them still fit beside each other in two rows.
  const longest = Math.max(0, ...items.map((i) => i.label.length));
  const text = steps ? "text-2xl" : longest > 80 ? "text-[1.625rem] leading-snug" : "text-3xl leading-snug";
  const cols = steps ? "grid-cols-3" : items.length === 1 ? "grid-cols-1" : items.length === 3 ? "grid-cols-3" : "grid-cols-2";
  return (
    <ol className={`grid ${cols} gap-3`} aria-label={label}>
      {items.map((item) => (
        <Option key={item.key} item={item} total={total} max={max} text={text} compact={steps} revealed={correct != null} />
      ))}
    </ol>
  );
}

function Option({ item, total, max, text, compact, revealed }: { item: DistributionItem; total: number; max: number; text: string; compact: boolean; revealed: boolean }) {
  const pct = total > 0 ? Math.round((item.count / total) * 100) : 0;
  const right = revealed && item.correct === true;
  const wrong = revealed && item.correct === false;
  return (
    <li
      className={`flex min-w-0 flex-col justify-between gap-2 rounded-2xl border-4 ${compact ? "px-3 py-2" : "px-4 py-3"} ${
        right ? "border-ok bg-ok-bg" : wrong ? "border-slate-400 bg-white" : "border-ink bg-white"
      }`}
    >
      <div className={`flex items-start gap-3 ${text}`}>
        <span
          aria-hidden="true"
          className={`flex shrink-0 items-center justify-center rounded-lg font-mono font-black ${compact ? "h-9 min-w-9 px-1" : "h-11 min-w-11 px-2"} ${right ? "bg-ok text-white" : "bg-ink text-white"}`}
        >
          {item.marker}
        </span>
        <span className="min-w-0 flex-1 font-semibold break-words text-ink">
          <span className="sr-only">{compact ? "Step " : "Option "}{item.marker}: </span>
          {item.label}
        </span>
      </div>
      <div className="flex items-center gap-3">
        {right || wrong ? (
          <span className={`shrink-0 font-black whitespace-nowrap ${compact ? "text-xl" : "text-2xl"} ${right ? "text-ok" : "text-muted"}`}>
            <span aria-hidden="true">{right ? "✓ " : "✗ "}</span>
            {right ? "Correct" : "Wrong"}
          </span>
        ) : null}
        <div className={`min-w-0 flex-1 overflow-hidden rounded-full border-2 border-ink bg-white ${compact ? "h-5" : "h-6"}`} aria-hidden="true">
          <div
            className={`h-full transition-[width] duration-300 motion-reduce:transition-none ${right ? "bg-ok" : wrong ? "bg-slate-500" : "bg-brand"}`}
            style={{ width: `${(item.count / max) * 100}%` }}
          />
        </div>
        <span className="shrink-0 font-mono text-3xl font-black whitespace-nowrap tabular-nums">
          {item.count}
          <span className="sr-only"> {item.count === 1 ? "answer" : "answers"}</span>
          <span className="ml-1 text-xl font-bold text-muted">({pct}%)</span>
        </span>
      </div>
    </li>
  );
}
