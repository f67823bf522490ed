"use client";

import Link from "next/link";
import { useRef } from "react";
import { activityKindLabel, type ActivityPrompt, type ActivityReveal, type HostView } from "@/lib/contract";
import { Breakable } from "@/app/_components/SoftBreaks";
import { ConnectionBanner } from "@/app/_components/ConnectionBanner";
import { Countdown } from "@/app/_components/Countdown";
import { choiceMarker } from "@/app/_components/PromptView";
import { changedChainFields, ProjectorOptions } from "@/app/_components/ProjectorOptions";
import { QrCode } from "@/app/_components/QrCode";
import { CHAIN_FIELD_LABELS } from "@/app/_lib/distribution";
import { useHostSession } from "@/app/_lib/use-host-session";
import { ChangeTally, nodeRoleKey, ProjectorAnswers, ServiceTally } from "./ProjectorAnswers";
import { Podium, ProjectorLeaderboard } from "./ProjectorLeaderboard";
import { ProjectorReplay } from "./ProjectorReplay";
import { useFitToScreen } from "./use-fit-to-screen";

/** Nicknames shown in the lobby: the latest ones; the count above says how many joined in all. */
const LOBBY_NAMES = 20;

/**
 * The projector: everything big enough for the back row, nothing the students must not see yet (the answer key
 * stays on the instructor's laptop until the reveal), and never a scroll bar. Every size is in rem and the root
 * font size follows the screen (globals.css, `[data-projector]`), so 1920×1080 shows the 1280×720 layout scaled up;
 * each activity kind has a layout that fits 16:9 with what the class must look at in view, and
 * {@link useFitToScreen} shrinks the whole page a little for anything longer than the bank's longest.
 */
export function Presenter({ sessionId }: { sessionId: string }) {
  const { view, connection, fatal, offsetMs } = useHostSession(sessionId);
  const stage = useRef<HTMLElement>(null);
  const p = view?.phase;
  useFitToScreen(stage, p ? `${p.type}:${"activityIndex" in p ? p.activityIndex : ""}:${p.type === "reveal" ? (p.replayStep ?? 0) : ""}` : "connecting");
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
  // The final podium has the screen to itself: its page fills the screen so the podium can sit in the middle.
  // (Only there: other phases' pages stay as tall as their content, which is what the fit's observer watches.)
  const fill = p?.type === "podium" || p?.type === "ended";
  return (
    <div data-projector className="flex min-h-screen flex-col bg-white">
      <ConnectionBanner state={connection} />
      <main id="main" ref={stage} className={`w-full px-8 py-4 ${fill ? "flex flex-1 flex-col" : ""}`}>
        {view ? <Stage view={view} offsetMs={offsetMs} /> : <p className="text-3xl text-muted">Connecting…</p>}
      </main>
    </div>
  );
}

