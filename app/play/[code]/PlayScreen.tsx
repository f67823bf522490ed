"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import type { Answer, ParticipantView, PhaseView } from "@/lib/contract";
import { CodeBlock } from "@/app/_components/CodeBlock";
import { ConnectionBanner } from "@/app/_components/ConnectionBanner";
import { Countdown } from "@/app/_components/Countdown";
import { EvidencePanels } from "@/app/_components/EvidencePanels";
import { LeaderboardTable } from "@/app/_components/LeaderboardTable";
import { PromptView } from "@/app/_components/PromptView";
import { StatusBadge } from "@/app/_components/StatusBadge";
import { AnswerForm } from "@/app/_components/AnswerForm";
import { RevealDetail } from "@/app/_components/RevealDetail";
import { softBreaks } from "@/app/_components/SoftBreaks";
import { useFocusOnChange } from "@/app/_components/use-focus-on-change";
import { secondsLeft } from "@/app/_lib/clock";
import { describeAnswer } from "@/app/_lib/distribution";
import { friendlyError } from "@/app/_lib/errors";
import { useNow } from "@/app/_lib/use-now";
import { useParticipantSession, type ConnectionState, type ParticipantBlock } from "@/app/_lib/use-participant-session";
import { ErrorAlert } from "@/app/_components/ErrorAlert";

function phaseKey(p: PhaseView): string {
  return "activityIndex" in p ? `${p.type}-${p.activityIndex}` : p.type;
}

/** One sentence for the polite live region when the phase changes. */
function phaseAnnouncement(view: ParticipantView): string {
  const p = view.phase;
  const n = view.session.activityCount;
  switch (p.type) {
    case "lobby":
      return "You're in. Waiting for the instructor to start.";
    case "question":
      return `Question ${p.activityIndex + 1} of ${n} is open. ${p.timeLimitSec} seconds.`;
    case "reveal": {
      const r = view.me.lastResult;
      return r ? `Answer revealed. ${r.correct ? "Correct" : "Incorrect"}, ${r.points + r.streakBonus} points.` : "Answer revealed. You did not answer.";
    }
    case "leaderboard":
      return view.me.rank ? `Leaderboard. You are number ${view.me.rank}.` : "Leaderboard.";
    case "podium":
      return "Final results.";
    case "ended":
      return "The session has ended.";
  }
}

export function PlayScreen({ code }: { code: string }) {
  const { view, connection, block, offsetMs, submit } = useParticipantSession(code);
  const key = view ? phaseKey(view.phase) : "none";
  const headingRef = useFocusOnChange<HTMLHeadingElement>(key);

  if (block) return <Blocked code={code} block={block} />;

  return (
    <div className="min-h-screen bg-white">
      <ConnectionBanner state={connection} />
      <header className="border-b-2 border-ink px-4 py-2">
        <div className="mx-auto flex max-w-xl items-center justify-between gap-3">
          {/* relative: the sr-only note is positioned inside this box, not at the end of a long nickname past the screen's edge */}
          <p className="relative min-w-0 truncate font-bold">
            {view ? view.me.nickname : "…"}
            <span className="sr-only"> — your nickname</span>
          </p>
          <p className="shrink-0 font-mono font-bold" aria-label={view ? `Score ${view.me.score}` : undefined}>
            {view ? `${view.me.score} pts` : ""}
          </p>
        </div>
      </header>
      <p className="sr-only" aria-live="polite">
        {view ? phaseAnnouncement(view) : ""}
      </p>
      <main id="main" className="mx-auto max-w-xl space-y-4 px-4 py-4">
        {!view ? (
          <p className="py-12 text-center text-xl text-muted">Connecting to session {code}…</p>
        ) : (
          <Phase view={view} offsetMs={offsetMs} submit={submit} connection={connection} headingRef={headingRef} />
        )}
      </main>
    </div>
  );
}

