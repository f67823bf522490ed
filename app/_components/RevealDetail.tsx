import type { ActivityPrompt, ActivityReveal, Answer, ChainFields } from "@/lib/contract";
import { CHAIN_FIELD_LABELS, formatChainValue } from "@/app/_lib/distribution";
import { ChoiceButton, type ChoiceState } from "./ChoiceButton";
import { choiceMarker } from "./PromptView";
import { ReplaySteps } from "./ReplaySteps";
import { softBreaks } from "./SoftBreaks";
import { StepPicker } from "./StepPicker";

/**
 * The phone's per-kind part of a reveal: the options with the correct one and the student's own marked with an
 * icon and a word. `replayStep` (flow-replay) is how far the instructor has stepped the replay.
 */
export function RevealDetail({ prompt, reveal, mine, replayStep }: { prompt: ActivityPrompt; reveal: ActivityReveal; mine: Answer | null; replayStep?: number | undefined }) {
  switch (prompt.kind) {
    case "pitfall":
      return (
        <ul className="space-y-2" aria-label="Choices">
          {prompt.choices.map((c, i) => {
            const isCorrect = reveal.correct.kind === "pitfall" && reveal.correct.choiceId === c.id;
            const isMine = mine?.kind === "pitfall" && mine.choiceId === c.id;
            const state: ChoiceState = isCorrect ? "correct" : isMine ? "incorrect" : "dimmed";
            return (
              <li key={c.id}>
                <ChoiceButton marker={choiceMarker(i)} text={c.text} state={state} disabled note={isMine ? "your answer" : undefined} />
              </li>
            );
          })}
        </ul>
      );
    case "which-step":
      return (
        <StepPicker
          steps={prompt.steps}
          selected={mine?.kind === "which-step" ? mine.step : null}
          disabled
          correctStep={reveal.correct.kind === "which-step" ? reveal.correct.step : undefined}
        />
      );
    case "flow-replay":
      return (
        <ReplaySteps
          steps={prompt.steps}
          ran={reveal.steps ?? []}
          upTo={replayStep ?? 0}
          predicted={mine?.kind === "flow-replay" ? mine.step : null}
          follow
        />
      );
    case "jwt-predict": {
      const right = reveal.correct.kind === "jwt-predict" ? reveal.correct.prediction : null;
      const picked = mine?.kind === "jwt-predict" ? mine.prediction : null;
      return (
        <ul className="space-y-2" aria-label="Predictions">
          {(["match", "no-match"] as const).map((k) => {
            const state: ChoiceState = right === k ? "correct" : picked === k ? "incorrect" : "dimmed";
            return (
              <li key={k}>
                <ChoiceButton marker={k === "match" ? "=" : "≠"} text={k === "match" ? "Match" : "No match"} state={state} disabled note={picked === k ? "your answer" : undefined} />
              </li>
            );
          })}
        </ul>
      );
    }
    case "chain-fix": {
      const ideal = reveal.correct.kind === "chain-fix" ? reveal.correct.fields : {};
      const submitted = mine?.kind === "chain-fix" ? { ...prompt.fields, ...mine.fields } : null;
      return (
        <div className="min-w-0">
          <table className="w-full table-fixed border-collapse text-sm">
            <caption className="mb-1 text-left text-lg font-bold">The chain: broken → yours → a working one</caption>
            <thead>
              <tr className="text-left">
                <th scope="col" className="w-[28%] border-b-2 border-ink py-1 pr-1">Field</th>
                <th scope="col" className="border-b-2 border-ink py-1 pr-1">Yours</th>
                <th scope="col" className="border-b-2 border-ink py-1">Working</th>
              </tr>
            </thead>
            <tbody>
              {(Object.keys(CHAIN_FIELD_LABELS) as (keyof ChainFields)[]).map((k) => {
                const yours = submitted ? submitted[k] : prompt.fields[k];
                const good = ideal[k];
                const same = good === undefined || yours === good;
                return (
                  <tr key={k} className="align-top">
                    <th scope="row" className="border-b border-slate-300 py-1 pr-1 text-left font-semibold break-words">
                      {CHAIN_FIELD_LABELS[k]}
                    </th>
                    <td className={`border-b border-slate-300 py-1 pr-1 font-mono [overflow-wrap:anywhere] ${same ? "" : "bg-bad-bg"}`}>
                      {same ? null : <span className="font-sans font-bold text-bad">≠ </span>}
                      {softBreaks(formatChainValue(yours))}
                    </td>
                    <td className="border-b border-slate-300 py-1 font-mono [overflow-wrap:anywhere]">{softBreaks(formatChainValue(good))}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="mt-1 text-sm text-muted">A different value can still work (e.g. another role name); the simulator judged your version.</p>
        </div>
      );
    }
    case "setup-challenge": {
      if (!mine || mine.kind !== "setup-challenge") return null;
      const x = mine.inputs;
      return (
        <p className="text-base break-words">
          You submitted: ServiceAccount <span className="font-mono">{x.namespace}/{x.serviceAccountName}</span>, role <span className="font-mono">{x.roleName}</span> with{" "}
          <span className="font-mono">{x.policy}</span>.
        </p>
      );
    }
    case "node-role": {
      const right = new Set(reveal.correct.kind === "node-role" ? reveal.correct.selected : []);
      const picked = new Set(mine?.kind === "node-role" ? mine.selected : []);
      return (
        <ul className="space-y-2" aria-label="Services">
          {prompt.options.map((o) => {
            const reach = right.has(o.id);
            const mineOn = picked.has(o.id);
            const ok = reach === mineOn;
            return (
              <li key={o.id} className={`flex min-h-12 items-start gap-3 rounded-xl border-2 px-3 py-2 ${ok ? "border-ok bg-ok-bg" : "border-bad bg-bad-bg"}`}>
                <span aria-hidden="true" className="font-bold">
                  {ok ? "✓" : "✗"}
                </span>
                <span className="min-w-0 flex-1">
                  <span className="block font-semibold break-words">{o.label}</span>
                  <span className="block text-sm">
                    {reach ? "Reachable" : "Not reachable"} · you {mineOn ? "ticked it" : "left it unticked"}
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
      );
    }
  }
}
