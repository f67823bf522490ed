/**
 * Nickname rules (issue 3): trimmed, NFC-normalised, inner whitespace collapsed to one space, 1–20 visible
 * characters counted as grapheme clusters (so "👩🏽‍💻" or "é" written with a combining accent is one), no control
 * or invisible characters, unique within a session ignoring case. Nicknames are plain text: nothing here builds
 * markup, and the UI renders them as text nodes only.
 */

export const NICKNAME_MAX_GRAPHEMES = 20;
/** A bound on code units too, so a single "character" stacked with hundreds of combining marks is refused. */
export const NICKNAME_MAX_CODE_UNITS = 80;

export type NicknameResult = { ok: true; nickname: string } | { ok: false; message: string };

// Cc control, Cf format (bidi overrides, zero-width space…), Co private use, Cs lone surrogates, Cn unassigned,
// Zl/Zp line and paragraph separators. The zero-width joiner U+200D is a format character too, but emoji
// sequences need it; it is allowed only inside a grapheme that is not made of it alone (checked below).
// Tabs and line feeds are ordinary whitespace typed or pasted by accident: they are collapsed, not refused.
const forbidden = /(?![\t\n\r])[\p{Cc}\p{Co}\p{Cs}\p{Cn}\p{Zl}\p{Zp}]|(?!\u200D)\p{Cf}/u;
// Letters and symbols that render as nothing: Hangul fillers, the braille blank, the halfwidth Hangul filler.
const invisibleLetters = /[\u115F\u1160\u3164\uFFA0\u2800]/u;
const visible = /[^\s\p{M}\u200D\uFE0E\uFE0F]/u;

const segmenter = new Intl.Segmenter("und", { granularity: "grapheme" });

export function graphemeCount(s: string): number {
  let n = 0;
  for (const _ of segmenter.segment(s)) n++;
  return n;
}

/**
 * Normalises a nickname or says why it cannot be one.
 *
 * @example normalizeNickname("  Ada \t Lovelace ") // → { ok: true, nickname: "Ada Lovelace" }
 */
export function normalizeNickname(raw: string): NicknameResult {
  const normalized = raw.normalize("NFC");
  // Checked before whitespace is collapsed: U+FEFF and U+2028 count as whitespace for \s but are invisible.
  if (forbidden.test(normalized) || invisibleLetters.test(normalized)) {
    return { ok: false, message: "Nicknames cannot contain control or invisible characters." };
  }
  const nickname = normalized.replace(/\s+/gu, " ").trim();
  if (nickname.length === 0) return { ok: false, message: "Pick a nickname." };
  if (nickname.length > NICKNAME_MAX_CODE_UNITS) {
    return { ok: false, message: `Nicknames have at most ${NICKNAME_MAX_GRAPHEMES} characters.` };
  }
  let count = 0;
  for (const { segment } of segmenter.segment(nickname)) {
    count++;
    if (!visible.test(segment)) {
      if (segment !== " ") return { ok: false, message: "Nicknames cannot contain control or invisible characters." };
    }
  }
  if (count > NICKNAME_MAX_GRAPHEMES) {
    return { ok: false, message: `Nicknames have at most ${NICKNAME_MAX_GRAPHEMES} characters.` };
  }
  return { ok: true, nickname };
}

/**
 * The key nicknames are compared by for uniqueness: compatibility-normalised (full-width "ＡＤＡ" is "ADA") and
 * case-folded (upper then lower, so "STRASSE" and "straße" collide as they look alike).
 */
export function nicknameKey(nickname: string): string {
  return nickname.normalize("NFKC").toUpperCase().toLowerCase();
}

const adjectives = [
  "Swift", "Brave", "Calm", "Clever", "Bright", "Keen", "Bold", "Quiet", "Lucky", "Sunny",
  "Nimble", "Witty", "Gentle", "Jolly", "Mighty", "Happy", "Noble", "Rapid", "Steady", "Vivid",
] as const;
const animals = [
  "Otter", "Falcon", "Panda", "Lynx", "Heron", "Koala", "Badger", "Dolphin", "Fox", "Gecko",
  "Ibex", "Jaguar", "Lemur", "Marmot", "Narwhal", "Owl", "Puffin", "Quokka", "Raven", "Tiger",
] as const;

function pick<T>(items: readonly T[], random: () => number): T {
  const i = Math.floor(Math.min(Math.max(random(), 0), 0.999999999) * items.length);
  return items[i] as T;
}

/** A friendly generated nickname such as "Swift Otter 42" (always valid under {@link normalizeNickname}). */
export function suggestNickname(random: () => number): string {
  const n = 10 + Math.floor(Math.min(Math.max(random(), 0), 0.999999999) * 90);
  return `${pick(adjectives, random)} ${pick(animals, random)} ${n}`;
}
