"use client";

import Link from "next/link";
import { useState } from "react";
import { activityKindLabel, type ActivityPrompt, type ActivityReveal, type HostCommand, type HostView, type PhaseView } from "@/lib/contract";
import { ConnectionBanner } from "@/app/_components/ConnectionBanner";
import { Countdown } from "@/app/_components/Countdown";
import { DistributionBars } from "@/app/_components/DistributionBars";
import { LeaderboardTable } from "@/app/_components/LeaderboardTable";
import { PromptView } from "@/app/_components/PromptView";
import { QrCode } from "@/app/_components/QrCode";
import { ReplaySteps } from "@/app/_components/ReplaySteps";
import { StatusBadge } from "@/app/_components/StatusBadge";
import { describeAnswer, distributionItems, totalOf } from "@/app/_lib/distribution";
import { useHostSession } from "@/app/_lib/use-host-session";
import { ErrorAlert } from "@/app/_components/ErrorAlert";

export function phaseLabel(view: HostView): string {
  const p = view.phase;
  const n = view.session.activityCount;
  switch (p.type) {
    case "lobby":
      return "Lobby — waiting for students";
    case "question":
      return `Question ${p.activityIndex + 1} of ${n} — open`;
    case "reveal":
      return `Question ${p.activityIndex + 1} of ${n} — answer revealed`;
    case "leaderboard":
      return `Leaderboard after question ${p.activityIndex + 1} of ${n}`;
    case "podium":
      return "Final podium";
    case "ended":
      return "Session ended";
  }
}

export function HostConsole({ sessionId }: { sessionId: string }) {
  const { view, connection, fatal, offsetMs, command } = useHostSession(sessionId);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (cmd: HostCommand) => {
    setBusy(true);
    setError(null);
    const r = await command(cmd);
    setBusy(false);
    if (!r.ok) setError(r.error.message);
  };

  if (fatal) {
    return (
      <main id="main" className="mx-auto max-w-xl space-y-4 px-4 py-10">
        <h1 className="text-3xl font-black">Cannot open this session</h1>
        <p role="alert" className="alert-error">
          {fatal.code === "UNAUTHORIZED" ? "Sign in as the instructor who started this session." : fatal.message}
        </p>
        <Link href="/host" className="btn btn-primary">
          Go to your decks and sessions
        </Link>
      </main>
    );
  }

  return (
    <div className="min-h-screen">
      <ConnectionBanner state={connection} />
      <header className="border-b-2 border-ink">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-2">
          <div className="min-w-0">
            {/* A 44 px tall hit area; it reaches into the header's top padding and over the heading's top leading
                (relative: painted above the heading), so the header grows by 8 px only. */}
            <Link href="/host" className="link relative -my-2 inline-flex min-h-11 items-center text-sm">
              ← Decks and sessions
            </Link>
            <h1 className="text-2xl font-black break-words">{view ? view.session.deckTitle : "Live console"}</h1>
          </div>
          {view?.phase.type === "ended" ? (
            <Link href={`/host/sessions/${encodeURIComponent(sessionId)}/report`} className="btn btn-primary">
              Open the report
            </Link>
          ) : view ? (
            <Link href={`/host/sessions/${sessionId}/present`} target="_blank" className="btn btn-secondary">
              <span aria-hidden="true">📽 </span>Open projector view
            </Link>
          ) : null}
        </div>
      </header>
      {!view ? (
        <main id="main" className="mx-auto max-w-6xl px-4 py-10 text-lg text-muted">
          Connecting to the session…
        </main>
      ) : (
        <main id="main" className="mx-auto grid max-w-6xl gap-6 px-4 py-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <div className="space-y-4">
            <p className="text-xl font-bold" aria-live="polite">
              {phaseLabel(view)}
            </p>
            <JoinPanel view={view} big={view.phase.type === "lobby"} />
            <Controls view={view} run={run} busy={busy} />
            <ErrorAlert message={error} />
            <ActivityList view={view} />
          </div>
          <div className="space-y-6">
            <Dashboard view={view} offsetMs={offsetMs} />
            <Participants view={view} run={run} />
          </div>
        </main>
      )}
    </div>
  );
}

