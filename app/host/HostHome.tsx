"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import type { CreatedSessionDto, DeckDto, InstructorDto, ScoringMode, SessionListItemDto } from "@/lib/contract";
import { SiteHeader } from "@/app/_components/SiteHeader";
import { StatusBadge } from "@/app/_components/StatusBadge";
import { apiFetch, unwrap } from "@/app/_lib/api";
import { AuthForms } from "./AuthForms";
import { ErrorAlert } from "@/app/_components/ErrorAlert";

type Me = { state: "loading" } | { state: "signed-out" } | { state: "signed-in"; me: InstructorDto };

export function HostHome() {
  const [me, setMe] = useState<Me>({ state: "loading" });

  useEffect(() => {
    // 200 { instructor: null } when nobody is signed in (app/api/auth/me): a failed request only if the server is unreachable.
    void apiFetch<{ instructor: InstructorDto | null }>("/api/auth/me").then((r) => {
      const instructor = r.ok ? r.data.instructor : null;
      setMe(instructor ? { state: "signed-in", me: instructor } : { state: "signed-out" });
    });
  }, []);

  const signOut = async () => {
    await apiFetch("/api/auth/signout", { method: "POST" });
    setMe({ state: "signed-out" });
  };

  return (
    <>
      <SiteHeader
        right={
          me.state === "signed-in" ? (
            <div className="flex items-center gap-3">
              <span className="hidden text-base sm:inline">
                Signed in as <strong>{me.me.name}</strong>
              </span>
              <button type="button" className="btn btn-secondary" onClick={() => void signOut()}>
                Sign out
              </button>
            </div>
          ) : null
        }
      />
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        {me.state === "loading" ? (
          <p className="text-lg text-muted">Loading…</p>
        ) : me.state === "signed-out" ? (
          <AuthForms onSignedIn={(m) => setMe({ state: "signed-in", me: m })} />
        ) : (
          <Dashboard me={me.me} />
        )}
      </main>
    </>
  );
}

