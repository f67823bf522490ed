"use client";

import { secondsLeft } from "@/app/_lib/clock";
import { useNow } from "@/app/_lib/use-now";

/** The milestone worth announcing to a screen reader: a few per question, never every second. */
function milestone(secs: number): string {
  if (secs === 0) return "Time is up.";
  if (secs <= 5) return "5 seconds left.";
  if (secs <= 10) return "10 seconds left.";
  return "";
}

/**
 * Time left from the SERVER's deadline, corrected by this device's clock offset, so every phone and the
 * projector show the same second. The visible number is hidden from assistive tech; a polite live region
 * speaks only the milestones. `sm` is one line (label, bar, seconds), for the phone's sticky question header.
 */
export function Countdown({
  deadline,
  offsetMs,
  timeLimitSec,
  size = "md",
}: {
  deadline: number;
  offsetMs: number;
  timeLimitSec: number;
  size?: "sm" | "md" | "xl";
}) {
  const now = useNow(true);
  const secs = secondsLeft(deadline, offsetMs, now);
  const fraction = timeLimitSec > 0 ? Math.min(1, Math.max(0, (deadline - (now + offsetMs)) / (timeLimitSec * 1000))) : 0;
  const big = size === "xl";
  const urgent = secs <= 5;
  const live = (
    <p className="sr-only" aria-live="polite">
      {milestone(secs)}
    </p>
  );
  if (size === "sm") {
    return (
      <div className="flex w-full items-center gap-3" data-testid="countdown">
        <span className="whitespace-nowrap text-sm font-semibold text-muted">Time left</span>
        <div className="h-3 min-w-0 flex-1 overflow-hidden rounded-full border-2 border-ink bg-white" aria-hidden="true">
          <div className={`h-full ${urgent ? "bg-bad" : "bg-brand"}`} style={{ width: `${fraction * 100}%` }} />
        </div>
        <span aria-hidden="true" className={`whitespace-nowrap font-mono text-2xl font-black tabular-nums ${urgent ? "text-bad" : "text-ink"}`}>
          {secs}
          <span className="text-base"> s</span>
        </span>
        {live}
      </div>
    );
  }
  // Three digits at the projector's size would not fit beside "Time left" in its column: one size down until 99.
  return (
    <div className="w-full">
      <div className="flex items-baseline justify-between gap-2">
        <span className={`whitespace-nowrap font-semibold text-muted ${big ? "text-3xl" : "text-base"}`}>Time left</span>
        <span
          aria-hidden="true"
          className={`whitespace-nowrap font-mono font-black tabular-nums ${big ? (secs >= 100 ? "text-7xl" : "text-8xl") : "text-4xl"} ${urgent ? "text-bad" : "text-ink"}`}
        >
          {secs}
          <span className={big ? "text-4xl" : "text-xl"}> s</span>
        </span>
      </div>
      <div className={`mt-1 w-full overflow-hidden rounded-full border-2 border-ink bg-white ${big ? "h-6" : "h-3"}`} aria-hidden="true">
        <div className={`h-full ${urgent ? "bg-bad" : "bg-brand"}`} style={{ width: `${fraction * 100}%` }} />
      </div>
      {live}
    </div>
  );
}