function Stage({ view, offsetMs }: { view: HostView; offsetMs: number }) {
  const p = view.phase;
  const n = view.session.activityCount;
  switch (p.type) {
    case "lobby": {
      const joined = view.counts?.joined ?? view.participants.length;
      const names = view.participants.slice(-LOBBY_NAMES);
      const more = Math.max(0, joined - names.length);
      return (
        <section className="grid grid-cols-[minmax(0,1fr)_minmax(0,26rem)] items-center gap-10">
          <div className="min-w-0 space-y-4">
            <h1 className="text-5xl leading-tight font-black break-words">{view.session.deckTitle}</h1>
            <p className="text-3xl">Join at</p>
            <p className="font-mono text-5xl font-bold [overflow-wrap:anywhere]">
              <Breakable text={displayUrl(view.joinUrl).replace(/\/join\/[^/]+$/, "/join")} />
            </p>
            <p className="text-3xl">with the code</p>
            <p className="font-mono text-[9rem] leading-none font-black tracking-[0.15em]" aria-label={`Join code ${view.session.code.split("").join(" ")}`}>
              {view.session.code}
            </p>
            <p className="text-3xl" aria-live="polite">
              {joined} {joined === 1 ? "student has" : "students have"} joined
            </p>
            <ul className="flex flex-wrap gap-2" aria-label="Students who joined">
              {names.map((x) => (
                <li key={x.participantId} className="max-w-full rounded-full border-[0.1875rem] border-ink px-4 py-1 text-2xl font-bold [overflow-wrap:anywhere]">
                  {x.nickname}
                </li>
              ))}
              {more ? <li className="px-2 py-1 text-2xl font-bold text-muted">+ {more} more</li> : null}
            </ul>
          </div>
          <div className="flex flex-col items-center gap-3">
            <QrCode text={view.joinUrl} className="w-full border-[0.25rem] border-ink" />
            <p className="max-w-full text-center font-mono text-xl [overflow-wrap:anywhere]">
              <Breakable text={displayUrl(view.joinUrl)} />
            </p>
          </div>
        </section>
      );
    }
    case "question": {
      const answered = view.progress?.answered ?? 0;
      const expected = view.progress?.total ?? view.counts?.joined ?? view.participants.length;
      const distribution = view.progress?.distribution ?? {};
      const prompt = p.prompt;
      return (
        <section className="flex flex-col gap-3">
          <div className="grid grid-cols-[minmax(0,1fr)_20rem] items-start gap-6">
            <div className="min-w-0 space-y-1.5">
              <p className="text-xl font-semibold text-muted">
                Question {p.activityIndex + 1} of {n} · {activityKindLabel(prompt.kind)}
              </p>
              <h1 className={`${prompt.title.length > 40 || prompt.kind === "chain-fix" ? "text-4xl" : "text-5xl"} leading-tight font-black break-words`}>
                <Breakable text={prompt.title} />
              </h1>
              <Lead prompt={prompt} />
            </div>
            <div className="space-y-2">
              <Countdown deadline={p.deadline} offsetMs={offsetMs} timeLimitSec={p.timeLimitSec} size="xl" />
              <p className="text-right text-5xl font-black tabular-nums" aria-live="polite">
                {answered} / {expected} <span className="text-3xl font-bold">answered</span>
              </p>
            </div>
          </div>
          {prompt.kind === "chain-fix" ? (
            <ProjectorOptions prompt={prompt} aside={view.progress ? <ChangeTally distribution={distribution} /> : null} />
          ) : prompt.kind === "node-role" ? (
            <ServiceTally prompt={prompt} distribution={distribution} />
          ) : (
            <>
              <ProjectorOptions prompt={prompt} />
              <ProjectorAnswers prompt={prompt} distribution={distribution} label={optionsLabel(prompt.kind)} />
            </>
          )}
        </section>
      );
    }
    case "reveal": {
      const prompt = p.prompt;
      const c = p.reveal.correct;
      // A flow replay keeps its suspense: the failing step and the why appear once the replay has reached it.
      const replayPending = prompt.kind === "flow-replay" && c.kind === "flow-replay" && (p.replayStep ?? 0) < c.step;
      const headline = replayPending ? "Where will the flow fail?" : `Answer: ${revealHeadline(prompt, p.reveal)}`;
      const questionLine = (
        <p className="text-xl font-semibold break-words text-muted">
          Question {p.activityIndex + 1} of {n} · {activityKindLabel(prompt.kind)} · <Breakable text={prompt.title} />
        </p>
      );
      const why = replayPending ? null : <Why text={p.reveal.explanation} />;
      if (prompt.kind === "flow-replay") {
        const upTo = p.replayStep ?? 0;
        const failing = (p.reveal.steps ?? []).find((x) => x.error && x.n <= upTo);
        return (
          <section className="flex flex-col gap-2.5">
            <h1 className={`${headlineSize(headline)} leading-tight font-black break-words`}>
              <Breakable text={headline} />
            </h1>
            <div className="flex flex-wrap items-baseline justify-between gap-x-6">
              <p className="text-2xl font-bold" aria-live="polite">
                {upTo === 0 ? "Replay: waiting for the instructor to start" : `Replay: step ${Math.min(upTo, prompt.steps.length)} of ${prompt.steps.length}`}
              </p>
              {questionLine}
            </div>
            <ProjectorReplay steps={prompt.steps} ran={p.reveal.steps ?? []} upTo={upTo} counts={p.distribution} />
            {failing || why ? (
              <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,1.35fr)] items-start gap-6">
                {failing ? (
                  <p className="rounded-2xl border-[0.1875rem] border-bad bg-bad-bg px-3 py-2 text-lg leading-snug break-words">
                    <span className="font-black">
                      <span aria-hidden="true">✗ </span>Step {failing.n} fails with <span className="font-mono">{failing.error?.code}</span>:
                    </span>{" "}
                    <Breakable text={failing.error?.message ?? ""} />
                  </p>
                ) : (
                  <span />
                )}
                {why}
              </div>
            ) : null}
          </section>
        );
      }
      return (
        <section className="flex flex-col gap-3">
          <div className="flex flex-wrap items-baseline gap-x-6 gap-y-1">
            <h1 className={`${headlineSize(headline)} leading-tight font-black break-words`}>
              <Breakable text={headline} />
            </h1>
            {questionLine}
          </div>
          {prompt.kind === "chain-fix" ? (
            <ProjectorOptions prompt={prompt} correct={c} aside={<ChangeTally distribution={p.distribution} />} />
          ) : prompt.kind === "node-role" ? (
            <>
              <ServiceTally prompt={prompt} distribution={p.distribution} correct={c} />
              <ExactlyRight distribution={p.distribution} correctKey={nodeRoleKey(c)} />
            </>
          ) : (
            <>
              <ProjectorOptions prompt={prompt} correct={c} />
              <ProjectorAnswers prompt={prompt} distribution={p.distribution} correct={c} label="How the class answered" />
              {prompt.kind === "setup-challenge" ? <WholeSetupRight share={view.progress?.correctShare ?? null} /> : null}
            </>
          )}
          {why}
        </section>
      );
    }
    case "leaderboard":
      return (
        <section className="space-y-4">
          <div className="flex flex-wrap items-baseline gap-x-8">
            <h1 className="text-6xl font-black">Leaderboard</h1>
            <p className="text-3xl text-muted">
              After question {p.activityIndex + 1} of {n}
            </p>
          </div>
          <ProjectorLeaderboard rows={p.leaderboard} limit={10} caption="Leaderboard" played={p.activityIndex + 1} />
        </section>
      );
    case "podium":
    case "ended":
      return (
        <section className="flex flex-1 flex-col items-center justify-center gap-10">
          <h1 className="text-center text-7xl font-black">{p.type === "ended" ? "Thanks for playing!" : "Final podium"}</h1>
          {p.leaderboard.length > 3 ? (
            <div className="grid w-full grid-cols-[minmax(0,1.2fr)_minmax(0,1fr)] items-end gap-10">
              <Podium rows={p.leaderboard} />
              <ProjectorLeaderboard rows={p.leaderboard} startRank={3} limit={7} caption="Rest of the leaderboard" />
            </div>
          ) : (
            <div className="w-full max-w-[64rem]">
              <Podium rows={p.leaderboard} size="lg" />
            </div>
          )}
        </section>
      );
  }
}

