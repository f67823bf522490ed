/**
 * The nickname rule as the join form applies it while the student types, mirroring lib/quiz/nickname.ts (the
 * server's rule, which decides): NFC, whitespace runs collapsed to one space and trimmed, then at most 20 visible
 * characters counted as grapheme clusters ("👩🏽‍💻" or "é" with a combining accent is one) and at most 80 UTF-16 code
 * units. tests/unit/app/nickname.test.ts keeps the two in step.
 *
 * Not imported from lib/quiz: that module builds an Intl.Segmenter when it loads, which would break the join page
 * in a browser without one (Firefox before 125). Here the segmenter is optional: without it characters are counted
 * as code points, which can only overcount, so the form then shows the count but leaves the verdict to the server.
 */
export const NICKNAME_MAX = 20;
export const NICKNAME_MAX_CODE_UNITS = 80;

const segmenter = typeof Intl !== "undefined" && "Segmenter" in Intl ? new Intl.Segmenter("und", { granularity: "grapheme" }) : null;

export interface NicknameLength {
  /** Characters as the server counts them (grapheme clusters), after its normalisation. */
  count: number;
  /** Over the limit for certain (the server would refuse it as too long). */
  tooLong: boolean;
}

export function nicknameLength(raw: string): NicknameLength {
  const nickname = raw.normalize("NFC").replace(/\s+/gu, " ").trim();
  let count = 0;
  if (segmenter) for (const _ of segmenter.segment(nickname)) count++;
  else count = [...nickname].length;
  const tooLong = nickname.length > NICKNAME_MAX_CODE_UNITS || (segmenter !== null && count > NICKNAME_MAX);
  return { count, tooLong };
}

/** A friendly generated nickname, in the lab's vocabulary. Always within the 1–20 visible characters rule. */
const ADJECTIVES = ["Brave", "Calm", "Swift", "Clever", "Sunny", "Keen", "Bold", "Lucky", "Quiet", "Witty", "Happy", "Nimble"];
const NOUNS = ["Pod", "Node", "Role", "Token", "Kubelet", "Cluster", "Policy", "Webhook", "Signer", "Issuer", "Audience", "Secret"];

export function suggestNickname(random: () => number = Math.random): string {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length) % list.length] as T;
  const n = Math.floor(random() * 90) + 10;
  return `${pick(ADJECTIVES)} ${pick(NOUNS)} ${n}`.slice(0, 20);
}
