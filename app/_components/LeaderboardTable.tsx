import type { LeaderboardRow } from "@/lib/contract";

/**
 * Ranks as a real table (screen readers announce row and column); "you" is marked with a word, not only colour.
 * "Correct" is out of the questions played so far when the caller knows them (`played`), so that a student who
 * did not answer reads 0/1 like a wrong answer, not 0/0; otherwise it is the count alone.
 */
export function LeaderboardTable({
  rows,
  highlightId,
  limit,
  size = "md",
  caption = "Leaderboard",
  played,
}: {
  rows: LeaderboardRow[];
  highlightId?: string;
  limit?: number;
  size?: "md" | "xl";
  caption?: string;
  played?: number;
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
                {played !== undefined ? `${r.correct}/${played}` : r.correct}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
