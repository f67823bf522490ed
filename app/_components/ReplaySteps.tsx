"use client";

import { useEffect, useRef } from "react";
import type { ActivityReveal, FlowStepLabel } from "@/lib/contract";

/** How the simulator ran one step of the token flow, as the reveal carries it. */
export type RanStep = NonNullable<ActivityReveal["steps"]>[number];

/**
 * How a replayed step looks for each status, on the phone (ReplaySteps) and on the projector (ProjectorReplay):
 * an icon and a word, so the status never rests on colour alone.
 */
export const STEP_LOOK: Record<RanStep["status"], { icon: string; word: string; className: string }> = {
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
  follow = false,
}: {
  steps: FlowStepLabel[];
  ran: RanStep[];
  upTo: number;
  /** The step the student predicted would fail. */
  predicted?: number | null;
  /**
   * Bring the step the replay has reached into view each time the instructor steps it (the phone: at 360×640 the
   * steps sit below the correct answer, so a phone that does not follow shows nothing happening). Not on the
   * instructor's console, where scrolling would carry the replay button away from under the pointer.
   */
  follow?: boolean;
}) {
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (!follow || upTo < 1) return;
    const current = list.current?.querySelector<HTMLElement>('[aria-current="step"]');
    if (!current) return;
    const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    current.scrollIntoView({ block: "center", behavior: reduce ? "auto" : "smooth" });
  }, [follow, upTo]);
  return (
    <div className="space-y-2">
      <p className="text-lg font-bold" aria-live="polite">
        {upTo === 0 ? "Replay: waiting for the instructor to start" : `Replay: step ${Math.min(upTo, steps.length)} of ${steps.length}`}
      </p>
      <ol ref={list} className="space-y-1" aria-label="Replay of the token flow">
        {steps.map((s) => {
          const r = ran.find((x) => x.n === s.n);
          const shown = s.n <= upTo && r;
          const look = shown ? STEP_LOOK[r.status] : null;
          return (
            <li
              key={s.n}
              aria-current={s.n === upTo ? "step" : undefined}
              className={`flex items-start gap-3 rounded-xl border-2 px-3 py-2 text-base ${look ? look.className : "border-slate-300 bg-white"} ${s.n === upTo ? "ring-4 ring-brand" : ""}`}
            >
              <span aria-hidden="true" className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full border-2 border-current font-mono">
                {look ? look.icon : s.n}
              </span>
              <span className="min-w-0 flex-1">
                <span className="block font-semibold break-words">
                  <span className="sr-only">Step </span>
                  {s.n}. {s.title}
                </span>
                {shown ? (
                  <span className="block font-bold">
                    {look?.word}
                    {r.error ? <span className="ml-2 font-mono">{r.error.code}</span> : null}
                  </span>
                ) : null}
                {shown && r.error ? <span className="block text-sm break-words">{r.error.message}</span> : null}
                {predicted === s.n ? <span className="block text-sm font-bold text-brand">◆ your prediction</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
