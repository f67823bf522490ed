/**
 * Join codes: 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L), so a code read off a projector
 * is typed right. 31^6 ≈ 887 million codes. Uniqueness among live sessions is the caller's job (retry on clash).
 */
export const JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const JOIN_CODE_LENGTH = 6;

/** `random` returns a number in [0, 1), like Math.random. */
export function generateJoinCode(random: () => number): string {
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) {
    const r = Math.min(Math.max(random(), 0), 0.999999999);
    code += JOIN_CODE_ALPHABET[Math.floor(r * JOIN_CODE_ALPHABET.length)];
  }
  return code;
}

const codePattern = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/** Upper-cases and trims what a student typed; null when it cannot be a join code. */
export function normalizeJoinCode(input: string): string | null {
  const code = input.trim().toUpperCase();
  return codePattern.test(code) ? code : null;
}
