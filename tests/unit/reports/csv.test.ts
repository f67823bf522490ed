import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import {
  BOM,
  computeReport,
  csvField,
  fallbackLabels,
  leaderboardCsv,
  LEADERBOARD_HEADER,
  neutralizeCell,
  responsesCsv,
  RESPONSES_HEADER,
  toCsv,
  type ReportRows,
} from "@/lib/reports";

describe("formula-injection neutralising (OWASP CSV injection)", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+SUM(A1:A2)", "'+SUM(A1:A2)"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=cmd", "'\t=cmd"],
    ["\r=cmd", "'\r=cmd"],
    ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
  ])("%j → %j", (input, expected) => {
    expect(neutralizeCell(input)).toBe(expected);
  });

  it.each(["Ana", "a=b", "1+1", "Zoë 🎭", "", " =x", "'quoted"])("leaves %j alone", (input) => {
    expect(neutralizeCell(input)).toBe(input);
  });

  it("never touches numbers, even negative ones", () => {
    expect(csvField(-5)).toBe("-5");
    expect(csvField(0.5)).toBe("0.5");
    expect(csvField(null)).toBe("");
  });
});

describe("RFC 4180 serialisation", () => {
  it("quotes fields with commas, quotes and line breaks; CRLF between records; BOM first", () => {
    const csv = toCsv(["a", "b"], [["x,y", 'say "hi"'], ["line\nbreak", "plain"]]);
    expect(csv).toBe(`${BOM}a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",plain\r\n`);
  });

  const NASTY = [
    "=1+1",
    "+cmd",
    "-1",
    "@A1",
    "\t=tab",
    "\r=cr",
    'quote " inside',
    "comma, inside",
    "new\r\nline",
    "Zoë 🎭 日本",
    "ordinary",
  ];

  function rowsWith(nicknames: string[]): ReportRows {
    const at = new Date("2026-11-02T09:00:00Z");
    return {
      session: {
        id: "s1",
        code: "ABCDEF",
        instructorId: "i1",
        deckId: null,
        deckTitle: "=deck, \"title\"",
        activities: [{ kind: "pitfall", scenarioId: "-scenario,1", config: {}, timeLimitSec: 30, pointsMultiplier: 1 }],
        scoring: "speed",
        status: "ended",
        reached: null,
        createdAt: at,
        endedAt: at,
      },
      participants: nicknames.map((nickname, i) => ({ id: `p${i}`, nickname, score: 100 * i, streak: 0, kicked: false, joinedAt: at })),
      responses: nicknames.map((_, i) => ({
        participantId: `p${i}`,
        activityIndex: 0,
        answer: { kind: "pitfall", choiceId: i % 2 ? "=evil" : "b" },
        correct: i % 2 === 0,
        points: i % 2 === 0 ? 100 * i : 0,
        streakBonus: 0,
        timeTakenMs: 1000 + i,
        pickedStep: null,
        correctStep: null,
        createdAt: at,
      })),
    };
  }

  const rows = rowsWith(NASTY);
  const report = computeReport(rows, rows.session.activities.map(fallbackLabels));
  const parseCsv = (text: string) => parse(text, { bom: true, relax_quotes: false, record_delimiter: "\r\n" }) as string[][];

  it("round-trips the leaderboard through a CSV parser", () => {
    const text = leaderboardCsv(report);
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    const [header, ...records] = parseCsv(text);
    expect(header).toEqual([...LEADERBOARD_HEADER]);
    expect(records).toHaveLength(NASTY.length);
    const expected = report.leaderboard.map((r) => [
      String(r.rank),
      neutralizeCell(r.nickname),
      String(r.score),
      String(r.correct),
      String(r.answered),
      String(r.total),
      r.accuracy === null ? "" : String(Math.round(r.accuracy * 1000) / 10),
      r.answeredAccuracy === null ? "" : String(Math.round(r.answeredAccuracy * 1000) / 10),
    ]);
    expect(records).toEqual(expected);
    // What a spreadsheet would evaluate never starts a nickname cell.
    for (const r of records) expect(r[1]).not.toMatch(/^[=+\-@\t\r]/);
    // Taking the guard off gives back exactly what the students typed.
    expect(records.map((r) => r[1]!.replace(/^'(?=[=+\-@\t\r])/, "")).sort()).toEqual([...NASTY].sort());
  });

  it("round-trips every response through a CSV parser", () => {
    const [header, ...records] = parseCsv(responsesCsv(report));
    expect(header).toEqual([...RESPONSES_HEADER]);
    expect(records).toHaveLength(NASTY.length);
    for (const r of records) {
      const col = (name: (typeof RESPONSES_HEADER)[number]) => r[RESPONSES_HEADER.indexOf(name)]!;
      expect(col("nickname")).not.toMatch(/^[=+\-@\t\r]/);
      expect(col("activity_title")).toBe("'-scenario,1");
      expect(["b", "'=evil"]).toContain(col("answer"));
      expect(["yes", "no"]).toContain(col("correct"));
      expect(Number(col("time_taken_ms"))).toBeGreaterThanOrEqual(1000);
      expect(col("answered_at")).toBe("2026-11-02T09:00:00.000Z");
    }
    const byNick = new Map(records.map((r) => [r[0]!.replace(/^'(?=[=+\-@\t\r])/, ""), r]));
    expect([...byNick.keys()].sort()).toEqual([...NASTY].sort());
    expect(byNick.get("new\r\nline")![RESPONSES_HEADER.indexOf("time_taken_ms")]).toBe(String(1000 + NASTY.indexOf("new\r\nline")));
  });
});
