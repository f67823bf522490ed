import { describe, expect, it } from "vitest";
import { graphemeCount, nicknameKey, normalizeNickname, suggestNickname } from "@/lib/quiz";

describe("normalizeNickname", () => {
  const accepted: [string, string, string][] = [
    ["trims", "  Ada  ", "Ada"],
    ["collapses inner whitespace", "Ada \t\n  Lovelace", "Ada Lovelace"],
    ["collapses unicode spaces", "Ada\u00A0\u2003Lovelace", "Ada Lovelace"],
    ["NFC-normalises", "Jose\u0301", "Jos\u00E9"],
    ["one character", "x", "x"],
    ["20 characters", "abcdefghijklmnopqrst", "abcdefghijklmnopqrst"],
    ["20 emoji with ZWJ sequences", "👩🏽‍💻".repeat(5), "👩🏽‍💻".repeat(5)],
    ["flags count as one", "🇫🇷🇩🇪", "🇫🇷🇩🇪"],
    ["markup is kept as plain text", "<b>Bob</b>", "<b>Bob</b>"],
    ["ampersands too", "Tom & Jerry", "Tom & Jerry"],
    ["non-Latin scripts", "山田 太郎", "山田 太郎"],
  ];
  it.each(accepted)("accepts: %s", (_n, input, expected) => {
    const r = normalizeNickname(input);
    expect(r).toEqual({ ok: true, nickname: expected });
  });

  const refused: [string, string][] = [
    ["empty", ""],
    ["only spaces", "   \t "],
    ["21 characters", "abcdefghijklmnopqrstu"],
    ["a control character", "Ada\u0007"],
    ["NUL", "A\u0000da"],
    ["zero-width space", "A\u200Bda"],
    ["a right-to-left override", "Ada\u202Eevil"],
    ["a BOM", "\uFEFFAda"],
    ["a lone zero-width joiner", "\u200D"],
    ["a Hangul filler", "\u3164"],
    ["a braille blank", "\u2800\u2800"],
    ["private use", "Ada\uE000"],
    ["a line separator", "Ada\u2028B"],
    ["a combining-mark flood", "a" + "\u0301".repeat(100)],
    ["an unpaired surrogate", "Ada\uD800"],
  ];
  it.each(refused)("refuses: %s", (_n, input) => {
    const r = normalizeNickname(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).not.toMatch(/</);
  });

  it("counts grapheme clusters", () => {
    expect(graphemeCount("👩🏽‍💻")).toBe(1);
    expect(graphemeCount("e\u0301")).toBe(1);
    expect(graphemeCount("abc")).toBe(3);
  });
});

describe("nicknameKey: unique within a session ignoring case", () => {
  it.each([
    ["Ada", "ADA"],
    ["ada lovelace", "Ada Lovelace"],
    ["ＡＤＡ", "ada"],
    ["straße", "STRASSE"],
  ])("%s ≡ %s", (a, b) => expect(nicknameKey(a)).toBe(nicknameKey(b)));
  it("distinguishes different names", () => expect(nicknameKey("Ada")).not.toBe(nicknameKey("Ado")));
});

describe("suggestNickname", () => {
  it("is a valid nickname, plain text, deterministic", () => {
    let s = 42;
    const random = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 200; i++) {
      const name = suggestNickname(random);
      expect(name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ \d{2}$/);
      expect(normalizeNickname(name)).toEqual({ ok: true, nickname: name });
      expect(name).not.toMatch(/[<>&"']/);
    }
    expect(suggestNickname(() => 0)).toBe("Swift Otter 10");
  });
});
