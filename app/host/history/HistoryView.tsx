"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { SiteHeader } from "@/app/_components/SiteHeader";
import { StatusBadge } from "@/app/_components/StatusBadge";
import { apiFetch } from "@/app/_lib/api";
import { useApiLoad } from "@/app/_lib/use-api-load";
import { LoadError } from "@/app/host/_components/InstructorChrome";
import { formatDateTime, formatPercent, localDay } from "@/lib/reports/format";
import type { HistoryItem } from "@/lib/reports/types";

/**
 * Every session the instructor ran, newest first: deck, date, participants, average accuracy. Search by deck title
 * or by day (the day in the instructor's own time zone). A session can be deleted after a confirmation.
 */
export function HistoryView() {
  const [load, setLoad] = useApiLoad<{ sessions: HistoryItem[] }>("/api/reports");
  const [q, setQ] = useState("");
  const [day, setDay] = useState("");
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const shown = useMemo(() => {
    if (load.state !== "ready") return [];
    const needle = q.trim().toLocaleLowerCase();
    return load.data.sessions.filter(
      (s) =>
        (!needle || s.deckTitle.toLocaleLowerCase().includes(needle) || s.code.toLowerCase() === needle) &&
        (!day || localDay(s.createdAt) === day),
    );
  }, [load, q, day]);

  const remove = async (s: HistoryItem) => {
    const r = await apiFetch(`/api/reports/${encodeURIComponent(s.sessionId)}`, { method: "DELETE" });
    setConfirming(null);
    if (!r.ok) return setNotice(`✗ ${r.error.message}`);
    setLoad((l) => (l.state === "ready" ? { ...l, data: { sessions: l.data.sessions.filter((x) => x.sessionId !== s.sessionId) } } : l));
    setNotice(`✓ Deleted the session of ${formatDateTime(s.createdAt)} (${s.deckTitle}).`);
  };

  return (
    <>
      <SiteHeader
        right={
          <Link href="/host" className="link">
            Decks
          </Link>
        }
      />
      <main id="main" className="mx-auto max-w-5xl space-y-6 px-4 py-6">
        <h1 className="text-3xl font-black">Session history</h1>
        {load.state === "loading" ? <p className="text-lg text-muted">Loading…</p> : null}
        {load.state === "error" ? <LoadError message={load.message} status={load.status} /> : null}
        {load.state === "ready" ? (
          <>
            <form role="search" className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_auto] sm:items-end" onSubmit={(e) => e.preventDefault()}>
              <div>
                <label htmlFor="history-q" className="label">
                  Deck title
                </label>
                <input id="history-q" className="field" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
              </div>
              <div>
                <label htmlFor="history-day" className="label">
                  Date
                </label>
                <input id="history-day" className="field" type="date" value={day} onChange={(e) => setDay(e.target.value)} />
              </div>
              <button
                type="button"
                className="btn btn-secondary"
                onClick={() => {
                  setQ("");
                  setDay("");
                }}
              >
                Clear
              </button>
            </form>
            <p role="status" className="text-base text-muted">
              {notice ? <span className="mr-2 font-semibold text-ink">{notice}</span> : null}
              {shown.length} of {load.data.sessions.length} {load.data.sessions.length === 1 ? "session" : "sessions"}
            </p>
            {load.data.sessions.length === 0 ? <p>No sessions yet. Start one from a deck.</p> : null}
            <ul className="divide-y-2 divide-slate-200 rounded-xl border-2 border-slate-300" aria-label="Sessions, newest first">
              {shown.map((s) => (
                <li key={s.sessionId} className="space-y-2 p-3">
                  <div className="flex flex-wrap items-center justify-between gap-3">
                    <div className="min-w-0 space-y-1">
                      <p className="text-lg font-semibold break-words">{s.deckTitle}</p>
                      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-base text-muted">
                        <StatusBadge status={s.status === "live" ? "live" : "ended"} />
                        <span>{formatDateTime(s.createdAt)}</span>
                        <span>
                          · Code <span className="font-mono font-bold text-ink">{s.code}</span>
                        </span>
                        <span>
                          · {s.participants} {s.participants === 1 ? "participant" : "participants"}
                        </span>
                        <span>· average accuracy {formatPercent(s.averageAccuracy)}</span>
                      </p>
                    </div>
                    <div className="flex flex-wrap gap-2">
                      {s.status === "live" ? (
                        <Link href={`/host/sessions/${encodeURIComponent(s.sessionId)}`} className="btn btn-primary">
                          Open console<span className="sr-only"> of {s.deckTitle}, {formatDateTime(s.createdAt)}</span>
                        </Link>
                      ) : null}
                      <Link href={`/host/sessions/${encodeURIComponent(s.sessionId)}/report`} className={`btn ${s.status === "live" ? "btn-secondary" : "btn-primary"}`}>
                        Report<span className="sr-only"> of {s.deckTitle}, {formatDateTime(s.createdAt)}</span>
                      </Link>
                      {s.status === "ended" ? (
                        <button
                          type="button"
                          className="btn btn-danger"
                          aria-expanded={confirming === s.sessionId}
                          onClick={() => setConfirming(s.sessionId)}
                        >
                          Delete<span className="sr-only"> the session of {formatDateTime(s.createdAt)}</span>
                        </button>
                      ) : null}
                    </div>
                  </div>
                  {confirming === s.sessionId ? (
                    <div role="alertdialog" aria-labelledby={`confirm-${s.sessionId}`} className="alert-error space-y-2">
                      <p id={`confirm-${s.sessionId}`}>
                        Delete this session with its {s.participants} participants and {s.answers} answers? This cannot be undone;
                        download the CSV first if you need it.
                      </p>
                      <div className="flex flex-wrap gap-2">
                        <button type="button" className="btn btn-danger" onClick={() => void remove(s)}>
                          Delete for good
                        </button>
                        <button type="button" className="btn btn-secondary" autoFocus onClick={() => setConfirming(null)}>
                          Keep it
                        </button>
                      </div>
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </main>
    </>
  );
}
