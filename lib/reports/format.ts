/** Display helpers shared by the report pages (pure; safe in the browser). */

/** 0.4166… → "42%"; null → "—". */
export function formatPercent(share: number | null | undefined): string {
  return share === null || share === undefined ? "—" : `${Math.round(share * 100)}%`;
}

/**
 * A step's figure in the report: its accuracy, "no answers" when activities tested it but nobody answered them
 * (a question left to time out), "not tested" when no activity of the session tests it.
 */
export function formatStepAccuracy(step: { accuracy: number | null; activities: number }): string {
  if (step.accuracy !== null) return formatPercent(step.accuracy);
  return step.activities > 0 ? "no answers" : "not tested";
}

/** 4350 → "4.4 s"; null → "—". */
export function formatSeconds(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? "—" : `${(ms / 1000).toFixed(1)} s`;
}

/** "Mon 2 Nov 2026, 09:00" in the reader's locale and time zone. */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** The reader's local calendar day of an instant, as YYYY-MM-DD (what `<input type="date">` gives). */
export function localDay(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
