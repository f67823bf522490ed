"use client";

import Link from "next/link";
import { activityKindLabel, type ActivityPrompt, type ActivityReveal, type HostView, type LeaderboardRow } from "@/lib/contract";
import { ConnectionBanner } from "@/app/_components/ConnectionBanner";
import { Countdown } from "@/app/_components/Countdown";
import { DistributionBars } from "@/app/_components/DistributionBars";
import { LeaderboardTable } from "@/app/_components/LeaderboardTable";
import { choiceMarker } from "@/app/_components/PromptView";
import { ProjectorOptions } from "@/app/_components/ProjectorOptions";
import { QrCode } from "@/app/_components/QrCode";
import { ReplaySteps } from "@/app/_components/ReplaySteps";
import { distributionItems, totalOf } from "@/app/_lib/distribution";
import { useHostSession } from "@/app/_lib/use-host-session";
import { ProjectorAnswers, hasInlineAnswers } from "./ProjectorAnswers";

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
      <main id="main" className="mx-auto max-w-[1600px] px-8 py-4">
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
    case "question": {
      const answered = view.progress?.answered ?? 0;
      const expected = view.progress?.total ?? view.counts?.joined ?? view.participants.length;
      const distribution = view.progress?.distribution ?? {};
      return (
        <section className="flex flex-col gap-4">
          <div className="grid grid-cols-[minmax(0,1fr)_20rem] items-start gap-6">
            <div className="min-w-0 space-y-2">
              <p className="text-2xl font-semibold text-muted">
                Question {p.activityIndex + 1} of {n} · {activityKindLabel(p.prompt.kind)}
              </p>
              <h1 className="text-5xl leading-tight font-black break-words">{p.prompt.title}</h1>
              <Lead prompt={p.prompt} />
            </div>
            <div className="space-y-3">
              <Countdown deadline={p.deadline} offsetMs={offsetMs} timeLimitSec={p.timeLimitSec} size="xl" />
              <p className="text-right text-5xl font-black tabular-nums" aria-live="polite">
                {answered} / {expected} <span className="text-3xl font-bold">answered</span>
              </p>
            </div>
          </div>
          {hasInlineAnswers(p.prompt) ? (
            <>
              {p.prompt.kind === "jwt-predict" || p.prompt.kind === "setup-challenge" ? <ProjectorOptions prompt={p.prompt} /> : null}
              <ProjectorAnswers prompt={p.prompt} distribution={distribution} label={optionsLabel(p.prompt.kind)} />
            </>
          ) : (
            <div className="grid gap-8 lg:grid-cols-2">
              <ProjectorOptions prompt={p.prompt} />
              {view.progress ? <DistributionBars items={distributionItems(p.prompt, distribution)} total={totalOf(distribution)} size="xl" /> : null}
            </div>
          )}
        </section>
      );
    }
    case "reveal": {
      const inline = hasInlineAnswers(p.prompt);
      const flow = p.prompt.kind === "flow-replay";
      // A flow replay keeps its suspense: the failing step and the why appear once the replay has reached it.
      const c = p.reveal.correct;
      const replayPending = flow && c.kind === "flow-replay" && (p.replayStep ?? 0) < c.step;
      const questionLine = (
        <p className="text-2xl font-semibold break-words text-muted">
          Question {p.activityIndex + 1} of {n} · {activityKindLabel(p.prompt.kind)} · {p.prompt.title}
        </p>
      );
      return (
        <section className="flex flex-col gap-4">
          <div className="flex flex-wrap items-baseline gap-x-6 gap-y-1">
            <h1 className={`${flow ? "text-4xl" : inline || p.reveal.correctLabel.length <= 120 ? "text-5xl" : "text-3xl"} leading-tight font-black break-words`}>
              {replayPending ? (
                "Where will the flow fail?"
              ) : (
                <>
                  <span aria-hidden="true">✓ </span>
                  {revealHeadline(p.prompt, p.reveal)}
                </>
              )}
            </h1>
            {flow ? null : questionLine}
          </div>
          {p.prompt.kind === "flow-replay" ? (
            <ReplaySteps
              steps={p.prompt.steps}
              ran={p.reveal.steps ?? []}
              upTo={p.replayStep ?? 0}
              size="xl"
              tally={{ counts: p.distribution, total: totalOf(p.distribution) }}
              aside={questionLine}
            />
          ) : inline ? (
            <ProjectorAnswers prompt={p.prompt} distribution={p.distribution} correct={p.reveal.correct} label="How the class answered" />
          ) : null}
          {replayPending ? null : inline ? (
            <div className={`${p.reveal.explanation.length > 300 ? "text-2xl" : "text-3xl"} leading-snug break-words`}>
              <h2 className="inline font-black">Why: </h2>
              <p className="inline">{p.reveal.explanation}</p>
            </div>
          ) : (
            <div className="grid gap-10 lg:grid-cols-2">
              <DistributionBars items={distributionItems(p.prompt, p.distribution, p.reveal.correct)} total={totalOf(p.distribution)} size="xl" title="How the class answered" />
              <div className="space-y-3">
                <h2 className="text-4xl font-bold">Why</h2>
                <p className="text-3xl leading-snug break-words">{p.reveal.explanation}</p>
              </div>
            </div>
          )}
        </section>
      );
    }
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

/** The question's symptom or prompt, a size smaller when it is long, so the options below still fit. */
function Lead({ prompt }: { prompt: ActivityPrompt }) {
  const lead = prompt.kind === "pitfall" ? prompt.symptom : prompt.prompt;
  return (
    <p className={`${lead.length > 240 ? "text-2xl" : "text-3xl"} leading-snug break-words text-ink`}>
      {prompt.kind === "pitfall" ? <span className="font-semibold">Symptom: </span> : null}
      {lead}
    </p>
  );
}

function optionsLabel(kind: ActivityPrompt["kind"]): string {
  if (kind === "which-step" || kind === "flow-replay") return "Steps of the token flow";
  if (kind === "setup-challenge") return "Policy presets";
  return "Choices";
}

/**
 * The reveal's headline. Where the options are on screen (and the right one is marked there), it names the answer
 * by its letter or step instead of repeating the option's text; otherwise it is the full correct answer.
 */
function revealHeadline(prompt: ActivityPrompt, reveal: ActivityReveal): string {
  const c = reveal.correct;
  if (c.kind === "pitfall" && prompt.kind === "pitfall") {
    const i = prompt.choices.findIndex((x) => x.id === c.choiceId);
    return i >= 0 ? `Answer ${choiceMarker(i)}` : reveal.correctLabel;
  }
  if (c.kind === "which-step" || c.kind === "flow-replay") {
    // The steps' titles are in the grid below, so the headline names the step and the error only.
    return `Fails at step ${c.step}${c.errorCode ? ` with ${c.errorCode}` : ""}`;
  }
  return reveal.correctLabel;
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