function Dashboard({ me }: { me: InstructorDto }) {
  const router = useRouter();
  const [decks, setDecks] = useState<DeckDto[] | null>(null);
  const [sessions, setSessions] = useState<SessionListItemDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const [d, s] = await Promise.all([apiFetch<unknown>("/api/decks"), apiFetch<unknown>("/api/sessions")]);
    if (d.ok) setDecks(unwrap<DeckDto[]>(d.data, "decks"));
    else setError(d.error.message);
    setSessions(s.ok ? unwrap<SessionListItemDto[]>(s.data, "sessions") : []);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const newDeck = async () => {
    const r = await apiFetch<unknown>("/api/decks", { method: "POST", body: { title: "Untitled deck", description: "", activities: [] } });
    if (!r.ok) return setError(r.error.message);
    router.push(`/host/decks/${unwrap<DeckDto>(r.data, "deck").id}`);
  };

  const copyDeck = async (deck: DeckDto) => {
    const r = await apiFetch<unknown>(`/api/decks/${deck.id}/copy`, { method: "POST" });
    if (!r.ok) return setError(r.error.message);
    await load();
  };

  // How many times each deck was run (from the sessions list): a deck that has been run links to its comparison.
  const runs = new Map<string, number>();
  for (const s of sessions ?? []) if (s.deckId) runs.set(s.deckId, (runs.get(s.deckId) ?? 0) + 1);

  const demo = decks?.filter((d) => d.ownerId === null) ?? [];
  const own = decks?.filter((d) => d.ownerId !== null) ?? [];

  return (
    <div className="space-y-10">
      <h1 className="text-3xl font-black">Welcome, {me.name}</h1>
      <ErrorAlert message={error} />

      <section aria-labelledby="demo-heading" className="space-y-3">
        <h2 id="demo-heading" className="text-2xl font-bold">
          Demo decks
        </h2>
        {decks === null ? <p className="text-muted">Loading decks…</p> : null}
        <ul className="grid gap-4 md:grid-cols-2">
          {demo.map((d) => (
            <li key={d.id}>
              <DeckCard deck={d} runs={runs.get(d.id) ?? 0} onCopy={() => void copyDeck(d)} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="own-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="own-heading" className="text-2xl font-bold">
            Your decks
          </h2>
          <button type="button" className="btn btn-primary" onClick={() => void newDeck()}>
            + New deck
          </button>
        </div>
        {decks !== null && own.length === 0 ? <p className="text-muted">No decks yet. Copy the demo deck or start a new one.</p> : null}
        <ul className="grid gap-4 md:grid-cols-2">
          {own.map((d) => (
            <li key={d.id}>
              <DeckCard deck={d} runs={runs.get(d.id) ?? 0} onCopy={() => void copyDeck(d)} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="sessions-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="sessions-heading" className="text-2xl font-bold">
            Sessions
          </h2>
          <Link href="/host/history" className="btn btn-secondary">
            Session history and reports
          </Link>
        </div>
        {sessions === null ? <p className="text-muted">Loading sessions…</p> : null}
        {sessions?.length === 0 ? <p className="text-muted">No sessions yet. Start one from a deck.</p> : null}
        {sessions && sessions.length > 0 ? (
        <ul className="divide-y-2 divide-slate-200 rounded-xl border-2 border-slate-300">
          {sessions.map((s) => (
            <li key={s.sessionId} className="flex flex-wrap items-center justify-between gap-3 p-3">
              <div className="min-w-0 space-y-1">
                <p className="font-semibold break-words">{s.deckTitle}</p>
                <p className="flex flex-wrap items-center gap-2 text-sm text-muted">
                  <StatusBadge status={s.status === "live" ? "live" : "ended"} />
                  <span>
                    Code <span className="font-mono font-bold text-ink">{s.code}</span>
                  </span>
                  <span>· {s.participants} joined</span>
                  <span>· {new Date(s.createdAt).toLocaleString()}</span>
                </p>
              </div>
              {s.status === "live" ? (
                <Link href={`/host/sessions/${encodeURIComponent(s.sessionId)}`} className="btn btn-primary">
                  Open console<span className="sr-only"> for session {s.code}</span>
                </Link>
              ) : (
                <Link href={`/host/sessions/${encodeURIComponent(s.sessionId)}/report`} className="btn btn-secondary">
                  Report<span className="sr-only"> of session {s.code}</span>
                </Link>
              )}
            </li>
          ))}
        </ul>
        ) : null}
      </section>
    </div>
  );
}

function DeckCard({ deck, runs, onCopy }: { deck: DeckDto; runs: number; onCopy: () => void }) {
  const router = useRouter();
  const [starting, setStarting] = useState(false);
  const [scoring, setScoring] = useState<ScoringMode>("speed");
  const [allowLateJoin, setAllowLateJoin] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = `deck-${deck.id}`;

  const start = async () => {
    setBusy(true);
    setError(null);
    const r = await apiFetch<unknown>("/api/sessions", { method: "POST", body: { deckId: deck.id, scoring, allowLateJoin } });
    if (!r.ok) {
      setBusy(false);
      setError(r.error.message);
      return;
    }
    router.push(`/host/sessions/${unwrap<CreatedSessionDto>(r.data, "session").sessionId}`);
  };

  return (
    <article aria-labelledby={headingId} className="card h-full space-y-3">
      <div>
        <h3 id={headingId} className="text-xl font-bold break-words">
          {deck.title}
        </h3>
        <p className="text-base text-muted">
          {deck.activities.length} {deck.activities.length === 1 ? "activity" : "activities"}
          {deck.ownerId === null ? " · shared demo, read-only" : ""}
        </p>
        {deck.description ? <p className="mt-1 text-base break-words">{deck.description}</p> : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <Link href={`/host/decks/${deck.id}`} className="btn btn-secondary">
          {deck.ownerId === null ? "View" : "Edit"}
          <span className="sr-only"> {deck.title}</span>
        </Link>
        <button type="button" className="btn btn-secondary" onClick={onCopy}>
          Copy<span className="sr-only"> {deck.title}</span>
        </button>
        {runs > 0 ? (
          <Link href={`/host/decks/${encodeURIComponent(deck.id)}/compare`} className="btn btn-secondary">
            Compare classes<span className="sr-only"> that ran {deck.title}</span> ({runs} {runs === 1 ? "run" : "runs"})
          </Link>
        ) : null}
        <button type="button" className="btn btn-primary" aria-expanded={starting} onClick={() => setStarting(!starting)} disabled={deck.activities.length === 0}>
          Start session…
        </button>
      </div>
      {starting ? (
        <form
          className="space-y-3 rounded-lg border-2 border-brand p-3"
          aria-label={`Start a session with ${deck.title}`}
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <fieldset className="space-y-1">
            <legend className="label">Scoring</legend>
            <label className="flex min-h-12 items-center gap-3 text-base">
              <input type="radio" name={`scoring-${deck.id}`} className="h-6 w-6" checked={scoring === "speed"} onChange={() => setScoring("speed")} />
              Speed and accuracy (faster correct answers score more)
            </label>
            <label className="flex min-h-12 items-center gap-3 text-base">
              <input type="radio" name={`scoring-${deck.id}`} className="h-6 w-6" checked={scoring === "accuracy"} onChange={() => setScoring("accuracy")} />
              Accuracy only (1000 per correct answer — fair for slow devices)
            </label>
          </fieldset>
          <label className="flex min-h-12 items-center gap-3 text-base">
            <input type="checkbox" className="h-6 w-6" checked={allowLateJoin} onChange={(e) => setAllowLateJoin(e.target.checked)} />
            Allow late joining
          </label>
          <ErrorAlert message={error} />
          <button type="submit" className="btn btn-primary w-full" disabled={busy}>
            {busy ? "Starting…" : "Start session"}
          </button>
        </form>
      ) : null}
    </article>
  );
}
