"use client";

import { useState } from "react";
import { ChoiceButton, type ChoiceState } from "@/app/_components/ChoiceButton";
import { EvidencePanels } from "@/app/_components/EvidencePanels";
import type { PitfallAnswer, PitfallRound } from "@/lib/lab/pitfalls";
import { softBreaks } from "@/app/_components/SoftBreaks";
import { Verdict, postJson } from "./ui";

const LETTERS = ["A", "B", "C", "D"];

/** Section 6: symptom + evidence, four root causes, one click (no second chance); the server's simulator decides. */
export function PitfallSection({ rounds }: { rounds: PitfallRound[] }) {
  const [i, setI] = useState(0);
  const [answer, setAnswer] = useState<PitfallAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [score, setScore] = useState({ right: 0, played: 0, streak: 0, best: 0 });
  if (rounds.length === 0) return <p className="alert-error">✗ The scenario bank is empty: no pitfall scenarios were found.</p>;
  const round = rounds[i % rounds.length]!;
  /** The bank goes round again after its last scenario; the learner is told they have played them all. */
  const lastOfLap = i % rounds.length === rounds.length - 1;

  const pick = async (choiceId: string) => {
    if (answer || busy) return;
    setBusy(true);
    setError(null);
    try {
      const a = await postJson<PitfallAnswer>("/api/lab/pitfalls", { id: round.id, choiceId });
      setAnswer(a);
      setScore((s) => {
        const streak = a.correct ? s.streak + 1 : 0;
        return { right: s.right + (a.correct ? 1 : 0), played: s.played + 1, streak, best: Math.max(s.best, streak) };
      });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const next = () => {
    setAnswer(null);
    setI((n) => n + 1);
    requestAnimationFrame(() => document.getElementById("pitfall-title")?.focus());
  };
  const stateOf = (id: string): ChoiceState => {
    if (!answer) return "idle";
    if (id === answer.correctChoiceId) return "correct";
    if (id === answer.choiceId) return "incorrect";
    return "dimmed";
  };

  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 rounded-xl border-2 border-ink bg-slate-50 p-3 text-lg font-bold" aria-label="Score" data-testid="pitfall-score">
        <span>Score: {score.right} / {score.played}</span>
        <span>Streak: {score.streak} <span aria-hidden="true">{score.streak >= 3 ? "🔥" : ""}</span></span>
        <span className="text-base font-semibold text-muted">Best streak: {score.best}</span>
        <span className="text-base font-semibold text-muted">Scenario {(i % rounds.length) + 1} of {rounds.length}</span>
      </div>
      <h2 id="pitfall-title" tabIndex={-1} className="text-2xl font-black">{round.title}</h2>
      <p className="text-lg"><strong>Symptom:</strong> {softBreaks(round.symptom)}</p>
      <EvidencePanels panels={round.panels} />
      <h3 className="text-xl font-bold">What is the root cause? One click, no second chance.</h3>
      <div className="space-y-2" role="group" aria-label="Root causes">
        {round.choices.map((c, k) => (
          <ChoiceButton
            key={c.id}
            marker={LETTERS[k] ?? "?"}
            text={c.text}
            state={stateOf(c.id)}
            disabled={answer !== null || busy}
            onClick={() => void pick(c.id)}
            note={answer && c.id === answer.choiceId ? "your answer" : undefined}
          />
        ))}
      </div>
      {error ? <p role="alert" className="alert-error">✗ {error}</p> : null}
      <div aria-live="polite">
        {answer ? (
          <div className="card space-y-2" data-testid="pitfall-result">
            <p>{answer.correct ? <Verdict tone="ok" word="Correct" size="lg" /> : <Verdict tone="fail" word="Wrong" size="lg" />}</p>
            {!answer.correct ? (
              <>
                <p className="text-base"><strong>Right answer:</strong> {softBreaks(answer.correctText)}</p>
                {answer.misconception ? <p className="text-base"><strong>The trap:</strong> {softBreaks(answer.misconception)}</p> : null}
                <p className="text-base text-muted">{softBreaks(answer.pickedOutcome)}</p>
              </>
            ) : null}
            <p className="text-base">{softBreaks(answer.explanation)}</p>
            {lastOfLap ? (
              <p className="card border-ok bg-ok-bg text-lg font-bold" data-testid="pitfall-lap-done">
                <span aria-hidden="true">🏁 </span>That was the last of the {rounds.length} scenarios. Your score: {score.right} / {score.played}, best streak {score.best}.
              </p>
            ) : null}
            <button type="button" className="btn btn-primary" onClick={next}>{lastOfLap ? "Play them again from scenario 1 →" : "Next scenario →"}</button>
          </div>
        ) : null}
      </div>
    </section>
  );
}
