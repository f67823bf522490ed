import { StatusBadge } from "@/app/_components/StatusBadge";
import { activityKindLabel } from "@/lib/contract";
import type { LabelledAnswer } from "@/lib/reports/dto";
import { formatSeconds } from "@/lib/reports/format";

/**
 * One student's answers, one card per activity: right or wrong (icon and word), what they picked, the correct
 * answer, time taken, points, streak, and the explanation. Used by the instructor's report and the student's
 * own results page.
 */
/** A label and value that span the two columns below `sm`: the label on its own line, the value under it. */
const wideLabel = "col-span-2 font-semibold sm:col-span-1";
const wideValue = "col-span-2 mb-1 break-words sm:col-span-1 sm:mb-0";

export function AnswerList({ answers, headingLevel = 3 }: { answers: LabelledAnswer[]; headingLevel?: 3 | 4 }) {
  const H = headingLevel === 3 ? "h3" : "h4";
  if (answers.length === 0) return <p className="text-muted">No activities were played.</p>;
  return (
    <ol className="space-y-3">
      {answers.map((a) => (
        <li key={a.activityIndex} className="card space-y-2">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <H className="min-w-0 text-lg font-bold break-words">
              <span className="font-mono text-muted">#{a.number}</span> {a.title}
              <span className="block text-sm font-normal text-muted">{activityKindLabel(a.kind)}</span>
            </H>
            {a.answered ? (
              <StatusBadge status={a.correct ? "correct" : "incorrect"} />
            ) : (
              <StatusBadge status="waiting" label="No answer" />
            )}
          </div>
          {/* On a phone the answers take the card's whole width, their labels above them ("Correct answer" beside
              its value would leave the answer a narrow column); from sm up, and for the short figures below, the
              labels sit beside their values. */}
          <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-base">
            <dt className={wideLabel}>Answer</dt>
            <dd className={wideValue}>{a.answered ? a.answerLabel : "—"}</dd>
            {a.correctLabel ? (
              <>
                <dt className={wideLabel}>Correct answer</dt>
                <dd className={wideValue}>{a.correctLabel}</dd>
              </>
            ) : null}
            <dt className="font-semibold">Time</dt>
            <dd className="font-mono">{formatSeconds(a.timeTakenMs)}</dd>
            <dt className="font-semibold">Points</dt>
            <dd className="font-mono">
              {a.points}
              {a.streakBonus > 0 ? ` + ${a.streakBonus} streak bonus` : ""}
            </dd>
            <dt className="font-semibold">Streak</dt>
            <dd className="font-mono">{a.streak}</dd>
          </dl>
          {a.explanation ? (
            <details>
              <summary className="min-h-12 cursor-pointer py-2 font-semibold text-brand">Why</summary>
              <p className="text-base break-words">{a.explanation}</p>
            </details>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
