"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { DistributionBars } from "@/app/_components/DistributionBars";
import { SiteHeader } from "@/app/_components/SiteHeader";
import { StatusBadge } from "@/app/_components/StatusBadge";
import { apiFetch } from "@/app/_lib/api";
import { useApiLoad } from "@/app/_lib/use-api-load";
import { InstructorNav, LoadError } from "@/app/host/_components/InstructorChrome";
import type { ReportDto, StudentDetailDto } from "@/lib/reports/dto";
import { formatDateTime, formatPercent, formatSeconds, formatStepAccuracy } from "@/lib/reports/format";
import { isFlowKind } from "@/lib/reports/labels";
import type { ActivityReport } from "@/lib/reports/types";
import { AnswerList } from "./AnswerList";
import { SortableLeaderboard } from "./SortableLeaderboard";
import { StepChart } from "./StepChart";
import { activityKindLabel } from "@/lib/contract";

export function ReportView({ sessionId }: { sessionId: string }) {
  const [s] = useApiLoad<{ report: ReportDto }>(`/api/reports/${encodeURIComponent(sessionId)}`);

  return (
    <>
      <SiteHeader right={<InstructorNav />} />
      <main id="main" className="mx-auto max-w-5xl space-y-10 px-4 py-6">
        {s.state === "loading" ? <p className="text-lg text-muted">Loading the report…</p> : null}
        {s.state === "error" ? <LoadError message={s.message} status={s.status} /> : null}
        {s.state === "ready" ? <Report report={s.data.report} /> : null}
      </main>
    </>
  );
}

