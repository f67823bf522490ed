import { describe, expect, it } from "vitest";
import { JOIN_CODE_ALPHABET, generateJoinCode, normalizeJoinCode } from "@/lib/quiz";

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("join codes", () => {
  it("the alphabet has no look-alikes", () => {
    for (const c of "0O1IL") expect(JOIN_CODE_ALPHABET).not.toContain(c);
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
  });
  it("is 6 characters of the alphabet, deterministic for a given random", () => {
    const a = generateJoinCode(seeded(7));
    expect(a).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
    expect(generateJoinCode(seeded(7))).toBe(a);
  });
  it("covers the edges of random()", () => {
    expect(generateJoinCode(() => 0)).toBe("AAAAAA");
    expect(generateJoinCode(() => 0.9999999999)).toBe("999999");
    expect(generateJoinCode(() => 1)).toBe("999999");
  });
  it("spreads over the alphabet", () => {
    const r = seeded(1);
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) for (const c of generateJoinCode(r)) seen.add(c);
    expect(seen.size).toBe(JOIN_CODE_ALPHABET.length);
  });
  it.each([
    ["  abcdef ", "ABCDEF"],
    ["K7XQ2M", "K7XQ2M"],
    ["K7XQ2", null],
    ["K7XQ2MM", null],
    ["K0XQ2M", null],
    ["KIXQ2M", null],
    ["K-XQ2M", null],
  ])("normalizeJoinCode(%j) → %j", (input, expected) => expect(normalizeJoinCode(input)).toBe(expected));
});
