import type { ActivityPrompt, Answer, Distribution } from "@/lib/contract";
import { Breakable } from "@/app/_components/SoftBreaks";
import type { DistributionItem } from "@/app/_components/DistributionBars";
import { chainChangeLabel, distributionItems, totalOf } from "@/app/_lib/distribution";

/**
 * The projector's options for kinds whose answers ARE the options (pitfall choices, the nine steps, match / no
 * match, the policy presets): each option once, with its live bar and count inline, so a whole question fits a
 * 1280×720 projector. At the reveal the right option says so with an icon and a word (never colour alone).
 * Chain-fix and node-role answers are combinations: {@link ChangeTally} and {@link ServiceTally}.
 * All sizes are rem: the projector's root font size scales with the screen.
 */
function hasInlineAnswers(prompt: ActivityPrompt): boolean {
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
  // Long pitfall choices one size down, so four of them still fit in two rows of two.
  const longest = Math.max(0, ...items.map((i) => i.label.length));
  const text = steps ? "text-2xl leading-tight" : longest > 120 ? "text-xl leading-snug" : longest > 60 ? "text-2xl leading-snug" : "text-3xl leading-snug";
  const cols = steps ? "grid-cols-3" : items.length === 1 ? "grid-cols-1" : items.length === 3 ? "grid-cols-3" : "grid-cols-2";
  return (
    <ol className={`grid ${cols} gap-2`} aria-label={label}>
      {items.map((item) => (
        <Option key={item.key} item={item} total={total} max={max} text={text} compact={steps} revealed={correct != null} marks={prompt.kind === "setup-challenge" ? POLICY_MARKS : ANSWER_MARKS} />
      ))}
    </ol>
  );
}

const ANSWER_MARKS = { right: "✓ Correct", wrong: "✗ Wrong" } as const;
/**
 * setup-challenge buckets answers by policy alone, and a right policy in the wrong namespace is still a wrong setup:
 * the marks name what they judge, so "✓ Correct 100%" never stands above a class that got the setup wrong.
 */
const POLICY_MARKS = { right: "✓ Correct policy", wrong: "✗ Wrong policy" } as const;

function Option({
  item,
  total,
  max,
  text,
  compact,
  revealed,
  marks,
}: {
  item: DistributionItem;
  total: number;
  max: number;
  text: string;
  compact: boolean;
  revealed: boolean;
  marks: { right: string; wrong: string };
}) {
  const right = revealed && item.correct === true;
  const wrong = revealed && item.correct === false;
  return (
    <li
      data-correct={right ? "true" : undefined}
      className={`flex min-w-0 flex-col justify-between gap-1.5 rounded-2xl border-[0.1875rem] ${compact ? "px-3 py-1.5" : "px-3 py-2"} ${
        right ? "border-ok bg-ok-bg" : wrong ? "border-slate-400 bg-white" : "border-ink bg-white"
      }`}
    >
      <div className={`flex items-start gap-2.5 ${text}`}>
        <span
          aria-hidden="true"
          className={`flex shrink-0 items-center justify-center rounded-lg font-mono font-black ${compact ? "h-8 min-w-8 px-1" : "h-10 min-w-10 px-2"} ${right ? "bg-ok text-white" : "bg-ink text-white"}`}
        >
          {item.marker}
        </span>
        <span className="min-w-0 flex-1 font-semibold break-words text-ink">
          <span className="sr-only">{compact ? "Step " : "Option "}{item.marker}: </span>
          <Breakable text={item.label} camel={compact} />
        </span>
      </div>
      <Bar count={item.count} total={total} max={max} tone={right ? "ok" : wrong ? "wrong" : "brand"} mark={right ? marks.right : wrong ? marks.wrong : null} small={compact} />
    </li>
  );
}

/** A bar with the count and share as text; at the reveal an icon and a word before it. */
function Bar({ count, total, max, tone, mark, small, noun = "answer" }: { count: number; total: number; max: number; tone: "ok" | "wrong" | "brand"; mark: string | null; small?: boolean; noun?: string }) {
  const pct = total > 0 ? Math.round((count / total) * 100) : 0;
  return (
    <div className="flex items-center gap-2.5">
      {mark ? <span className={`shrink-0 font-black whitespace-nowrap ${small ? "text-lg" : "text-xl"} ${tone === "ok" ? "text-ok" : "text-muted"}`}>{mark}</span> : null}
      <div className={`min-w-0 flex-1 overflow-hidden rounded-full border-2 border-ink bg-white ${small ? "h-4" : "h-5"}`} aria-hidden="true">
        <div
          className={`h-full transition-[width] duration-300 motion-reduce:transition-none ${tone === "ok" ? "bg-ok" : tone === "wrong" ? "bg-slate-500" : "bg-brand"}`}
          style={{ width: `${(count / max) * 100}%` }}
        />
      </div>
      <span className={`shrink-0 font-mono font-black whitespace-nowrap tabular-nums ${small ? "text-2xl" : "text-3xl"}`}>
        {count}
        <span className="sr-only"> {count === 1 ? noun : `${noun}s`}</span>
        <span className={`ml-1 font-bold text-muted ${small ? "text-base" : "text-lg"}`}>({pct}%)</span>
      </span>
    </div>
  );
}

