import type { LeaderboardRow } from "@/lib/contract";

/**
 * The "Correct" cell of a ranking (here and on the projector, ProjectorLeaderboard): out of the questions played so
 * far when the caller knows them, so that a student who did not answer reads 0/1 like a wrong answer, not 0/0;
 * otherwise the count alone.
 */
export function correctCell(row: LeaderboardRow, played: number | undefined): string {
  return played !== undefined ? `${row.correct}/${played}` : String(row.correct);
}

/**
 * Ranks as a real table (screen readers announce row and column); "you" is marked with a word, not only colour.
 * "Correct" is out of `played` when given ({@link correctCell}).
 */
export function LeaderboardTable({
  rows,
  highlightId,
  limit,
  caption = "Leaderboard",
  played,
}: {
  rows: LeaderboardRow[];
  highlightId?: string;
  limit?: number;
  caption?: string;
  played?: number;
}) {
  const shown = limit ? rows.slice(0, limit) : rows;
  const cell = "px-2 py-2";
  return (
    <table className="w-full border-collapse text-base">
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
          <th scope="col" className={`${cell} hidden text-right sm:table-cell`}>
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
              <td className={`${cell} hidden text-right font-mono sm:table-cell`}>{correctCell(r, played)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
