import { answerLabel } from "./compute";
import { isFlowKind } from "./labels";
import type { SessionReport } from "./types";

/** UTF-8 byte order mark: spreadsheets (Excel in particular) read the file as UTF-8 only when it starts with it. */
export const BOM = "\uFEFF";
/** RFC 4180 §2.1: "Each record is located on a separate line, delimited by a line break (CRLF)." */
export const CRLF = "\r\n";

export type Cell = string | number | boolean | null | undefined;

/**
 * Cells a spreadsheet would read as a formula start with `=`, `+`, `-` or `@`; a leading tab or carriage return
 * can also be swallowed and let the rest be parsed as one (OWASP "CSV Injection"). Such text cells get a leading
 * `'`, which spreadsheets show as text and do not evaluate. Numbers are written as numbers and never touched.
 *
 * @example
 * neutralizeCell("=HYPERLINK(\"http://x\")") // "'=HYPERLINK(\"http://x\")"
 */
export function neutralizeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * One field as RFC 4180 §2.5–2.7 says: enclosed in double quotes when it contains a comma, a double quote, CR or
 * LF, with each double quote doubled. Text is neutralised first ({@link neutralizeCell}).
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = neutralizeCell(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: BOM, a header row, then one record per row, every line ending in CRLF. */
export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const lines = [header.map(csvField).join(",")];
  for (const row of rows) lines.push(row.map(csvField).join(","));
  return BOM + lines.join(CRLF) + CRLF;
}

/** A share 0..1 as a percentage with one decimal, or empty. */
function percent(share: number | null): number | null {
  return share === null ? null : Math.round(share * 1000) / 10;
}

export const LEADERBOARD_HEADER = [
  "rank",
  "nickname",
  "score",
  "correct",
  "answered",
  "total",
  "accuracy_percent",
  "accuracy_of_answered_percent",
] as const;

export function leaderboardCsv(report: SessionReport): string {
  return toCsv(
    LEADERBOARD_HEADER,
    report.leaderboard.map((r) => [
      r.rank,
      r.nickname,
      r.score,
      r.correct,
      r.answered,
      r.total,
      percent(r.accuracy),
      percent(r.answeredAccuracy),
    ]),
  );
}

export const RESPONSES_HEADER = [
  "nickname",
  "participant_id",
  "activity_number",
  "activity_title",
  "activity_kind",
  "answer",
  "correct",
  "time_taken_ms",
  "points",
  "streak_bonus",
  "streak",
  "picked_step",
  "correct_step",
  "answered_at",
] as const;

/** Every answer given, one record each, ordered by student (leaderboard order) then activity. */
export function responsesCsv(report: SessionReport): string {
  const students = [...report.students].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  function* rows(): Generator<Cell[]> {
    for (const s of students) {
      for (const a of s.answers) {
        if (!a.answered) continue;
        const activity = report.activities[a.activityIndex]!;
        const flow = isFlowKind(activity.kind);
        yield [
          s.nickname,
          s.participantId,
          a.activityIndex + 1,
          activity.title,
          activity.kind,
          answerLabel(activity, a.answerKey),
          a.correct ? "yes" : "no",
          a.timeTakenMs,
          a.points,
          a.streakBonus,
          a.streak,
          flow && a.answerKey !== null ? Number(a.answerKey) : null,
          flow ? activity.testedStep : null,
          a.answeredAt,
        ];
      }
    }
  }
  return toCsv(RESPONSES_HEADER, rows());
}
