"use client";

import { useState } from "react";
import type { Approach, ApproachEvidence } from "@/lib/lab/approaches";
import type { LabScenario } from "@/lib/lab/catalog";
import { softBreaks } from "@/app/_components/SoftBreaks";
import { Verdict } from "./ui";

const TONE = { bad: "fail", risky: "warn", good: "ok" } as const;

/** Section 0: click an approach to reveal why it is good or bad; three of them with the simulator's run as evidence. */
export function WhySection({ scenario, approaches, evidence }: { scenario: LabScenario; approaches: readonly Approach[]; evidence: ApproachEvidence[] }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section aria-labelledby="why-q" className="space-y-4">
      <p id="why-q" className="text-xl font-semibold">
        Your pod {scenario.emoji} {scenario.workload} needs to call {scenario.service} ({scenario.callText}). How does it prove to AWS who it is?
      </p>
      <p className="text-base text-muted">Pick an approach to see why it is good or bad.</p>
      <ul className="space-y-3">
        {approaches.map((a) => {
          const isOpen = open === a.id;
          const ev = evidence.find((e) => e.id === a.id);
          return (
            <li key={a.id} className="card space-y-3">
              <button
                type="button"
                aria-expanded={isOpen}
                aria-controls={`approach-${a.id}`}
                onClick={() => setOpen(isOpen ? null : a.id)}
                className="flex min-h-12 w-full flex-wrap items-center gap-3 text-left text-lg font-bold"
              >
                <span aria-hidden="true" className="text-2xl">{a.emoji}</span>
                <span className="min-w-0 flex-1">{a.title}</span>
                <span aria-hidden="true">{isOpen ? "▲" : "▼"}</span>
              </button>
              {isOpen ? (
                <div id={`approach-${a.id}`} className="space-y-3">
                  <Verdict tone={TONE[a.verdict]} word={a.verdictWord} size="lg" />
                  <p className="text-base">{softBreaks(a.summary)}</p>
                  <p className="font-mono text-sm [overflow-wrap:anywhere] text-muted">{softBreaks(a.how)}</p>
                  <ul className="space-y-1 text-base">
                    {a.why.map((w) => <li key={w}>{softBreaks(w)}</li>)}
                  </ul>
                  {ev ? (
                    <div className="rounded-lg border-2 border-slate-300 bg-slate-50 p-3" data-testid={`evidence-${a.id}`}>
                      <p className="text-sm font-bold uppercase tracking-wide text-muted">The simulator ran it</p>
                      <p className="mt-1 text-base">
                        {ev.trace.outcome === "success" ? <Verdict tone="ok" word="Call succeeds" /> : <Verdict tone="fail" word={`Fails at step ${ev.trace.failedStep}`} />}{" "}
                        AWS sees: <code className="font-mono text-sm [overflow-wrap:anywhere]">{softBreaks(ev.trace.identity ?? "nobody")}</code>
                      </p>
                      {ev.trace.findings.filter((f) => f.severity !== "info").length === 0 ? (
                        <p className="mt-2"><Verdict tone="ok" word="No security finding" /></p>
                      ) : (
                        <ul className="mt-2 space-y-1">
                          {ev.trace.findings.filter((f) => f.severity !== "info").map((f) => (
                            <li key={f.code + f.message} className="text-base">
                              <Verdict tone={f.severity === "critical" ? "fail" : "warn"} word={f.severity === "critical" ? "Critical" : "Warning"} /> {softBreaks(f.message)}
                            </li>
                          ))}
                        </ul>
                      )}
                    </div>
                  ) : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
