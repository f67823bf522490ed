import type { StepStanding } from "@/lib/reports/types";
import { formatPercent, formatStepAccuracy } from "@/lib/reports/format";

/**
 * "Where the class stands on the nine steps": one horizontal bar per step of the token flow, the share of
 * correct answers to the activities that test it. Plain SVG: crisp at any size, big type for the back row of a
 * projector, and every number is printed as text (the table below repeats them for screen readers).
 * A step without answers is drawn as a dashed outline and says "not tested" or "no answers" (formatStepAccuracy) —
 * never an empty bar that reads as 0%.
 */
export function StepChart({ steps }: { steps: StepStanding[] }) {
  const rowH = 56;
  const labelW = 480;
  const barW = 470;
  const valueW = 140;
  const top = 36;
  const width = labelW + barW + valueW;
  const height = top + steps.length * rowH + 8;
  const weakest = steps
    .filter((s) => s.accuracy !== null)
    .reduce<StepStanding | null>((w, s) => (w === null || (s.accuracy ?? 1) < (w.accuracy ?? 1) ? s : w), null);
  return (
    <svg
      role="img"
      aria-labelledby="step-chart-title step-chart-desc"
      viewBox={`0 0 ${width} ${height}`}
      className="h-auto w-full max-w-5xl"
      fontFamily="inherit"
    >
      <title id="step-chart-title">Accuracy per step of the token flow</title>
      <desc id="step-chart-desc">
        {steps
          .map((s) => `Step ${s.step}, ${s.title}: ${s.accuracy === null ? formatStepAccuracy(s) : `${formatPercent(s.accuracy)} correct of ${s.answered}`}`)
          .join(". ")}
      </desc>
      {[0, 0.5, 1].map((t) => (
        <g key={t}>
          <line x1={labelW + t * barW} x2={labelW + t * barW} y1={top - 6} y2={height - 8} stroke="#5b6778" strokeDasharray="4 6" />
          <text x={labelW + t * barW} y={top - 14} textAnchor="middle" fontSize="20" fill="#3b4656">
            {Math.round(t * 100)}%
          </text>
        </g>
      ))}
      {steps.map((s, i) => {
        const y = top + i * rowH;
        const tested = s.accuracy !== null;
        const w = tested ? Math.max(2, (s.accuracy ?? 0) * barW) : barW;
        const low = tested && (s.accuracy ?? 0) < 0.5;
        return (
          <g key={s.step} data-step={s.step}>
            <text x={0} y={y + rowH / 2 + 8} fontSize="24" fontWeight={weakest?.step === s.step ? 800 : 600} fill="#0b1220">
              {`${s.step}. ${truncate(s.title, 34)}`}
            </text>
            {tested ? (
              <rect x={labelW} y={y + 8} width={w} height={rowH - 16} rx="4" fill={low ? "#a33a00" : "#1d3fbf"} />
            ) : (
              <rect x={labelW} y={y + 8} width={w} height={rowH - 16} rx="4" fill="none" stroke="#5b6778" strokeWidth="2" strokeDasharray="8 6" />
            )}
            <text x={labelW + barW + 12} y={y + rowH / 2 + 8} fontSize="24" fontWeight="700" fill="#0b1220">
              {`${low ? "▼ " : ""}${formatStepAccuracy(s)}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function truncate(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}