function JoinPanel({ view, big }: { view: HostView; big: boolean }) {
  return (
    <section aria-labelledby="join-info" className="card space-y-2 border-ink">
      <h2 id="join-info" className="text-lg font-bold">
        Join
      </h2>
      <div className={big ? "space-y-3" : "flex flex-wrap items-center gap-4"}>
        <p>
          <span className="block text-sm text-muted">Code</span>
          <span className={`font-mono font-black tracking-widest ${big ? "text-6xl" : "text-3xl"}`} aria-label={`Join code ${view.session.code.split("").join(" ")}`}>
            {view.session.code}
          </span>
        </p>
        <p className="min-w-0 break-all font-mono text-base">{view.joinUrl}</p>
        {big ? <QrCode text={view.joinUrl} className="w-56 max-w-full border-2 border-ink" /> : null}
      </div>
      <p className="flex flex-wrap gap-2 text-sm">
        {view.session.lobbyLocked ? <StatusBadge status="ended" label="Lobby locked" /> : <StatusBadge status="live" label="Lobby open" />}
        {view.session.allowLateJoin ? <StatusBadge status="live" label="Late join allowed" /> : <StatusBadge status="ended" label="No late join" />}
        <span className="text-muted">Scoring: {view.session.scoring === "speed" ? "speed + accuracy" : "accuracy only"}</span>
      </p>
    </section>
  );
}

function Controls({ view, run, busy }: { view: HostView; run: (c: HostCommand) => Promise<void>; busy: boolean }) {
  const [confirmEnd, setConfirmEnd] = useState(false);
  const p = view.phase;
  const last = "activityIndex" in p && p.activityIndex >= view.session.activityCount - 1;
  const btn = (label: string, cmd: HostCommand, primary = false) => (
    <button type="button" key={label} className={`btn ${primary ? "btn-primary" : "btn-secondary"}`} disabled={busy} onClick={() => void run(cmd)}>
      {label}
    </button>
  );
  const main: React.ReactNode[] = [];
  switch (p.type) {
    case "lobby":
      main.push(btn("Start", { type: "start" }, true));
      break;
    case "question":
      main.push(btn("Close early", { type: "close" }, true), btn("+15 s", { type: "addTime", seconds: 15 }), btn("Skip", { type: "skip" }));
      break;
    case "reveal":
      if (p.prompt.kind === "flow-replay") {
        // The replay: every phone and the projector follow these steps (one shared update per click).
        const at = p.replayStep ?? 0;
        const steps = p.prompt.steps.length;
        if (at < steps) main.push(btn(at === 0 ? "Start replay ▶ step 1" : `Replay ▶ step ${at + 1}`, { type: "replayStep", step: at + 1 }, true));
        if (at > 0) main.push(btn(`◀ Back to step ${at - 1}`, { type: "replayStep", step: at - 1 }));
        if (at < steps) main.push(btn("Show all steps", { type: "replayStep", step: steps }));
      }
      main.push(btn("Show leaderboard", { type: "leaderboard" }, p.prompt.kind !== "flow-replay"), btn(last ? "Final podium" : "Next question", { type: "next" }));
      break;
    case "leaderboard":
      main.push(btn(last ? "Final podium" : "Next question", { type: "next" }, true));
      break;
    case "podium":
      break;
    case "ended":
      break;
  }
  if (p.type === "ended") return null;
  return (
    <section aria-labelledby="controls-heading" className="card space-y-3">
      <h2 id="controls-heading" className="text-lg font-bold">
        Controls
      </h2>
      <div className="flex flex-wrap gap-2">{main}</div>
      <div className="flex flex-wrap gap-2 border-t-2 border-slate-200 pt-3">
        {btn(view.session.lobbyLocked ? "Unlock lobby" : "Lock lobby", { type: "lockLobby", locked: !view.session.lobbyLocked })}
        {btn(view.session.allowLateJoin ? "Disallow late join" : "Allow late join", { type: "allowLateJoin", allowed: !view.session.allowLateJoin })}
        {confirmEnd ? (
          <span className="flex flex-wrap items-center gap-2" role="group" aria-label="Confirm ending the session">
            <span className="font-semibold">End for everyone?</span>
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void run({ type: "end" }).then(() => setConfirmEnd(false))}>
              Yes, end session
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setConfirmEnd(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" className="btn btn-danger" onClick={() => setConfirmEnd(true)}>
            End session
          </button>
        )}
      </div>
    </section>
  );
}

