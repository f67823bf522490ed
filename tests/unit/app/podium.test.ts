import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Podium } from "@/app/host/sessions/[id]/present/ProjectorLeaderboard";
import { rankStandings } from "@/lib/quiz/leaderboard";

const podium = (scores: [string, number][]) =>
  renderToStaticMarkup(
    createElement(Podium, {
      rows: rankStandings(scores.map(([nickname, score], i) => ({ participantId: `p${i}`, nickname, score, correct: 0, answered: 0 }))),
    }),
  );
/** The place each step shows, in rank order (the list's order). */
const places = (html: string) => [...html.matchAll(/>(1st|2nd|3rd)</g)].map((m) => m[1]);

describe("the projector's podium", () => {
  it("says each student's rank: 1st, 2nd, 3rd", () => {
    expect(places(podium([["Ana", 300], ["Bo", 200], ["Cy", 100]]))).toEqual(["1st", "2nd", "3rd"]);
  });

  it("gives a tie the same place and the same height (standard competition ranking: 1st, 1st, 3rd)", () => {
    const html = podium([["Ana", 200], ["Bo", 200], ["Cy", 100]]);
    expect(places(html)).toEqual(["1st", "1st", "3rd"]);
    const heights = [...html.matchAll(/ (h-\d+)">(?:1st|2nd|3rd)</g)].map((m) => m[1]);
    expect(heights[0]).toBe(heights[1]);
    expect(places(podium([["Ana", 50], ["Bo", 50], ["Cy", 50]]))).toEqual(["1st", "1st", "1st"]);
  });
});
