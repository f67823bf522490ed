import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Instructor passwords, hashed with scrypt (RFC 7914) from node:crypto and stored as
 * `scrypt$N$r$p$salt$hash` (salt and hash base64url), so the cost can be raised later and old hashes still verify.
 */

/** N = 2^14, r = 8, p = 1: the RFC 7914 §2 interactive-login parameters; ~16 MiB and tens of ms per hash. */
export const SCRYPT_PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
/** Refuse stored parameters beyond this (a tampered row must not make a sign-in allocate gigabytes). */
const MAX_N = 1 << 20;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize("NFKC"), salt, keylen, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function maxmem(N: number, r: number): number {
  return 256 * N * r; // scrypt needs 128·N·r bytes; leave headroom over Node's 32 MiB default.
}

/**
 * @example
 * const stored = await hashPassword("correct horse battery staple"); // "scrypt$16384$8$1$…$…"
 */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = SCRYPT_PARAMS;
  const salt = randomBytes(SALT_BYTES);
  const hash = await scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem: maxmem(N, r) });
  return ["scrypt", N, r, p, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

/**
 * True when `password` matches `stored`. Compares in constant time; a malformed `stored` is simply false.
 *
 * @example
 * await verifyPassword("correct horse battery staple", stored); // true
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map((v) => Number.parseInt(v ?? "", 10));
  if (!N || !r || !p || N > MAX_N || (N & (N - 1)) !== 0 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4] ?? "", "base64url");
  const expected = Buffer.from(parts[5] ?? "", "base64url");
  if (salt.length === 0 || expected.length < 16) return false;
  const actual = await scrypt(password, salt, expected.length, { N, r, p, maxmem: maxmem(N, r) });
  return timingSafeEqual(actual, expected);
}

/**
 * A valid hash of a password nobody knows: verify against it when the email is unknown, so that
 * "no such account" and "wrong password" take the same time.
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash;
}
