"use client";

import Link from "next/link";
import { activityKindLabel, type HostView, type LeaderboardRow } from "@/lib/contract";
import { ConnectionBanner } from "@/app/_components/ConnectionBanner";
import { Countdown } from "@/app/_components/Countdown";
import { DistributionBars } from "@/app/_components/DistributionBars";
import { LeaderboardTable } from "@/app/_components/LeaderboardTable";
import { PromptView, choiceMarker } from "@/app/_components/PromptView";
import { ProjectorOptions } from "@/app/_components/ProjectorOptions";
import { QrCode } from "@/app/_components/QrCode";
import { ReplaySteps } from "@/app/_components/ReplaySteps";
import { distributionItems, totalOf } from "@/app/_lib/distribution";
import { useHostSession } from "@/app/_lib/use-host-session";

/**
 * The projector: everything big enough for the back row, nothing the students must not see yet
 * (the answer key stays on the instructor's laptop until the reveal).
 */
export function Presenter({ sessionId }: { sessionId: string }) {
  const { view, connection, fatal, offsetMs } = useHostSession(sessionId);
  if (fatal) {
    return (
      <main id="main" className="mx-auto max-w-xl space-y-4 px-4 py-10">
        <h1 className="text-3xl font-black">Cannot show this session</h1>
        <p role="alert" className="alert-error">
          {fatal.message}
        </p>
        <Link href="/host" className="btn btn-primary">
          Sign in
        </Link>
      </main>
    );
  }
  return (
    <div className="min-h-screen bg-white">
      <ConnectionBanner state={connection} />
      <main id="main" className="mx-auto max-w-[1600px] px-8 py-6">
        {view ? <Stage view={view} offsetMs={offsetMs} /> : <p className="text-3xl text-muted">Connecting…</p>}
      </main>
    </div>
  );
}