function ActivityList({ view }: { view: HostView }) {
  const current = "activityIndex" in view.phase ? view.phase.activityIndex : -1;
  return (
    <section aria-labelledby="activities-heading" className="space-y-2">
      <h2 id="activities-heading" className="text-lg font-bold">
        Activities
      </h2>
      <ol className="space-y-1">
        {view.activities.map((a) => (
          <li key={a.index} aria-current={a.index === current ? "step" : undefined} className={`rounded-lg border-2 px-3 py-2 ${a.index === current ? "border-brand bg-blue-50 font-semibold" : "border-slate-200"}`}>
            <span className="font-mono">{a.index + 1}.</span> {a.title}{" "}
            <span className="text-sm text-muted">
              ({activityKindLabel(a.kind)}, {a.timeLimitSec} s, {a.points}× points)
            </span>
            {a.index === current ? <span className="ml-2 text-sm font-bold">◀ now</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function questionOf(p: PhaseView) {
  return p.type === "question" || p.type === "reveal" ? p.prompt : null;
}

function Dashboard({ view, offsetMs }: { view: HostView; offsetMs: number }) {
  const p = view.phase;
  const prompt = questionOf(p);
  const progress = view.progress;
  const notAnswered = view.participants.filter((x) => !x.answeredCurrent);
  return (
    <section aria-labelledby="dash-heading" className="space-y-4">
      <h2 id="dash-heading" className="text-2xl font-bold">
        Dashboard
      </h2>
      {p.type === "question" ? <Countdown deadline={p.deadline} offsetMs={offsetMs} timeLimitSec={p.timeLimitSec} /> : null}
      {prompt ? (
        <div className="card space-y-2">
          <h3 className="text-xl font-bold break-words">{prompt.title}</h3>
          <PromptView prompt={prompt} showPanels={false} />
        </div>
      ) : null}
      {prompt && progress ? (
        <>
          <p className="text-2xl font-bold" aria-live="polite">
            Answered: {progress.answered} / {progress.total}
          </p>
          {progress.correctShare !== null ? (
            <p className="text-lg">
              Share correct (only you see this): <strong>{Math.round(progress.correctShare * 100)}%</strong>
            </p>
          ) : null}
          <DistributionBars
            items={distributionItems(prompt, progress.distribution, p.type === "reveal" ? p.reveal.correct : view.answerKey?.correct)}
            total={totalOf(progress.distribution)}
          />
          {p.type === "question" && notAnswered.length > 0 ? (
            <div>
              <h3 className="font-bold">
                Not answered yet ({view.counts ? view.counts.joined - view.counts.answeredCurrent : notAnswered.length})
              </h3>
              <ul className="mt-1 flex flex-wrap gap-2" aria-label="Not answered yet">
                {notAnswered.map((x) => (
                  <li key={x.participantId} className="rounded-full border-2 border-slate-300 px-3 py-1 break-all">
                    {x.nickname}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      ) : null}
      {view.answerKey && prompt ? <AnswerKey prompt={prompt} answerKey={view.answerKey} /> : null}
      {p.type === "reveal" && p.prompt.kind === "flow-replay" ? (
        <ReplaySteps steps={p.prompt.steps} ran={p.reveal.steps ?? []} upTo={p.replayStep ?? 0} />
      ) : null}
      {p.type === "reveal" && !view.answerKey ? (
        <div className="card space-y-2 border-ok">
          <p className="text-lg">
            Correct: <strong>{p.reveal.correctLabel}</strong>
          </p>
          <p>{p.reveal.explanation}</p>
        </div>
      ) : null}
      {p.type === "leaderboard" || p.type === "podium" || p.type === "ended" ? (
        <div className="space-y-2">
          <h3 className="text-xl font-bold">{p.type === "leaderboard" ? "Leaderboard" : "Final leaderboard"}</h3>
          <LeaderboardTable
            rows={p.leaderboard}
            caption={p.type === "leaderboard" ? "Leaderboard" : "Final leaderboard"}
            played={p.type === "leaderboard" ? p.activityIndex + 1 : p.type === "podium" ? view.session.activityCount : undefined}
          />
        </div>
      ) : null}
    </section>
  );
}

/**
 * The instructor's answer key. The simulator's label of the answer is shown under the "Correct:" line only when it
 * adds something (a chain fix's whole configuration); where the two say the same (a pitfall's choice, a step) it is
 * not repeated.
 */
function AnswerKey({ prompt, answerKey }: { prompt: ActivityPrompt; answerKey: ActivityReveal }) {
  const described = describeAnswer(prompt, answerKey.correct);
  const label = answerKey.correctLabel.trim();
  return (
    <section aria-labelledby="key-heading" className="card space-y-2 border-ok">
      <h3 id="key-heading" className="text-lg font-bold">
        <span aria-hidden="true">🔑 </span>Answer key
      </h3>
      <p className="text-lg">
        Correct: <strong>{described}</strong>
      </p>
      {label && !described.includes(label) ? <p className="text-base text-muted">{label}</p> : null}
      <p className="text-base">{answerKey.explanation}</p>
    </section>
  );
}

function Participants({ view, run }: { view: HostView; run: (c: HostCommand) => Promise<void> }) {
  const [confirm, setConfirm] = useState<string | null>(null);
  const online = view.counts?.online ?? view.participants.filter((p) => p.connected).length;
  const joined = view.counts?.joined ?? view.participants.length;
  const omitted = view.participantsOmitted ?? 0;
  return (
    <section aria-labelledby="people-heading" className="space-y-2">
      <h2 id="people-heading" className="text-xl font-bold">
        Students ({joined} joined, {online} online)
      </h2>
      {omitted > 0 ? (
        <p className="text-muted">
          Showing {view.participants.length} of {joined}
          {view.phase.type === "question" ? ", those who have not answered first" : ""}.
        </p>
      ) : null}
      {view.participants.length === 0 ? <p className="text-muted">No one has joined yet.</p> : null}
      <ul className="divide-y-2 divide-slate-200 rounded-xl border-2 border-slate-300" aria-label="Students">
        {view.participants.map((p) => (
          <li key={p.participantId} className="flex flex-wrap items-center justify-between gap-2 p-2">
            <span className="flex min-w-0 flex-wrap items-center gap-2">
              <StatusBadge status={p.connected ? "connected" : "disconnected"} />
              <span className="font-semibold break-all">{p.nickname}</span>
              <span className="font-mono text-sm text-muted">{p.score} pts</span>
              {view.phase.type === "question" ? <StatusBadge status={p.answeredCurrent ? "answered" : "waiting"} /> : null}
            </span>
            {confirm === p.participantId ? (
              <span className="flex gap-2">
                <button type="button" className="btn btn-danger" onClick={() => void run({ type: "kick", participantId: p.participantId }).then(() => setConfirm(null))}>
                  Yes, remove {p.nickname}
                </button>
                <button type="button" className="btn btn-secondary" onClick={() => setConfirm(null)}>
                  Cancel
                </button>
              </span>
            ) : view.phase.type !== "ended" ? (
              <button type="button" className="btn btn-secondary" onClick={() => setConfirm(p.participantId)}>
                Kick<span className="sr-only"> {p.nickname}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
