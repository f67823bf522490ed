import { jwtVerify, SignJWT } from "jose";

/**
 * Instructor and participant tokens: compact JWS, HS256 (RFC 7518 §3.2) with the process's signing key.
 * Each kind has its own `typ` header (RFC 8725 §3.11: explicit typing) and audience, and verification
 * requires both, so a participant token can never pass as an instructor's, or the other way round.
 */

const ISSUER = "irsa-classroom";
const ALG = "HS256";

const INSTRUCTOR = { typ: "irsa-instructor+jwt", aud: "irsa:instructor" } as const;
const PARTICIPANT = { typ: "irsa-participant+jwt", aud: "irsa:participant" } as const;

/** How long an instructor stays signed in; also the cookie's Max-Age. */
export const INSTRUCTOR_TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60;
/**
 * A participant token opens one session only. It lasts 30 days so that a student can come back to their results
 * (/me/SESSION) on the same phone after class; live rejoining is bounded anyway by the session still being live.
 */
export const PARTICIPANT_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;

export interface InstructorClaims {
  instructorId: string;
}
export interface ParticipantClaims {
  participantId: string;
  sessionId: string;
}

/** `ttl` in seconds, or a jose time span such as "7d". */
export type Ttl = number | string;

function expiry(ttl: Ttl): number | string {
  return typeof ttl === "number" ? Math.floor(Date.now() / 1000) + ttl : ttl;
}

/**
 * @example
 * const token = await signInstructorToken({ instructorId: "ck…" }, secret);
 */
export function signInstructorToken(
  claims: InstructorClaims,
  secret: Uint8Array,
  ttl: Ttl = INSTRUCTOR_TOKEN_TTL_SECONDS,
): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: ALG, typ: INSTRUCTOR.typ })
    .setIssuer(ISSUER)
    .setAudience(INSTRUCTOR.aud)
    .setSubject(claims.instructorId)
    .setIssuedAt()
    .setExpirationTime(expiry(ttl))
    .sign(secret);
}

/** The instructor in a valid, unexpired instructor token; null for anything else (never throws). */
export async function verifyInstructorToken(token: string, secret: Uint8Array): Promise<InstructorClaims | null> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: [ALG],
      issuer: ISSUER,
      audience: INSTRUCTOR.aud,
      typ: INSTRUCTOR.typ,
      requiredClaims: ["sub", "exp"],
    });
    return typeof payload.sub === "string" && payload.sub.length > 0 ? { instructorId: payload.sub } : null;
  } catch {
    return null;
  }
}

/**
 * @example
 * const token = await signParticipantToken({ participantId: "ck…", sessionId: "ck…" }, secret);
 */
export function signParticipantToken(
  claims: ParticipantClaims,
  secret: Uint8Array,
  ttl: Ttl = PARTICIPANT_TOKEN_TTL_SECONDS,
): Promise<string> {
  return new SignJWT({ sid: claims.sessionId })
    .setProtectedHeader({ alg: ALG, typ: PARTICIPANT.typ })
    .setIssuer(ISSUER)
    .setAudience(PARTICIPANT.aud)
    .setSubject(claims.participantId)
    .setIssuedAt()
    .setExpirationTime(expiry(ttl))
    .sign(secret);
}

/** The participant and session in a valid, unexpired participant token; null for anything else (never throws). */
export async function verifyParticipantToken(token: string, secret: Uint8Array): Promise<ParticipantClaims | null> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: [ALG],
      issuer: ISSUER,
      audience: PARTICIPANT.aud,
      typ: PARTICIPANT.typ,
      requiredClaims: ["sub", "exp", "sid"],
    });
    const { sub, sid } = payload;
    if (typeof sub !== "string" || !sub || typeof sid !== "string" || !sid) return null;
    return { participantId: sub, sessionId: sid };
  } catch {
    return null;
  }
}
