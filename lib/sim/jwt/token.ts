/**
 * The projected ServiceAccount token (kubernetes pkg/serviceaccount/claims.go): a real RS256 JWT
 * signed with jose by the cluster's key. Signed tokens are cached by (key, claims): RS256 signing is
 * deterministic (RSASSA-PKCS1-v1_5), so the cache changes no outcome.
 */
import { base64url, compactVerify, SignJWT, type JWK, type JWTPayload } from "jose";
import type { FixtureKeyName } from "./fixture-keys";
import { fixtureKey, fixturePrivateKey, importPublicJwk } from "./keys";

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

/** Decode without verifying (what anyone holding the token can read). */
export function decodeToken(compact: string): DecodedToken {
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

/**
 * Verify an RS256 signature against a JWKS the way an OIDC relying party does: pick the key by `kid`,
 * then check the signature (RFC 7515 §5.2). Claims are NOT checked here; STS checks them itself.
 */
export async function verifySignature(compact: string, jwks: readonly JWK[]): Promise<SignatureCheck> {
  const decoded = decodeToken(compact);
  const kid = decoded.ok ? decoded.header.kid : undefined;
  const jwk = jwks.find((k) => k.kid === kid);
  if (!jwk) return { ok: false, reason: "kid-not-in-jwks", kid };
  try {
    await compactVerify(compact, await importPublicJwk(jwk), { algorithms: ["RS256"] });
    return { ok: true, kid: kid as string };
  } catch {
    return { ok: false, reason: "bad-signature", kid };
  }
}