function Blocked({ code, block }: { code: string; block: ParticipantBlock }) {
  const { title, text, action } = (() => {
    switch (block.kind) {
      case "no-token":
        return {
          title: "Join this session first",
          text: `This device has not joined session ${code} yet.`,
          action: { href: `/join/${code}`, label: `Join session ${code}` },
        };
      case "kicked":
        return { title: "You were removed", text: friendlyError({ code: "KICKED", message: block.message }), action: { href: "/", label: "Back to the start" } };
      case "ended":
        return {
          title: "Session ended",
          text: "This session has ended. Thanks for taking part!",
          action: block.sessionId
            ? { href: `/me/${encodeURIComponent(block.sessionId)}`, label: "See your answers and explanations" }
            : { href: "/", label: "Back to the start" },
        };
      case "invalid":
        return {
          title: "We couldn't find your place",
          text: "This session no longer knows this device (the code may be wrong or the session is over). Join again with the code.",
          action: { href: `/join/${code}`, label: "Join again" },
        };
    }
  })();
  return (
    <main id="main" className="mx-auto max-w-xl space-y-4 px-4 py-10">
      <h1 className="text-3xl font-black">{title}</h1>
      <p role="alert" className="text-lg">
        {text}
      </p>
      <Link href={action.href} className="btn btn-primary w-full text-lg">
        {action.label}
      </Link>
    </main>
  );
}

type Submit = ReturnType<typeof useParticipantSession>["submit"];