/** The question's symptom or prompt, a size smaller when it is long, so the options below still fit. */
function Lead({ prompt }: { prompt: ActivityPrompt }) {
  const lead = prompt.kind === "pitfall" ? prompt.symptom : prompt.prompt;
  // The chain's thirteen fields need more of the screen than other kinds' options.
  const long = lead.length > (prompt.kind === "chain-fix" ? 200 : 320);
  return (
    <p className={`${long ? "text-xl" : "text-2xl"} leading-snug break-words text-ink`}>
      {prompt.kind === "pitfall" ? <span className="font-semibold">Symptom: </span> : null}
      <Breakable text={lead} />
    </p>
  );
}

function Why({ text }: { text: string }) {
  return (
    <div className={`${text.length > 260 ? "text-xl" : "text-2xl"} leading-snug break-words`} data-why>
      <h2 className="inline font-black">Why: </h2>
      <p className="inline">
        <Breakable text={text} />
      </p>
    </div>
  );
}

/** node-role: how many picked exactly the set the Pod can reach (the others got partial credit). */
function ExactlyRight({ distribution, correctKey }: { distribution: Record<string, number>; correctKey: string | null }) {
  const total = Object.values(distribution).reduce((a, b) => a + b, 0);
  const exact = correctKey ? (distribution[correctKey] ?? 0) : 0;
  return (
    <p className="text-2xl font-bold">
      Exactly the right set: {exact} of {total} {total === 1 ? "answer" : "answers"}
    </p>
  );
}

/** setup-challenge: the bars count policies; this says how many whole setups (namespace, ServiceAccount, policy) work. */
function WholeSetupRight({ share }: { share: number | null }) {
  return (
    <p className="text-2xl font-bold" data-testid="setup-whole-right">
      Whole setup right (namespace, ServiceAccount and policy): {share === null ? "no answers" : `${Math.round(share * 100)}% of answers`}
    </p>
  );
}

function optionsLabel(kind: ActivityPrompt["kind"]): string {
  if (kind === "which-step" || kind === "flow-replay") return "Steps of the token flow";
  if (kind === "setup-challenge") return "Policy presets";
  return "Choices";
}

function headlineSize(text: string): string {
  return text.length <= 48 ? "text-5xl" : text.length <= 80 ? "text-4xl" : "text-3xl";
}

/**
 * What follows "Answer:" at the reveal. Where the options are on screen (and the right one is marked there), it names
 * the answer by its letter, its step or the fields the fix changes, instead of repeating the option's text.
 */
function revealHeadline(prompt: ActivityPrompt, reveal: ActivityReveal): string {
  const c = reveal.correct;
  switch (c.kind) {
    case "pitfall": {
      const i = prompt.kind === "pitfall" ? prompt.choices.findIndex((x) => x.id === c.choiceId) : -1;
      return i >= 0 ? choiceMarker(i) : reveal.correctLabel;
    }
    case "which-step":
    case "flow-replay":
      // The steps' titles are in the grid below, so the headline names the step and the error only.
      return `fails at step ${c.step}${c.errorCode ? ` with ${c.errorCode}` : ""}`;
    case "chain-fix": {
      const changed = prompt.kind === "chain-fix" ? changedChainFields(prompt.fields, c.fields) : [];
      return changed.length ? `fix ${changed.map((k) => `“${CHAIN_FIELD_LABELS[k]}”`).join(" and ")}` : reveal.correctLabel;
    }
    case "jwt-predict":
      // "No match: the trust policy denies it" → "No match — the trust policy denies it" after "Answer:".
      return reveal.correctLabel.replace(": ", " — ");
    case "node-role": {
      if (prompt.kind !== "node-role") return reveal.correctLabel;
      const k = new Set(c.selected).size;
      const all = prompt.options.length;
      return k === 0 ? `${prompt.pod} reaches none of the ${all}` : `${prompt.pod} reaches ${k} of the ${all}`;
    }
    case "setup-challenge":
      return reveal.correctLabel;
  }
}

/** What people type: no "https://" (browsers add it), nothing else removed. */
function displayUrl(url: string): string {
  return url.replace(/^https?:\/\//, "");
}
