"use client";

import type { LabTrace } from "@/lib/lab/trace";
import { errorLine } from "@/lib/lab/trace-text";
import { softBreaks } from "@/app/_components/SoftBreaks";
import { Verdict, toneOfStatus, wordOfStatus } from "./ui";

/** The nine steps of a simulator run as a compact list: status icon + word, title, and the error when one fails. */
export function TraceSteps({ trace, label }: { trace: LabTrace; label: string }) {
  return (
    <div className="space-y-2">
      <p className="text-lg font-bold" role="status">
        {trace.outcome === "success" ? <Verdict tone="ok" word="Flow succeeds" size="lg" /> : <Verdict tone="fail" word={`Fails at step ${trace.failedStep}`} size="lg" />}
      </p>
      {trace.identity ? <p className="text-base">AWS sees: <code className="font-mono text-sm [overflow-wrap:anywhere]">{softBreaks(trace.identity)}</code></p> : null}
      {trace.error ? <p className="alert-error font-mono text-sm [overflow-wrap:anywhere]">{softBreaks(errorLine(trace.error))}</p> : null}
      <ol aria-label={label} className="space-y-1">
        {trace.steps.map((s) => (
          <li key={s.n} className="flex flex-wrap items-center gap-2 text-base">
            <Verdict tone={toneOfStatus(s.status)} word={wordOfStatus(s.status)} />
            <span>{s.n}. {s.title}</span>
          </li>
        ))}
      </ol>
      {trace.findings.filter((f) => f.severity !== "info").map((f) => (
        <p key={f.code + f.message} className="text-base">
          <Verdict tone={f.severity === "critical" ? "fail" : "warn"} word={f.severity === "critical" ? "Critical finding" : "Warning"} /> {softBreaks(f.message)}
        </p>
      ))}
    </div>
  );
}
