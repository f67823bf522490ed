"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { AnswerList } from "@/app/host/sessions/[id]/report/AnswerList";
import { LeaderboardTable } from "@/app/_components/LeaderboardTable";
import { SiteHeader } from "@/app/_components/SiteHeader";
import type { AppError } from "@/lib/contract";
import type { MyResultsDto } from "@/lib/reports/dto";
import { formatDateTime, formatPercent } from "@/lib/reports/format";
import { findParticipantToken } from "./participant-token";

type State =
  | { state: "loading" }
  | { state: "no-token" }
  | { state: "error"; error: AppError }
  | { state: "ready"; results: MyResultsDto };

/**
 * A student's results after the session, on the phone that joined: their final rank, every answer with the
 * explanation, and the top of the final leaderboard. The participant token never leaves this device except
 * as the Authorization header of GET /api/me/:sessionId.
 */
export function MyResults({ sessionId }: { sessionId: string }) {
  const [s, setS] = useState<State>({ state: "loading" });
  // Bumped by "Check again" (the session may still be on its podium when the student opens this page).
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const token = findParticipantToken(sessionId);
    if (!token) {
      setS({ state: "no-token" });
      return;
    }
    void (async () => {
      try {
        const res = await fetch(`/api/me/${encodeURIComponent(sessionId)}`, {
          headers: { authorization: `Bearer ${token}` },
          cache: "no-store",
        });
        const json = (await res.json().catch(() => null)) as { results?: MyResultsDto; error?: AppError } | null;
        if (res.ok && json?.results) setS({ state: "ready", results: json.results });
        else setS({ state: "error", error: json?.error ?? { code: "INTERNAL", message: `The server answered ${res.status}.` } });
      } catch {
        setS({ state: "error", error: { code: "INTERNAL", message: "Could not reach the server. Check your connection and try again." } });
      }
    })();
  }, [sessionId, attempt]);

  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-xl space-y-6 px-4 py-6">
        {s.state === "loading" ? <p className="text-lg text-muted">Loading your results…</p> : null}
        {s.state === "no-token" ? (
          <div className="alert-error space-y-2" role="alert">
            <p>This device did not take part in that session, so there are no results to show here.</p>
            <p>Open this link on the phone you played with.</p>
          </div>
        ) : null}
        {s.state === "error" ? (
          <div className="alert-error space-y-2" role="alert">
            <p>
              <span aria-hidden="true">✗ </span>
              {s.error.message}
            </p>
            {s.error.code === "CONFLICT" ? (
              <button
                type="button"
                className="btn btn-secondary"
                onClick={() => {
                  setS({ state: "loading" });
                  setAttempt((n) => n + 1);
                }}
              >
                Check again
              </button>
            ) : null}{" "}
            <Link href="/" className="link">
              Home
            </Link>
          </div>
        ) : null}
        {s.state === "ready" ? <Results results={s.results} /> : null}
      </main>
    </>
  );
}

function Results({ results }: { results: MyResultsDto }) {
  const { me, session } = results;
  return (
    <>
      <header className="space-y-2">
        <p className="text-base text-muted">
          {session.deckTitle} · {session.endedAt ? formatDateTime(session.endedAt) : null}
        </p>
        <h1 className="text-3xl font-black break-words">Your results, {me.nickname}</h1>
      </header>
      <dl className="grid grid-cols-2 gap-3">
        <div className="card">
          <dt className="text-sm font-semibold text-muted">Final rank</dt>
          <dd className="font-mono text-3xl font-black">
            {me.rank ?? "—"}
            <span className="text-base font-normal text-muted"> of {session.participants}</span>
          </dd>
        </div>
        <div className="card">
          <dt className="text-sm font-semibold text-muted">Points</dt>
          <dd className="font-mono text-3xl font-black">{me.score}</dd>
        </div>
        <div className="card">
          <dt className="text-sm font-semibold text-muted">Correct</dt>
          <dd className="font-mono text-3xl font-black">
            {me.correct}
            <span className="text-base font-normal text-muted"> of {me.total}</span>
          </dd>
        </div>
        <div className="card">
          <dt className="text-sm font-semibold text-muted">Accuracy</dt>
          <dd className="font-mono text-3xl font-black">{formatPercent(me.accuracy)}</dd>
        </div>
      </dl>

      <section aria-labelledby="answers-heading" className="space-y-3">
        <h2 id="answers-heading" className="text-2xl font-bold">
          Your answers
        </h2>
        <AnswerList answers={results.answers} />
      </section>

      <section aria-labelledby="final-heading" className="space-y-3">
        <h2 id="final-heading" className="text-2xl font-bold">
          Final leaderboard
        </h2>
        <LeaderboardTable
          rows={results.leaderboard}
          highlightId={me.participantId}
          caption="Final leaderboard, top 10"
          played={results.session.activitiesReached}
        />
        {me.rank !== null && !results.leaderboard.some((r) => r.participantId === me.participantId) ? (
          <p className="text-base">
            You: rank <strong>{me.rank}</strong> with {me.score} points.
          </p>
        ) : null}
      </section>
    </>
  );
}