/**
 * node-role: each service once, with how many students ticked it (summed over the submitted selections); at the
 * reveal each says whether the Pod can reach it, and how many picked exactly the right set.
 */
export function ServiceTally({ prompt, distribution, correct }: { prompt: Extract<ActivityPrompt, { kind: "node-role" }>; distribution: Distribution; correct?: Answer | null }) {
  const total = totalOf(distribution);
  const ticked = (id: string) => Object.entries(distribution).reduce((n, [key, c]) => (key.split(",").includes(id) ? n + c : n), 0);
  const counts = prompt.options.map((o) => ticked(o.id));
  const max = Math.max(1, ...counts);
  const reachable = correct?.kind === "node-role" ? new Set(correct.selected) : null;
  return (
    <ol className="grid grid-cols-2 gap-2" aria-label={reachable ? "Services: can the Pod reach them?" : "Services"}>
      {prompt.options.map((o, i) => {
        const yes = reachable?.has(o.id) === true;
        const no = reachable !== null && !yes;
        return (
          <li
            key={o.id}
            data-correct={yes ? "true" : undefined}
            className={`flex min-w-0 flex-col gap-1.5 rounded-2xl border-[0.1875rem] px-3 py-2 ${yes ? "border-ok bg-ok-bg" : no ? "border-slate-400" : "border-ink"}`}
          >
            <span className="flex items-start gap-2.5 text-2xl leading-snug font-semibold">
              <span aria-hidden="true" className={`shrink-0 font-black ${yes ? "text-ok" : no ? "text-muted" : ""}`}>
                {yes ? "✓" : no ? "✗" : "☐"}
              </span>
              <span className="min-w-0 break-words">
                <Breakable text={o.label} />
                {reachable ? <span className={`ml-2 text-xl font-black whitespace-nowrap ${yes ? "text-ok" : "text-muted"}`}>{yes ? "Reachable" : "Not reachable"}</span> : null}
              </span>
            </span>
            <Bar count={counts[i] ?? 0} total={total} max={max} tone={yes ? "ok" : no ? "wrong" : "brand"} mark={null} small noun="tick" />
          </li>
        );
      })}
    </ol>
  );
}

/** The key of the exact right node-role selection (as the server buckets answers). */
export function nodeRoleKey(correct: Answer): string | null {
  return correct.kind === "node-role" ? [...new Set(correct.selected)].sort().join(",") || "(none)" : null;
}

/**
 * chain-fix: which fields the class changed (the server buckets each answer by its set of changed fields), the
 * four commonest sets and the rest summed. Whether a set works is the simulator's call per answer, so no ✓ here.
 */
export function ChangeTally({ distribution }: { distribution: Distribution }) {
  const total = totalOf(distribution);
  const rows = Object.entries(distribution).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = rows.slice(0, 4);
  const rest = rows.slice(4).reduce((n, [, c]) => n + c, 0);
  const max = Math.max(1, ...shown.map(([, c]) => c));
  return (
    <section aria-labelledby="proj-changes" className="space-y-1">
      <h2 id="proj-changes" className="text-lg font-black text-muted">
        What the class changed · {total} {total === 1 ? "answer" : "answers"}
      </h2>
      {shown.length ? (
        <ol className="space-y-1" aria-label="What the class changed">
          {shown.map(([key, count]) => (
            <li key={key} className="flex flex-wrap items-center gap-x-3">
              <span className="min-w-0 flex-[1_1_14rem] text-lg leading-snug font-semibold break-words">
                <Breakable text={chainChangeLabel(key)} camel />
              </span>
              <span className="flex-[1_1_8rem]">
                <Bar count={count} total={total} max={max} tone="brand" mark={null} small />
              </span>
            </li>
          ))}
          {rest ? <li className="text-lg text-muted">+ {rest} more in other combinations</li> : null}
        </ol>
      ) : null}
    </section>
  );
}
