"use client";

import { useMemo, useState } from "react";
import type { LeaderboardEntry } from "@/lib/reports/types";
import { formatPercent } from "@/lib/reports/format";

type Key = "rank" | "nickname" | "score" | "correct" | "answered" | "accuracy";
const COLUMNS: { key: Key; label: string; numeric: boolean }[] = [
  { key: "rank", label: "Rank", numeric: true },
  { key: "nickname", label: "Nickname", numeric: false },
  { key: "score", label: "Points", numeric: true },
  { key: "correct", label: "Correct", numeric: true },
  { key: "answered", label: "Answered", numeric: true },
  { key: "accuracy", label: "Accuracy", numeric: true },
];

/** Rows shown before "Show all": a class of 2,000 should not make the page slow to open. */
const FIRST_ROWS = 100;

/**
 * The final leaderboard with points AND accuracy, sortable by any column (buttons in the headers, with
 * aria-sort, so it works with a keyboard and a screen reader). Accuracy = correct / total activities reached;
 * the cell also shows correct / answered / total.
 */
export function SortableLeaderboard({ rows, onSelect }: { rows: LeaderboardEntry[]; onSelect?: (participantId: string) => void }) {
  const [sort, setSort] = useState<{ key: Key; dir: "asc" | "desc" }>({ key: "rank", dir: "asc" });
  const [all, setAll] = useState(false);
  const sorted = useMemo(() => {
    const value = (r: LeaderboardEntry): number | string =>
      sort.key === "nickname" ? r.nickname.toLowerCase() : sort.key === "accuracy" ? (r.accuracy ?? -1) : r[sort.key];
    const dir = sort.dir === "asc" ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      return (x < y ? -1 : x > y ? 1 : 0) * dir || a.rank - b.rank;
    });
  }, [rows, sort]);
  const shown = all ? sorted : sorted.slice(0, FIRST_ROWS);

  const toggle = (key: Key) =>
    setSort((s) =>
      s.key === key ? { key, dir: s.dir === "asc" ? "desc" : "asc" } : { key, dir: key === "rank" || key === "nickname" ? "asc" : "desc" },
    );

  return (
    <div className="space-y-2">
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-base">
          <caption className="sr-only">Final leaderboard, sortable by each column</caption>
          <thead>
            <tr className="border-b-2 border-ink text-left">
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={sort.key === c.key ? (sort.dir === "asc" ? "ascending" : "descending") : "none"}
                  className={`px-2 py-1 ${c.numeric ? "text-right" : ""}`}
                >
                  <button type="button" onClick={() => toggle(c.key)} className="min-h-12 font-bold underline-offset-4 hover:underline">
                    {c.label}
                    <span aria-hidden="true" className="ml-1 font-mono">
                      {sort.key === c.key ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.participantId} className="border-b border-slate-300">
                <td className="px-2 py-2 text-right font-mono">{r.rank}</td>
                <td className="px-2 py-2 break-words [overflow-wrap:anywhere]">
                  {onSelect ? (
                    // The cell's own padding is part of the 44 px hit area, so the row grows by 4 px only.
                    <button type="button" className="link -my-2 inline-flex min-h-11 min-w-11 items-center text-left" onClick={() => onSelect(r.participantId)}>
                      {r.nickname}
                      <span className="sr-only"> — show answers</span>
                    </button>
                  ) : (
                    r.nickname
                  )}
                </td>
                <td className="px-2 py-2 text-right font-mono">{r.score}</td>
                <td className="px-2 py-2 text-right font-mono">{r.correct}</td>
                <td className="px-2 py-2 text-right font-mono">
                  {r.answered}/{r.total}
                </td>
                <td className="px-2 py-2 text-right font-mono">
                  {formatPercent(r.accuracy)}
                  <span className="ml-1 text-sm text-muted">
                    ({r.correct}/{r.answered}/{r.total})
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > FIRST_ROWS ? (
        <button type="button" className="btn btn-secondary" onClick={() => setAll((a) => !a)}>
          {all ? `Show the first ${FIRST_ROWS}` : `Show all ${rows.length}`}
        </button>
      ) : null}
    </div>
  );
}
