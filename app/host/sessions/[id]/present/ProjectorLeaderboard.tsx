import type { LeaderboardRow } from "@/lib/contract";
import { correctCell } from "@/app/_components/LeaderboardTable";

/**
 * The projector's ranking: a real table (screen readers announce row and column), ten rows that fit a 1280×720
 * screen under the heading. Sizes in rem (the projector's root font size scales with the screen). "Correct" is out
 * of `played` when given, as on the phone (correctCell).
 */
export function ProjectorLeaderboard({
  rows,
  limit,
  caption,
  startRank = 0,
  played,
}: {
  rows: LeaderboardRow[];
  limit: number;
  caption: string;
  startRank?: number;
  played?: number;
}) {
  const shown = rows.slice(startRank, startRank + limit);
  const cell = "px-3 py-1.5";
  return (
    <table className="w-full border-collapse text-3xl">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b-[0.1875rem] border-ink text-left text-2xl">
          <th scope="col" className={`${cell} w-24`}>
            Rank
          </th>
          <th scope="col" className={cell}>
            Nickname
          </th>
          <th scope="col" className={`${cell} text-right`}>
            Score
          </th>
          <th scope="col" className={`${cell} text-right`}>
            Correct
          </th>
        </tr>
      </thead>
      <tbody>
        {shown.map((r) => (
          <tr key={r.participantId} className="border-b border-slate-300">
            <td className={`${cell} font-mono`}>{r.rank}</td>
            <td className={`${cell} font-semibold break-words [overflow-wrap:anywhere]`}>{r.nickname}</td>
            <td className={`${cell} text-right font-mono`}>{r.score}</td>
            <td className={`${cell} text-right font-mono`}>{correctCell(r, played)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The top three in the classic podium order (2nd, 1st, 3rd), read in rank order; heights and words say the rank
 * (ties share it).
 * `lg` when the podium has the screen to itself (three students or fewer, no table beside it).
 */
export function Podium({ rows, size = "md" }: { rows: LeaderboardRow[]; size?: "md" | "lg" }) {
  const top = rows.slice(0, 3);
  const lg = size === "lg";
  // Where each stands: by position (the classic order). What it says and how tall it is: by rank, so a tie is two
  // "1st" of the same height, as the leaderboard ranks them (lib/quiz/leaderboard.ts: equal scores, equal rank).
  const order = ["order-2", "order-1", "order-3"];
  const step = [
    { place: "1st", height: lg ? "h-80" : "h-64" },
    { place: "2nd", height: lg ? "h-60" : "h-48" },
    { place: "3rd", height: lg ? "h-44" : "h-36" },
  ];
  const look = top.map((r, i) => ({ order: order[i]!, ...step[Math.min(Math.max(r.rank, 1), 3) - 1]! }));
  // One column per student on it, so two (or one) stand in the middle rather than beside an empty third place.
  const columns = ["", "mx-auto max-w-[32rem] grid-cols-1", "grid-cols-2", "grid-cols-3"][top.length] ?? "grid-cols-3";
  return (
    <ol className={`grid ${columns} items-end gap-6`} aria-label="Podium">
      {top.map((r, i) => (
        <li key={r.participantId} className={`flex min-w-0 flex-col items-center gap-2 text-center ${look[i]!.order}`}>
          <span className={`max-w-full ${lg ? "text-5xl" : "text-4xl"} font-black break-words [overflow-wrap:anywhere]`}>{r.nickname}</span>
          <span className={`font-mono ${lg ? "text-4xl" : "text-3xl"}`}>{r.score} pts</span>
          <span
            className={`flex w-full items-start justify-center rounded-t-2xl border-[0.25rem] border-ink bg-slate-100 pt-4 ${lg ? "text-7xl" : "text-6xl"} font-black ${look[i]!.height}`}
          >
            {look[i]!.place}
          </span>
        </li>
      ))}
    </ol>
  );
}