function Stage({ view, offsetMs }: { view: HostView; offsetMs: number }) {
  const p = view.phase;
  const n = view.session.activityCount;
  switch (p.type) {
    case "lobby":
      return (
        <section className="grid items-center gap-10 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <div className="space-y-6">
            <h1 className="text-5xl font-black">{view.session.deckTitle}</h1>
            <p className="text-4xl">Join at</p>
            <p className="font-mono text-5xl font-bold break-words">{displayUrl(view.joinUrl).replace(/\/join\/[^/]+$/, "/join")}</p>
            <p className="text-4xl">with the code</p>
            <p className="font-mono text-[10rem] leading-none font-black tracking-[0.15em]" aria-label={`Join code ${view.session.code.split("").join(" ")}`}>
              {view.session.code}
            </p>
            <p className="text-3xl" aria-live="polite">
              {view.counts?.joined ?? view.participants.length} {(view.counts?.joined ?? view.participants.length) === 1 ? "student has" : "students have"} joined
            </p>
            <ul className="flex flex-wrap gap-3" aria-label="Students who joined">
              {view.participants.map((x) => (
                <li key={x.participantId} className="rounded-full border-4 border-ink px-5 py-2 text-2xl font-bold break-all">
                  {x.nickname}
                </li>
              ))}
            </ul>
          </div>
          <div className="flex flex-col items-center gap-4">
            <QrCode text={view.joinUrl} className="w-full max-w-[560px] border-4 border-ink" />
            <p className="font-mono text-2xl break-words">{displayUrl(view.joinUrl)}</p>
          </div>
        </section>
      );
    case "question":
      return (
        <section className="space-y-6">
          <div className="flex flex-wrap items-start justify-between gap-6">
            <div className="min-w-0 flex-1 space-y-2">
              <p className="text-3xl font-semibold text-muted">
                Question {p.activityIndex + 1} of {n} · {activityKindLabel(p.prompt.kind)}
              </p>
              <h1 className="text-6xl font-black break-words">{p.prompt.title}</h1>
            </div>
            <div className="w-80 shrink-0">
              <Countdown deadline={p.deadline} offsetMs={offsetMs} timeLimitSec={p.timeLimitSec} size="xl" />
            </div>
          </div>
          <PromptView prompt={p.prompt} size="xl" showPanels={false} />
          <div className="grid gap-8 lg:grid-cols-2">
            <ProjectorOptions prompt={p.prompt} />
            <div className="space-y-4">
              <p className="text-4xl font-bold" aria-live="polite">
                {view.progress?.answered ?? 0} / {view.progress?.total ?? view.counts?.joined ?? view.participants.length} answered
              </p>
              {view.progress ? (
                <DistributionBars items={distributionItems(p.prompt, view.progress.distribution)} total={totalOf(view.progress.distribution)} size="xl" />
              ) : null}
            </div>
          </div>
        </section>
      );
    case "reveal":
      return (
        <section className="space-y-6">
          <p className="text-3xl font-semibold text-muted">
            Question {p.activityIndex + 1} of {n} · {activityKindLabel(p.prompt.kind)} · {p.prompt.title}
          </p>
          <h1 className={`${p.reveal.correctLabel.length > 120 ? "text-3xl" : "text-6xl"} font-black break-words`}>
            <span aria-hidden="true">✓ </span>
            {p.reveal.correctLabel}
          </h1>
          {p.prompt.kind === "flow-replay" ? (
            <ReplaySteps steps={p.prompt.steps} ran={p.reveal.steps ?? []} upTo={p.replayStep ?? 0} size="xl" />
          ) : null}
          <div className="grid gap-10 lg:grid-cols-2">
            <DistributionBars items={distributionItems(p.prompt, p.distribution, p.reveal.correct)} total={totalOf(p.distribution)} size="xl" title="How the class answered" />
            <div className="space-y-3">
              <h2 className="text-4xl font-bold">Why</h2>
              <p className="text-3xl leading-snug break-words">{p.reveal.explanation}</p>
            </div>
          </div>
        </section>
      );
    case "leaderboard":
      return (
        <section className="space-y-6">
          <h1 className="text-6xl font-black">Leaderboard</h1>
          <p className="text-3xl text-muted">
            After question {p.activityIndex + 1} of {n}
          </p>
          <LeaderboardTable rows={p.leaderboard} limit={10} size="xl" />
        </section>
      );
    case "podium":
    case "ended":
      return (
        <section className="space-y-10">
          <h1 className="text-6xl font-black">{p.type === "ended" ? "Thanks for playing!" : "Final podium"}</h1>
          <Podium rows={p.leaderboard} />
          {p.leaderboard.length > 3 ? <LeaderboardTable rows={p.leaderboard.slice(3)} limit={7} size="xl" caption="Rest of the leaderboard" /> : null}
        </section>
      );
  }
}

/** What people type: no "https://" (browsers add it), nothing else removed. */
function displayUrl(url: string): string {
  return url.replace(/^https?:\/\//, "");
}

function Podium({ rows }: { rows: LeaderboardRow[] }) {
  const top = rows.slice(0, 3);
  // Read in rank order (1st, 2nd, 3rd); shown in the classic podium order 2nd, 1st, 3rd. Heights say the rank,
  // and so does the text.
  const look = [
    { place: "1st", order: "order-2", height: "h-72" },
    { place: "2nd", order: "order-1", height: "h-56" },
    { place: "3rd", order: "order-3", height: "h-40" },
  ];
  return (
    <ol className="grid grid-cols-3 items-end gap-6" aria-label="Podium">
      {top.map((r, i) => (
        <li key={r.participantId} className={`flex flex-col items-center gap-3 text-center ${look[i]!.order}`}>
          <span className="text-4xl font-black break-all">{r.nickname}</span>
          <span className="font-mono text-3xl">{r.score} pts</span>
          <span className={`flex w-full items-start justify-center rounded-t-2xl border-4 border-ink bg-slate-100 pt-4 text-6xl font-black ${look[i]!.height}`}>
            {look[i]!.place}
          </span>
        </li>
      ))}
    </ol>
  );
}
