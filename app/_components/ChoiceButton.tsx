import { softBreaks } from "./SoftBreaks";

/** A big answer button (≥ 56 px tall) with a letter marker; its result, once known, is an icon and a word. */
export type ChoiceState = "idle" | "selected" | "correct" | "incorrect" | "dimmed";

const STYLE: Record<ChoiceState, string> = {
  idle: "border-ink bg-white text-ink hover:bg-slate-100",
  selected: "border-brand bg-brand text-white",
  correct: "border-ok bg-ok-bg text-ink",
  incorrect: "border-bad bg-bad-bg text-ink",
  dimmed: "border-slate-300 bg-white text-muted",
};

/**
 * A long identifier in a choice (`system:serviceaccount:payments:*`) wraps inside the button: `overflow-wrap:
 * anywhere` rather than `break-word`, so that the text's flex item can shrink to the phone's width, and <wbr> at
 * the identifier's separators (softBreaks) so it breaks there first.
 */
export function ChoiceButton({
  marker,
  text,
  state = "idle",
  disabled,
  onClick,
  note,
}: {
  marker: string;
  text: string;
  state?: ChoiceState;
  disabled?: boolean;
  onClick?: () => void;
  /** Extra words after the text for assistive tech, e.g. "your answer". */
  note?: string;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-pressed={state === "selected" ? true : undefined}
      className={`flex min-h-14 w-full items-start gap-3 rounded-xl border-2 px-4 py-3 text-left text-lg font-semibold [overflow-wrap:anywhere] disabled:cursor-default ${STYLE[state]}`}
    >
      <span
        aria-hidden="true"
        className="flex h-8 w-8 shrink-0 items-center justify-center rounded-md border-2 border-current font-mono text-base"
      >
        {marker}
      </span>
      <span className="flex min-w-0 flex-1 flex-col gap-1">
        <span>{softBreaks(text)}</span>
        {state === "correct" ? (
          <span className="font-bold text-ok">✓ Correct answer</span>
        ) : state === "incorrect" ? (
          <span className="font-bold text-bad">✗ Wrong answer</span>
        ) : null}
      </span>
      {note ? <span className="sr-only">{`, ${note}`}</span> : null}
    </button>
  );
}
