import type { LeaderboardRow } from "@/lib/contract";

export interface Standing {
  participantId: string;
  nickname: string;
  score: number;
  correct: number;
  answered: number;
}

/**
 * Ranks by score, highest first, with standard competition ranking ("1224"): equal scores share a rank and
 * the next rank skips. Rows with equal scores are listed by nickname (case-insensitive, then exact), then by
 * participant id, so the order is stable and never depends on insertion order; that order does not change
 * anyone's rank.
 */
export function rankStandings(standings: readonly Standing[]): LeaderboardRow[] {
  const sorted = [...standings].sort(
    (a, b) =>
      b.score - a.score ||
      compare(a.nickname.toLowerCase(), b.nickname.toLowerCase()) ||
      compare(a.nickname, b.nickname) ||
      compare(a.participantId, b.participantId),
  );
  const rows: LeaderboardRow[] = [];
  let rank = 0;
  let prevScore: number | null = null;
  sorted.forEach((s, i) => {
    if (s.score !== prevScore) {
      rank = i + 1;
      prevScore = s.score;
    }
    rows.push({ rank, participantId: s.participantId, nickname: s.nickname, score: s.score, correct: s.correct, answered: s.answered });
  });
  return rows;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