function Phase({
  view,
  offsetMs,
  submit,
  connection,
  headingRef,
}: {
  view: ParticipantView;
  offsetMs: number;
  submit: Submit;
  connection: ConnectionState;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  const p = view.phase;
  const heading = "text-3xl font-black outline-none";
  switch (p.type) {
    case "lobby":
      return (
        <section className="space-y-4 py-6 text-center">
          <h1 ref={headingRef} tabIndex={-1} className={heading}>
            You&apos;re in!
          </h1>
          <p className="text-xl">Waiting for the instructor to start…</p>
          <p className="text-lg text-muted">You play as</p>
          <p className="text-4xl font-black break-words">{view.me.nickname}</p>
          <p className="text-base text-muted">{view.session.deckTitle}</p>
        </section>
      );
    case "question":
      return (
        <QuestionPhase key={p.activityIndex} view={view} phase={p} offsetMs={offsetMs} submit={submit} connection={connection} headingRef={headingRef} />
      );
    case "reveal":
      return <RevealPhase view={view} phase={p} headingRef={headingRef} />;
    case "leaderboard":
      return (
        <section className="space-y-4">
          <h1 ref={headingRef} tabIndex={-1} className={heading}>
            Leaderboard
          </h1>
          <RankLine view={view} />
          <LeaderboardTable rows={p.leaderboard} highlightId={view.me.participantId} limit={10} played={p.activityIndex + 1} />
        </section>
      );
    case "podium":
    case "ended":
      return (
        <section className="space-y-4">
          <h1 ref={headingRef} tabIndex={-1} className={heading}>
            {p.type === "ended" ? "Session ended" : "Final results"}
          </h1>
          <RankLine view={view} final />
          <MyResultsLink sessionId={view.session.sessionId} ended={p.type === "ended"} />
          <LeaderboardTable
            rows={p.leaderboard}
            highlightId={view.me.participantId}
            caption="Final leaderboard"
            played={p.type === "podium" ? view.session.activityCount : undefined}
          />
          {p.type === "ended" ? <p className="text-lg">Thanks for playing!</p> : null}
        </section>
      );
  }
}

/**
 * After the session: the student's own answers with explanations, on this device (the page finds the participant
 * token this phone kept for the session). The results open once the instructor ends the session.
 */
function MyResultsLink({ sessionId, ended }: { sessionId: string; ended: boolean }) {
  return (
    <div className="space-y-1">
      <Link href={`/me/${encodeURIComponent(sessionId)}`} className="btn btn-primary w-full text-lg">
        See your answers and explanations
      </Link>
      <p className="text-center text-base text-muted">
        {ended ? "Open it again later on this phone." : "They open when the instructor ends the session; the link works later on this phone."}
      </p>
    </div>
  );
}

function RankLine({ view, final }: { view: ParticipantView; final?: boolean }) {
  return (
    <div className="card border-ink text-center">
      <p className="text-lg">{final ? "You finished" : "You are"}</p>
      <p className="text-5xl font-black">{view.me.rank ? `#${view.me.rank}` : "—"}</p>
      <p className="text-xl font-semibold">
        {view.me.score} points
        {view.me.streak > 1 ? ` · streak ${view.me.streak}` : ""}
      </p>
    </div>
  );
}

/**
 * An open question on the phone. The countdown sticks to the top of the screen however far the student scrolls
 * (a which-step question is ~1,500 px tall at 360 px), and long forms keep their submit button in reach
 * (AnswerForm). An answer sent while the connection is down says so and goes out when it is back
 * (use-participant-session.ts holds it until then).
 */
function QuestionPhase({
  view,
  phase,
  offsetMs,
  submit,
  connection,
  headingRef,
}: {
  view: ParticipantView;
  phase: Extract<PhaseView, { type: "question" }>;
  offsetMs: number;
  submit: Submit;
  connection: ConnectionState;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  const [sent, setSent] = useState<Answer | null>(null);
  /** The answer on its way, until the server's ack (or refusal) comes back. */
  const [pending, setPending] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const now = useNow(true, 500);
  const timeUp = secondsLeft(phase.deadline, offsetMs, now) === 0;
  const answered = view.me.answered ?? sent;
  const prompt = phase.prompt;
  const offline = connection !== "connected";

  const send = async (answer: Answer) => {
    setPending(answer);
    setError(null);
    const r = await submit(phase.activityIndex, answer);
    setPending(null);
    if (r.ok || r.error.code === "ALREADY_ANSWERED") setSent(answer);
    else setError(friendlyError(r.error));
  };

  useEffect(() => {
    if (answered) document.getElementById("answer-received")?.focus();
  }, [answered]);
  // Tapped at the bottom of a long question: bring the "on its way" card into view where "Answer received" will be
  // (scroll-mt-20 keeps both clear of the sticky countdown).
  const waiting = pending !== null && !answered;
  useEffect(() => {
    if (waiting) document.getElementById("answer-pending")?.focus();
  }, [waiting]);

  return (
    <section className="space-y-4" aria-labelledby="question-heading">
      <p className="text-base font-semibold text-muted">
        Question {phase.activityIndex + 1} of {view.session.activityCount}
        {phase.points !== 1 ? ` · ${phase.points === 0 ? "no points" : `${phase.points}× points`}` : ""}
      </p>
      <h1 id="question-heading" ref={headingRef} tabIndex={-1} className="text-2xl font-black break-words outline-none">
        {/* Break a long AWS identifier at its words (AssumeRoleWith|WebIdentity), not one letter from its end. */}
        {softBreaks(prompt.title, { camel: true })}
      </h1>
      <div className="sticky top-0 z-20 -mx-4 border-b-2 border-slate-300 bg-white px-4 py-2" data-testid="question-timer">
        <Countdown deadline={phase.deadline} offsetMs={offsetMs} timeLimitSec={phase.timeLimitSec} size="sm" />
      </div>
      {waiting ? (
        <div id="answer-pending" tabIndex={-1} className="card scroll-mt-20 space-y-2 border-ink bg-warn-bg outline-none" role="status" data-testid="answer-pending">
          <p className="text-xl font-black">
            {offline ? (
              <>
                <span aria-hidden="true">⟳ </span>Will be sent when you&apos;re back online
              </>
            ) : (
              "Sending your answer…"
            )}
          </p>
          <p className="text-lg">
            You picked: <strong>{softBreaks(describeAnswer(prompt, pending))}</strong>
          </p>
          {offline ? <p className="text-base text-muted">Keep this page open: it reconnects by itself.</p> : null}
        </div>
      ) : answered ? (
        <div id="answer-received" tabIndex={-1} className="card scroll-mt-20 space-y-2 border-ok bg-ok-bg outline-none" role="status">
          <p className="text-2xl font-black">
            <span aria-hidden="true">✓ </span>Answer received
          </p>
          <p className="text-lg">
            You picked: <strong>{softBreaks(describeAnswer(prompt, answered))}</strong>
          </p>
          <p className="text-base text-muted">Wait for the instructor to reveal the answer.</p>
        </div>
      ) : timeUp ? (
        <p className="card border-ink text-xl font-bold" role="status">
          <span aria-hidden="true">⏱ </span>Time is up — waiting for the reveal.
        </p>
      ) : null}
      <PromptView prompt={prompt} />
      <ErrorAlert message={error} />
      {!answered && !timeUp && !waiting ? <AnswerForm prompt={prompt} busy={false} send={(answer) => void send(answer)} onInvalid={setError} /> : null}
    </section>
  );
}

function RevealPhase({
  view,
  phase,
  headingRef,
}: {
  view: ParticipantView;
  phase: Extract<PhaseView, { type: "reveal" }>;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  const result = view.me.lastResult;
  const mine = view.me.answered;
  const { prompt, reveal } = phase;
  return (
    <section className="space-y-4">
      <p className="text-base font-semibold text-muted">
        Question {phase.activityIndex + 1} of {view.session.activityCount} · {prompt.title}
      </p>
      <h1 ref={headingRef} tabIndex={-1} className="outline-none">
        {result ? (
          <StatusBadge status={result.correct ? "correct" : "incorrect"} size="xl" />
        ) : (
          <span className="text-3xl font-black">No answer this time</span>
        )}
      </h1>
      {result ? (
        <p className="text-2xl font-bold">
          +{result.points + result.streakBonus} points
          {result.streakBonus > 0 ? <span className="block text-lg font-semibold">including a streak bonus of {result.streakBonus}</span> : null}
        </p>
      ) : null}
      {result?.credit !== undefined && result.credit > 0 && result.credit < 1 ? (
        <p className="text-xl font-bold">
          <span aria-hidden="true">◐ </span>Partial credit: {Math.round(result.credit * 100)}%
        </p>
      ) : null}
      {result?.verdict ? (
        <p className={`card text-lg font-semibold break-words ${result.correct ? "border-ok bg-ok-bg" : "border-bad bg-bad-bg"}`}>
          <span aria-hidden="true">{result.correct ? "✓ " : "✗ "}</span>
          {softBreaks(result.verdict)}
        </p>
      ) : null}
      <p className="text-lg">
        Streak: <strong>{view.me.streak}</strong> · Total: <strong>{view.me.score}</strong>
        {view.me.rank ? (
          <>
            {" "}
            · Rank: <strong>#{view.me.rank}</strong>
          </>
        ) : null}
      </p>
      <div className="card space-y-2 border-ok">
        <h2 className="text-lg font-bold">
          <span aria-hidden="true">✓ </span>Correct answer
        </h2>
        <p className="text-lg font-semibold break-words">{softBreaks(reveal.correctLabel)}</p>
        {mine ? (
          <p className="text-base">
            Your answer: <strong>{softBreaks(describeAnswer(prompt, mine))}</strong>
          </p>
        ) : null}
      </div>
      <RevealDetail prompt={prompt} reveal={reveal} mine={mine} replayStep={phase.replayStep} />
      <div className="space-y-2">
        <h2 className="text-xl font-bold">Why</h2>
        <p className="text-lg break-words">{softBreaks(reveal.explanation)}</p>
      </div>
      {reveal.panels.length > 0 ? <EvidencePanels panels={reveal.panels} openFirst /> : null}
      {(reveal.correct.kind === "which-step" || reveal.correct.kind === "flow-replay") && reveal.correct.errorCode ? (
        <CodeBlock content={reveal.correct.errorCode} title="Error code" />
      ) : null}
      <p className="text-base text-muted">Waiting for the instructor…</p>
    </section>
  );
}
