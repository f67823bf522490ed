import { describe, expect, it } from "vitest";
import { rankStandings } from "@/lib/quiz";

const s = (participantId: string, nickname: string, score: number) => ({ participantId, nickname, score, correct: 0, answered: 0 });

describe("rankStandings", () => {
  it("ranks by score, ties share a rank and the next rank skips (1224)", () => {
    const rows = rankStandings([s("a", "Cy", 500), s("b", "Bo", 900), s("c", "Al", 500), s("d", "Di", 100)]);
    expect(rows.map((r) => [r.rank, r.nickname])).toEqual([
      [1, "Bo"],
      [2, "Al"],
      [2, "Cy"],
      [4, "Di"],
    ]);
  });
  it("lists ties by nickname ignoring case, then id", () => {
    const rows = rankStandings([s("2", "bob", 0), s("1", "Bob", 0), s("3", "alice", 0)]);
    expect(rows.map((r) => r.participantId)).toEqual(["3", "1", "2"]);
    expect(rows.every((r) => r.rank === 1)).toBe(true);
  });
  it("handles nobody", () => expect(rankStandings([])).toEqual([]));
});