function Report({ report }: { report: ReportDto }) {
  const { session } = report;
  const base = `/api/reports/${encodeURIComponent(session.id)}`;
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <>
      <header className="space-y-3">
        <p className="text-base text-muted">Session report</p>
        <h1 className="text-3xl font-black break-words">{session.deckTitle}</h1>
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-base">
          <StatusBadge status={session.status === "live" ? "live" : "ended"} />
          <span>{formatDateTime(session.createdAt)}</span>
          <span>
            · Code <span className="font-mono font-bold">{session.code}</span>
          </span>
          <span>· {session.scoring === "accuracy" ? "Accuracy only" : "Speed + accuracy"} scoring</span>
        </p>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Figure label="Participants" value={String(session.participants)} />
          <Figure label="Activities played" value={`${session.activitiesReached} of ${session.activityCount}`} />
          <Figure label="Average accuracy" value={formatPercent(session.averageAccuracy)} hint="of every student × activity played; no answer counts as wrong" />
          <Figure label="Removed" value={String(session.kicked)} />
        </dl>
        <nav aria-label="Downloads" className="flex flex-wrap gap-2">
          <a className="btn btn-secondary" href={`${base}/leaderboard.csv`} download>
            ⬇ Leaderboard CSV
          </a>
          <a className="btn btn-secondary" href={`${base}/responses.csv`} download>
            ⬇ Every response CSV
          </a>
          <a className="btn btn-secondary" href={`${base}/session.json`} download>
            ⬇ Session JSON
          </a>
          {session.deckId ? (
            <Link className="btn btn-secondary" href={`/host/decks/${encodeURIComponent(session.deckId)}/compare`}>
              Compare classes
            </Link>
          ) : null}
          {session.status === "live" ? (
            <Link className="btn btn-primary" href={`/host/sessions/${encodeURIComponent(session.id)}`}>
              Back to the live console
            </Link>
          ) : null}
        </nav>
        {session.status === "live" ? (
          <p className="rounded-lg border-2 border-line bg-warn-bg p-3">This session is still live: the figures grow as students answer.</p>
        ) : null}
      </header>

      <section aria-labelledby="steps-heading" className="space-y-3">
        <h2 id="steps-heading" className="text-2xl font-bold">
          Where the class stands on the nine steps
        </h2>
        <p className="text-base text-muted">
          Share of correct answers among the answers given to the activities that test each step of the token flow (a
          student who did not answer is left out here, and counted as wrong in the average accuracy above). ▼ marks steps
          below 50% — the ones to re-teach.
        </p>
        <figure className="card">
          <StepChart steps={report.steps} />
        </figure>
        <details>
          <summary className="min-h-12 cursor-pointer py-2 font-semibold text-brand">The numbers as a table</summary>
          <table className="w-full border-collapse text-base">
            <caption className="sr-only">Accuracy per step</caption>
            <thead>
              <tr className="border-b-2 border-ink text-left">
                <th scope="col" className="px-2 py-1">Step</th>
                <th scope="col" className="px-2 py-1 text-right">Activities</th>
                <th scope="col" className="px-2 py-1 text-right">Correct / answers</th>
                <th scope="col" className="px-2 py-1 text-right">Accuracy</th>
                <th scope="col" className="px-2 py-1 text-right">Wrongly blamed</th>
              </tr>
            </thead>
            <tbody>
              {report.steps.map((st) => (
                <tr key={st.step} className="border-b border-slate-300">
                  <th scope="row" className="px-2 py-2 text-left font-normal">
                    {st.step}. {st.title}
                  </th>
                  <td className="px-2 py-2 text-right font-mono">{st.activities}</td>
                  <td className="px-2 py-2 text-right font-mono">
                    {st.correct} / {st.answered}
                  </td>
                  <td className="px-2 py-2 text-right font-mono">{formatStepAccuracy(st)}</td>
                  <td className="px-2 py-2 text-right font-mono">{st.wrongPicks}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>

      <section aria-labelledby="leaderboard-heading" className="space-y-3">
        <h2 id="leaderboard-heading" className="text-2xl font-bold">
          Final leaderboard
        </h2>
        <p className="text-base text-muted">
          Accuracy counts correct answers out of every activity played, whatever the speed. Select a nickname to see their
          answers.
        </p>
        <SortableLeaderboard rows={report.leaderboard} onSelect={setSelected} />
        {selected ? <StudentDetail sessionId={session.id} participantId={selected} onClose={() => setSelected(null)} /> : null}
      </section>

      <section aria-labelledby="activities-heading" className="space-y-4">
        <h2 id="activities-heading" className="text-2xl font-bold">
          Activity by activity
        </h2>
        {report.activities.length === 0 ? <p className="text-muted">This session had no activities.</p> : null}
        <ol className="space-y-4">
          {report.activities.map((a) => (
            <li key={a.index}>
              <ActivityCard activity={a} reached={a.index < session.activitiesReached} />
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="card">
      <dt className="text-sm font-semibold text-muted">{label}</dt>
      <dd className="font-mono text-2xl font-black">{value}</dd>
      {hint ? <dd className="text-sm text-muted">{hint}</dd> : null}
    </div>
  );
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function ActivityCard({ activity: a, reached }: { activity: ActivityReport; reached: boolean }) {
  const headingId = `activity-${a.index}`;
  const items = a.distribution
    .filter((d) => !isFlowKind(a.kind) || d.count > 0 || d.correct)
    .map((d, i) => ({
      key: d.key,
      marker: isFlowKind(a.kind) ? d.key : a.kind === "pitfall" ? (LETTERS[i] ?? "•") : "•",
      label: d.label,
      count: d.count,
      correct: d.correct,
    }));
  return (
    <article aria-labelledby={headingId} className="card space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={headingId} className="min-w-0 text-xl font-bold break-words">
          <span className="font-mono text-muted">#{a.number}</span> {a.title}
        </h3>
        <span className="text-sm text-muted">
          {activityKindLabel(a.kind)}
          {a.known ? "" : " · scenario not found in the bank"}
        </span>
      </div>
      {!reached ? (
        <p className="text-muted">Not reached in this session.</p>
      ) : (
        <>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            <Figure label="Share correct" value={formatPercent(a.shareCorrect)} />
            <Figure label="Answered" value={`${a.answered} of ${a.eligible}`} />
            <Figure label="Median time" value={formatSeconds(a.medianTimeMs)} />
            <Figure label="Tests step" value={a.testedStep === null ? "—" : String(a.testedStep)} />
          </dl>
          <DistributionBars items={items} total={a.answered} title={`Answers to activity ${a.number}`} />
          {a.correctLabel ? (
            <p>
              <strong>Correct answer:</strong> {a.correctLabel}
            </p>
          ) : null}
          {a.topWrong ? (
            <div className="rounded-lg border-2 border-bad bg-bad-bg p-3">
              <p>
                <strong>Most chosen wrong answer</strong> ({a.topWrong.count} {a.topWrong.count === 1 ? "student" : "students"}):{" "}
                {a.topWrong.label}
              </p>
              {a.topWrong.misconception ? (
                <p className="mt-1">
                  <strong>Misconception:</strong> {a.topWrong.misconception}
                </p>
              ) : null}
            </div>
          ) : null}
          {a.topWrongStep ? (
            <p>
              <strong>Step most often picked wrongly:</strong> step {a.topWrongStep.step} — {a.topWrongStep.title} (
              {a.topWrongStep.count})
            </p>
          ) : null}
        </>
      )}
    </article>
  );
}

function StudentDetail({ sessionId, participantId, onClose }: { sessionId: string; participantId: string; onClose: () => void }) {
  const [detail, setDetail] = useState<StudentDetailDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDetail(null);
    setError(null);
    void apiFetch<StudentDetailDto>(
      `/api/reports/${encodeURIComponent(sessionId)}?student=${encodeURIComponent(participantId)}`,
    ).then((r) => (r.ok ? setDetail(r.data) : setError(r.error.message)));
  }, [sessionId, participantId]);
  return (
    <section aria-labelledby="student-heading" className="space-y-3 rounded-xl border-2 border-ink p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="student-heading" className="text-xl font-bold break-words">
          {detail ? `${detail.student.nickname}'s answers` : "Answers"}
        </h3>
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          Close
        </button>
      </div>
      {error ? <p role="alert" className="alert-error">{error}</p> : null}
      {!detail && !error ? <p className="text-muted">Loading…</p> : null}
      {detail ? (
        <>
          <p>
            Rank <strong>{detail.student.rank ?? "—"}</strong> · {detail.student.score} points · {detail.student.correct} correct of{" "}
            {detail.student.answered} answered ({detail.student.total} played) · best streak {detail.student.bestStreak}
          </p>
          <AnswerList answers={detail.answers} headingLevel={4} />
        </>
      ) : null}
    </section>
  );
}
