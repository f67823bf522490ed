import type { FlowStepLabel } from "@/lib/contract";
import { STEP_LOOK, type RanStep } from "@/app/_components/ReplaySteps";
import { Breakable } from "@/app/_components/SoftBreaks";

/**
 * The projector's flow replay: the nine steps in three rows of three (the lab's lanes), each with how the simulator
 * ran it once the replay has reached it (an icon and a word, STEP_LOOK as on the phone) and how many students
 * predicted it would fail. Steps after `upTo` show nothing of the run yet, so the replay keeps its suspense. Sizes in
 * rem.
 */
export function ProjectorReplay({ steps, ran, upTo, counts }: { steps: FlowStepLabel[]; ran: RanStep[]; upTo: number; counts: Record<string, number> }) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const max = Math.max(1, ...Object.values(counts));
  return (
    <ol className="grid grid-cols-3 gap-2" aria-label="Replay of the token flow">
      {steps.map((s) => {
        const r = ran.find((x) => x.n === s.n);
        const look = s.n <= upTo && r ? STEP_LOOK[r.status] : null;
        const count = counts[String(s.n)] ?? 0;
        const pct = total > 0 ? Math.round((count / total) * 100) : 0;
        return (
          <li
            key={s.n}
            aria-current={s.n === upTo ? "step" : undefined}
            data-status={look ? r?.status : undefined}
            className={`flex min-w-0 items-start gap-2.5 rounded-2xl border-[0.1875rem] px-3 py-1.5 text-xl leading-tight ${look ? look.className : "border-slate-300 bg-white"} ${s.n === upTo ? "outline-solid outline-[length:0.25rem] outline-offset-1 outline-brand" : ""}`}
          >
            <span aria-hidden="true" className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full border-2 border-current font-mono font-black">
              {look ? look.icon : s.n}
            </span>
            <span className="min-w-0 flex-1 space-y-1">
              <span className="block font-semibold break-words">
                <span className="sr-only">Step </span>
                {s.n}. <Breakable text={s.title} camel />
                {look ? <span className="ml-1.5 font-black whitespace-nowrap">· {look.word}</span> : null}
              </span>
              <span className="flex items-center gap-2">
                <span className="h-4 min-w-0 flex-1 overflow-hidden rounded-full border-2 border-ink bg-white" aria-hidden="true">
                  <span className="block h-full bg-brand" style={{ width: `${(count / max) * 100}%` }} />
                </span>
                <span className="shrink-0 font-mono text-2xl font-black whitespace-nowrap tabular-nums">
                  {count}
                  <span className="sr-only"> {count === 1 ? "prediction" : "predictions"}</span>
                  <span className="ml-1 text-base font-bold text-muted">({pct}%)</span>
                </span>
              </span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
