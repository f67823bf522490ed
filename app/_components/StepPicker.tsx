import type { FlowStepLabel } from "@/lib/contract";

/** The nine steps of the IRSA token flow as big buttons; one may be picked (aria-pressed). */
export function StepPicker({
  steps,
  selected,
  onSelect,
  disabled,
  correctStep,
}: {
  steps: FlowStepLabel[];
  selected: number | null;
  onSelect?: (n: number) => void;
  disabled?: boolean;
  /** After the reveal: marks the failing step with an icon and a word. */
  correctStep?: number;
}) {
  return (
    <ol className="grid grid-cols-1 gap-2 sm:grid-cols-3" aria-label="Steps of the token flow">
      {steps.map((s) => {
        const isSelected = selected === s.n;
        const isCorrect = correctStep === s.n;
        const isWrongPick = correctStep !== undefined && isSelected && !isCorrect;
        const look = isCorrect
          ? "border-ok bg-ok-bg text-ink"
          : isWrongPick
            ? "border-bad bg-bad-bg text-ink"
            : isSelected
              ? "border-brand bg-brand text-white"
              : "border-ink bg-white text-ink hover:bg-slate-100";
        return (
          <li key={s.n}>
            <button
              type="button"
              disabled={disabled}
              aria-pressed={isSelected}
              onClick={() => onSelect?.(s.n)}
              className={`flex min-h-14 w-full items-center gap-3 rounded-xl border-2 px-3 py-2 text-left text-base font-semibold disabled:cursor-default ${look}`}
            >
              <span aria-hidden="true" className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full border-2 border-current font-mono">
                {s.n}
              </span>
              <span className="min-w-0 flex-1 break-words">
                <span className="sr-only">Step {s.n}: </span>
                {s.title}
              </span>
              {isCorrect ? <span className="shrink-0 font-bold text-ok">✓ Fails here</span> : null}
              {isWrongPick ? <span className="shrink-0 font-bold text-bad">✗ Your pick</span> : null}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
