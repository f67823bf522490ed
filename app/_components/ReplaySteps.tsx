import type { ReactNode } from "react";
import type { ActivityReveal, FlowStepLabel } from "@/lib/contract";

type RanStep = NonNullable<ActivityReveal["steps"]>[number];

const LOOK: Record<RanStep["status"], { icon: string; word: string; className: string }> = {
  ok: { icon: "✓", word: "OK", className: "border-ok bg-ok-bg" },
  warn: { icon: "!", word: "Warning", className: "border-amber-600 bg-amber-50" },
  fail: { icon: "✗", word: "Fails", className: "border-bad bg-bad-bg" },
  skipped: { icon: "–", word: "Not reached", className: "border-slate-300 bg-slate-50 text-muted" },
};

/**
 * The token flow's nine steps during a replay: steps up to `upTo` show how the simulator ran them (status as an
 * icon and a word, the failing step's error code); later steps are not shown yet. Before a reveal there is no
 * `ran` data at all, so nothing can leak.
 */
export function ReplaySteps({
  steps,
  ran,
  upTo,
  predicted,
  tally,
  aside,
  size = "md",
}: {
  steps: FlowStepLabel[];
  ran: RanStep[];
  upTo: number;
  /** The step the student predicted would fail. */
  predicted?: number | null;
  /** The projector: how many predicted each step (distribution keys are step numbers), shown inside each step. */
  tally?: { counts: Record<string, number>; total: number };
  /** Shown on the status line's right (the projector puts the question's name there to save a line). */
  aside?: ReactNode;
  size?: "md" | "xl";
}) {
  const maxCount = tally ? Math.max(1, ...Object.values(tally.counts)) : 1;
  const big = size === "xl";
  const failing = ran.find((x) => x.error && x.n <= upTo);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-x-6">
        <p className={`${big ? "text-3xl" : "text-lg"} font-bold`} aria-live="polite">
          {upTo === 0 ? "Replay: waiting for the instructor to start" : `Replay: step ${Math.min(upTo, steps.length)} of ${steps.length}`}
        </p>
        {aside}
      </div>
      {/* On the projector the nine steps sit in three rows of three, so the whole replay fits on one screen. */}
      <ol className={big ? "grid grid-cols-3 gap-3" : "space-y-1"} aria-label="Replay of the token flow">
        {steps.map((s) => {
          const r = ran.find((x) => x.n === s.n);
          const shown = s.n <= upTo && r;
          const look = shown ? LOOK[r.status] : null;
          const isPrediction = predicted === s.n;
          return (
            <li
              key={s.n}
              aria-current={s.n === upTo ? "step" : undefined}
              className={`flex items-start gap-3 rounded-xl border-2 px-3 py-2 ${big ? "text-2xl" : "text-base"} ${look ? look.className : "border-slate-300 bg-white"} ${s.n === upTo ? "ring-4 ring-brand" : ""}`}
            >
              <span aria-hidden="true" className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full border-2 border-current font-mono">
                {look ? look.icon : s.n}
              </span>
              <span className="min-w-0 flex-1">
                <span className={`${big ? "" : "block "}font-semibold break-words`}>
                  <span className="sr-only">Step </span>
                  {s.n}. {s.title}
                </span>
                {/* On the projector the status follows the title on its line; the error message goes below the grid. */}
                {shown ? (
                  <span className={big ? "ml-2 font-black" : "block font-bold"}>
                    {big ? "· " : ""}
                    {look?.word}
                    {r.error && !big ? <span className="ml-2 font-mono">{r.error.code}</span> : null}
                  </span>
                ) : null}
                {shown && r.error && !big ? <span className="block text-sm break-words">{r.error.message}</span> : null}
                {isPrediction ? <span className="block text-sm font-bold text-brand">◆ your prediction</span> : null}
                {tally ? <TallyLine count={tally.counts[String(s.n)] ?? 0} total={tally.total} max={maxCount} /> : null}
              </span>
            </li>
          );
        })}
      </ol>
      {big && failing ? (
        <p className="text-xl leading-snug break-words">
          <span className="font-bold">
            <span aria-hidden="true">✗ </span>Step {failing.n} fails with <span className="font-mono">{failing.error?.code}</span>:
          </span>{" "}
          {failing.error?.message}
        </p>
      ) : null}
    </div>
  );
}

/** One step's share of the class's predictions: a bar and the count as text. */
function TallyLine({ count, total, max }: { count: number; total: number; max: number }) {
  const pct = total > 0 ? Math.round((count / total) * 100) : 0;
  return (
    <span className="mt-1 flex items-center gap-2">
      <span className="h-4 min-w-0 flex-1 overflow-hidden rounded-full border-2 border-ink bg-white" aria-hidden="true">
        <span className="block h-full bg-brand" style={{ width: `${(count / max) * 100}%` }} />
      </span>
      <span className="shrink-0 font-mono font-black whitespace-nowrap tabular-nums">
        {count}
        <span className="sr-only"> {count === 1 ? "prediction" : "predictions"}</span>
        <span className="ml-1 text-lg font-bold text-muted">({pct}%)</span>
      </span>
    </span>
  );
}
