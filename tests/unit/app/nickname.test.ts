import { describe, expect, it } from "vitest";
import { NICKNAME_MAX, NICKNAME_MAX_CODE_UNITS, nicknameLength, suggestNickname } from "@/app/_lib/nickname";
import { graphemeCount, NICKNAME_MAX_CODE_UNITS as SERVER_MAX_CODE_UNITS, NICKNAME_MAX_GRAPHEMES, normalizeNickname } from "@/lib/quiz";

/** The join form's live count must agree with the server's rule (lib/quiz/nickname.ts), which decides. */
describe("the join form's nickname count mirrors the server's rule", () => {
  it("uses the server's limits", () => {
    expect(NICKNAME_MAX).toBe(NICKNAME_MAX_GRAPHEMES);
    expect(NICKNAME_MAX_CODE_UNITS).toBe(SERVER_MAX_CODE_UNITS);
  });

  const family = "👨‍👩‍👧‍👦"; // one grapheme, 11 code units
  const cases: [string, string][] = [
    ["plain", "Ada"],
    ["exactly 20", "x".repeat(20)],
    ["21", "x".repeat(21)],
    ["padded and spaced", "   Ada  \t  Lovelace   "],
    ["20 spaced words", "a b c d e f g h i j"],
    ["combining accents (NFD)", "e\u0301".repeat(20)],
    ["20 skin-tone emoji", "👩🏽‍💻".repeat(20)],
    ["21 skin-tone emoji", "👩🏽‍💻".repeat(21)],
    ["10 flags", "🇫🇷".repeat(10)],
    ["7 families: 7 characters but 77 code units", family.repeat(7)],
    ["8 families: 8 characters but 88 code units", family.repeat(8)],
    ["CJK", "漢字".repeat(10)],
    ["CJK over", "漢字".repeat(11)],
    ["40 emoji (the old maxLength's cut)", "😀".repeat(40)],
    ["suggested", suggestNickname(() => 0.99)],
  ];

  it.each(cases)("%s", (_label, raw) => {
    const server = normalizeNickname(raw);
    const client = nicknameLength(raw);
    const tooLongOnServer = !server.ok && /at most/.test(server.message);
    expect(client.tooLong).toBe(tooLongOnServer);
    if (server.ok) {
      expect(client.count).toBe(graphemeCount(server.nickname));
      expect(client.count).toBeLessThanOrEqual(NICKNAME_MAX);
    }
  });

  it("counts a long emoji nickname in characters, not UTF-16 units: 20 emoji are 20/20", () => {
    expect(nicknameLength("😀".repeat(20))).toEqual({ count: 20, tooLong: false });
    expect(nicknameLength("😀".repeat(21))).toEqual({ count: 21, tooLong: true });
  });
});
