/**
 * The projected ServiceAccount token (kubernetes pkg/serviceaccount/claims.go): a real RS256 JWT
 * signed with jose by the cluster's key. Signed tokens are cached by (key, claims): RS256 signing is
 * deterministic (RSASSA-PKCS1-v1_5), so the cache changes no outcome.
 */
import { createPublicKey, verify as cryptoVerify, type KeyObject } from "node:crypto";
import { base64url, SignJWT, type JWK, type JWTPayload } from "jose";
import type { FixtureKeyName } from "./fixture-keys";
import { fixtureKey, fixturePrivateKey } from "./keys";

export interface ServiceAccountTokenClaims extends JWTPayload {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  iat?: number;
  nbf?: number;
  exp?: number;
  "kubernetes.io"?: {
    namespace: string;
    serviceaccount: { name: string; uid: string };
    pod?: { name: string; uid: string };
  };
}

export interface TokenHeader {
  alg: string;
  kid?: string;
  [k: string]: unknown;
}

/** Claims as the API server issues them for a pod's projected token. */
export function serviceAccountClaims(input: {
  issuer: string;
  namespace: string;
  serviceAccount: { name: string; uid: string };
  pod: { name: string; uid: string };
  audience: string;
  issuedAt: number;
  expirationSeconds: number;
}): ServiceAccountTokenClaims {
  return {
    aud: [input.audience],
    exp: input.issuedAt + input.expirationSeconds,
    iat: input.issuedAt,
    iss: input.issuer,
    "kubernetes.io": { namespace: input.namespace, pod: input.pod, serviceaccount: input.serviceAccount },
    nbf: input.issuedAt,
    sub: `system:serviceaccount:${input.namespace}:${input.serviceAccount.name}`,
  };
}

/** Top-level claim overrides; a `null` value removes the claim (e.g. `{ aud: null }` for "aud missing"). */
export function overrideClaims(claims: ServiceAccountTokenClaims, overrides: Record<string, unknown> | undefined): ServiceAccountTokenClaims {
  const out: Record<string, unknown> = { ...claims };
  for (const [k, v] of Object.entries(overrides ?? {})) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out as ServiceAccountTokenClaims;
}

const SIGN_CACHE_MAX = 2048;
const signCache = new Map<string, Promise<string>>();
export const tokenCacheStats = { hits: 0, misses: 0 };

/**
 * Sign claims with a fixture key (RS256, header `{alg, kid}` as Kubernetes writes it). Cached.
 * @example const jwt = await signToken({ sub: "system:serviceaccount:payments:billing-svc" }, "eks-demo-2024a")
 */
export function signToken(claims: ServiceAccountTokenClaims, key: FixtureKeyName): Promise<string> {
  const cacheKey = `${key}\u0000${JSON.stringify(claims)}`;
  const hit = signCache.get(cacheKey);
  if (hit) {
    tokenCacheStats.hits++;
    return hit;
  }
  tokenCacheStats.misses++;
  const p = fixturePrivateKey(key).then((pk) =>
    new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: fixtureKey(key).kid }).sign(pk),
  );
  if (signCache.size >= SIGN_CACHE_MAX) {
    const oldest = signCache.keys().next().value;
    if (oldest !== undefined) signCache.delete(oldest);
  }
  signCache.set(cacheKey, p);
  return p;
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/**
 * Edit a signed token's claims WITHOUT re-signing: the header and the original signature are kept,
 * so signature verification must fail.
 */
export function tamperToken(compact: string, overrides: Record<string, unknown>): string {
  const [h, p, s] = compact.split(".");
  const claims = overrideClaims(JSON.parse(textDecoder.decode(base64url.decode(p ?? ""))) as ServiceAccountTokenClaims, overrides);
  return `${h}.${base64url.encode(textEncoder.encode(JSON.stringify(claims)))}.${s}`;
}

export type DecodedToken = { ok: true; header: TokenHeader; claims: ServiceAccountTokenClaims } | { ok: false };

const decodeCache = new Map<string, DecodedToken>();

/** Decode without verifying (what anyone holding the token can read). Cached by the token's text. */
export function decodeToken(compact: string): DecodedToken {
  const hit = decodeCache.get(compact);
  if (hit) return hit;
  const d = decodeUncached(compact);
  if (decodeCache.size >= SIGN_CACHE_MAX) decodeCache.clear();
  decodeCache.set(compact, d);
  return d;
}

function decodeUncached(compact: string): DecodedToken {
  try {
    const [h, p, s] = compact.split(".");
    if (h === undefined || p === undefined || s === undefined) return { ok: false };
    const header = JSON.parse(textDecoder.decode(base64url.decode(h))) as TokenHeader;
    const claims = JSON.parse(textDecoder.decode(base64url.decode(p))) as ServiceAccountTokenClaims;
    return { ok: true, header, claims };
  } catch {
    return { ok: false };
  }
}

export type SignatureCheck = { ok: true; kid: string } | { ok: false; reason: "kid-not-in-jwks" | "bad-signature"; kid: string | undefined };

const verifyKeys = new Map<string, KeyObject>();
const verifyCache = new Map<string, boolean>();
export const verifyCacheStats = { hits: 0, misses: 0 };
function verifyKey(jwk: JWK): KeyObject {
  const cacheKey = `${jwk.n}.${jwk.e}`;
  let k = verifyKeys.get(cacheKey);
  if (!k) {
    k = createPublicKey({ key: { kty: "RSA", n: jwk.n as string, e: jwk.e as string }, format: "jwk" });
    verifyKeys.set(cacheKey, k);
  }
  return k;
}

/**
 * Verify an RS256 signature against a JWKS the way an OIDC relying party does: pick the key by `kid`,
 * then check RSASSA-PKCS1-v1_5 with SHA-256 over `header.payload` (RFC 7515 §5.2, RFC 7518 §3.3).
 * Claims are NOT checked here; STS checks them itself. Uses node:crypto's synchronous verify
 * (WebCrypto's async verify costs ~10x more in thread-pool round trips); verdicts are cached by
 * (key, exact token text).
 * @example await verifySignature(jwt, [fixtureKey("eks-demo-2024a").publicJwk]) // { ok: true, kid }
 */
export async function verifySignature(compact: string, jwks: readonly JWK[]): Promise<SignatureCheck> {
  const decoded = decodeToken(compact);
  const kid = decoded.ok ? decoded.header.kid : undefined;
  const jwk = jwks.find((k) => k.kid === kid);
  if (!jwk) return { ok: false, reason: "kid-not-in-jwks", kid };
  const parts = compact.split(".");
  if (!decoded.ok || decoded.header.alg !== "RS256" || parts.length !== 3) return { ok: false, reason: "bad-signature", kid };
  // Same token bytes + same public key ⇒ same verdict: caching it changes no outcome.
  const cacheKey = `${jwk.n}\u0000${compact}`;
  let valid = verifyCache.get(cacheKey);
  if (valid === undefined) {
    verifyCacheStats.misses++;
    valid = cryptoVerify("RSA-SHA256", Buffer.from(`${parts[0]}.${parts[1]}`), verifyKey(jwk), Buffer.from(parts[2] as string, "base64url"));
    if (verifyCache.size >= SIGN_CACHE_MAX) verifyCache.clear();
    verifyCache.set(cacheKey, valid);
  } else verifyCacheStats.hits++;
  return valid ? { ok: true, kid: kid as string } : { ok: false, reason: "bad-signature", kid };
}
