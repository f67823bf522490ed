"use client";

import Link from "next/link";
import { SiteHeader } from "@/app/_components/SiteHeader";
import { useApiLoad } from "@/app/_lib/use-api-load";
import { InstructorNav } from "@/app/host/_components/InstructorChrome";
import type { DeckComparison } from "@/lib/reports/compare";
import { formatDateTime, formatPercent } from "@/lib/reports/format";
import { activityKindLabel } from "@/lib/contract";

/**
 * Per-activity accuracy of every run of a deck, side by side (oldest class on the left). Each cell prints the
 * percentage and the counts, with a bar behind it; cells under 50% carry a ▼ so they stand out without colour.
 */
export function CompareView({ deckId }: { deckId: string }) {
  const [s] = useApiLoad<{ comparison: DeckComparison }>(`/api/reports/compare?deckId=${encodeURIComponent(deckId)}`);

  return (
    <>
      <SiteHeader right={<InstructorNav />} />
      {/* The same width as SiteHeader's, so the header and the page start at the same x. */}
      <main id="main" className="mx-auto max-w-5xl space-y-6 px-4 py-6">
        {s.state === "loading" ? <p className="text-lg text-muted">Loading…</p> : null}
        {s.state === "error" ? (
          <p role="alert" className="alert-error">
            <span aria-hidden="true">✗ </span>
            {s.message}
          </p>
        ) : null}
        {s.state === "ready" ? <Comparison c={s.data.comparison} /> : null}
      </main>
    </>
  );
}

function Comparison({ c }: { c: DeckComparison }) {
  return (
    <>
      <header className="space-y-1">
        <p className="text-base text-muted">Compare classes</p>
        <h1 className="text-3xl font-black break-words">{c.deckTitle}</h1>
        <p className="text-base text-muted">
          Share of correct answers per activity, one column per time you ran this deck. Activities are matched by scenario,
          so a reordered deck still lines up.
        </p>
      </header>
      {c.sessions.length === 0 ? (
        <p>You have not run this deck yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-base">
            <caption className="sr-only">Accuracy per activity and session</caption>
            <thead>
              <tr className="border-b-2 border-ink text-left align-bottom">
                <th scope="col" className="px-2 py-2">
                  Activity
                </th>
                {c.sessions.map((s) => (
                  <th key={s.id} scope="col" className="min-w-36 px-2 py-2 text-right">
                    <Link href={`/host/sessions/${encodeURIComponent(s.id)}/report`} className="link">
                      {formatDateTime(s.createdAt)}
                    </Link>
                    <span className="block text-sm font-normal text-muted">
                      {s.code} · {s.participants} students
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {c.rows.map((row) => (
                <tr key={row.key} className="border-b border-slate-300">
                  <th scope="row" className="px-2 py-2 text-left font-semibold break-words">
                    {row.title}
                    <span className="block text-sm font-normal text-muted">{activityKindLabel(row.kind)}</span>
                  </th>
                  {row.cells.map((cell, i) => (
                    <td key={c.sessions[i]!.id} className="px-2 py-2 text-right">
                      {cell === null ? (
                        <span className="text-muted">not in this run</span>
                      ) : (
                        <Cell accuracy={cell.accuracy} correct={cell.correct} answered={cell.answered} />
                      )}
                    </td>
                  ))}
                </tr>
              ))}
              <tr className="border-t-2 border-ink">
                <th scope="row" className="px-2 py-2 text-left">
                  All answers
                </th>
                {c.sessions.map((s) => (
                  <td key={s.id} className="px-2 py-2 text-right font-mono font-bold">
                    {formatPercent(s.accuracy)}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Cell({ accuracy, correct, answered }: { accuracy: number | null; correct: number; answered: number }) {
  const low = accuracy !== null && accuracy < 0.5;
  return (
    <div className="ml-auto w-full max-w-40">
      <div className="flex items-baseline justify-end gap-2 font-mono">
        <span className="font-bold">
          {low ? <span aria-label="below half">▼ </span> : null}
          {formatPercent(accuracy)}
        </span>
        <span className="text-sm text-muted">
          {correct}/{answered}
        </span>
      </div>
      <div className="mt-1 h-2 w-full rounded bg-slate-200" aria-hidden="true">
        <div className={`h-full rounded ${low ? "bg-bad" : "bg-brand"}`} style={{ width: `${Math.round((accuracy ?? 0) * 100)}%` }} />
      </div>
    </div>
  );
}
