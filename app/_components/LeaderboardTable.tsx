import type { LeaderboardRow } from "@/lib/contract";

/** Ranks as a real table (screen readers announce row and column); "you" is marked with a word, not only colour. */
export function LeaderboardTable({
  rows,
  highlightId,
  limit,
  size = "md",
  caption = "Leaderboard",
}: {
  rows: LeaderboardRow[];
  highlightId?: string;
  limit?: number;
  size?: "md" | "xl";
  caption?: string;
}) {
  const shown = limit ? rows.slice(0, limit) : rows;
  const text = size === "xl" ? "text-3xl" : "text-base";
  const cell = size === "xl" ? "px-4 py-3" : "px-2 py-2";
  return (
    <table className={`w-full border-collapse ${text}`}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b-2 border-ink text-left">
          <th scope="col" className={`${cell} w-16`}>
            Rank
          </th>
          <th scope="col" className={cell}>
            Nickname
          </th>
          <th scope="col" className={`${cell} text-right`}>
            Score
          </th>
          <th scope="col" className={`${cell} text-right ${size === "xl" ? "" : "hidden sm:table-cell"}`}>
            Correct
          </th>
        </tr>
      </thead>
      <tbody>
        {shown.map((r) => {
          const me = r.participantId === highlightId;
          return (
            <tr key={r.participantId} className={`border-b border-slate-300 ${me ? "bg-warn-bg font-bold" : ""}`}>
              <td className={`${cell} font-mono`}>{r.rank}</td>
              <td className={`${cell} break-words [overflow-wrap:anywhere]`}>
                {r.nickname}
                {me ? <span className="ml-2 rounded bg-ink px-1.5 text-sm text-white">you</span> : null}
              </td>
              <td className={`${cell} text-right font-mono`}>{r.score}</td>
              <td className={`${cell} text-right font-mono ${size === "xl" ? "" : "hidden sm:table-cell"}`}>
                {r.correct}/{r.answered}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
