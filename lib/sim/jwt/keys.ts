/**
 * The fixture signing keys, imported once and cached. `kid` is computed as Kubernetes does
 * (pkg/serviceaccount/jwt.go keyIDFromPublicKey): base64url, without padding, of the SHA-256
 * of the DER-encoded SubjectPublicKeyInfo of the public key.
 */
import { createHash, createPrivateKey, createPublicKey } from "node:crypto";
import { importJWK, importPKCS8, type CryptoKey, type JWK } from "jose";
import { FIXTURE_PRIVATE_KEYS_PEM, type FixtureKeyName } from "./fixture-keys";

/**
 * `kid` of an RSA public key, given its DER SPKI bytes.
 * @example computeKid(createPublicKey(pem).export({ type: "spki", format: "der" }))
 */
export const computeKid = (spkiDer: Uint8Array): string => createHash("sha256").update(spkiDer).digest("base64url");

export interface FixtureKeyMaterial {
  name: FixtureKeyName;
  kid: string;
  /** The public key as the issuer's JWKS (`<issuer>/keys`) serves it. */
  publicJwk: JWK;
}

const material = new Map<FixtureKeyName, FixtureKeyMaterial>();
const privateKeys = new Map<FixtureKeyName, Promise<CryptoKey>>();
const publicKeys = new Map<string, Promise<CryptoKey>>();

/** Public material (kid + JWK) of a fixture key; computed once, synchronously. */
export function fixtureKey(name: FixtureKeyName): FixtureKeyMaterial {
  const cached = material.get(name);
  if (cached) return cached;
  const pub = createPublicKey(createPrivateKey(FIXTURE_PRIVATE_KEYS_PEM[name]));
  const kid = computeKid(pub.export({ type: "spki", format: "der" }));
  const jwk = pub.export({ format: "jwk" }) as JWK;
  const m: FixtureKeyMaterial = { name, kid, publicJwk: { kty: "RSA", n: jwk.n, e: jwk.e, kid, alg: "RS256", use: "sig" } };
  material.set(name, m);
  return m;
}

/** The private key for signing, imported with jose once per fixture. */
export function fixturePrivateKey(name: FixtureKeyName): Promise<CryptoKey> {
  let p = privateKeys.get(name);
  if (!p) {
    p = importPKCS8(FIXTURE_PRIVATE_KEYS_PEM[name], "RS256");
    privateKeys.set(name, p);
  }
  return p;
}

/** A JWKS key imported for verification, cached by its modulus (so equal keys share one import). */
export function importPublicJwk(jwk: JWK): Promise<CryptoKey> {
  const cacheKey = `${jwk.n}.${jwk.e}`;
  let p = publicKeys.get(cacheKey);
  if (!p) {
    p = importJWK({ kty: "RSA", n: jwk.n, e: jwk.e }, "RS256") as Promise<CryptoKey>;
    publicKeys.set(cacheKey, p);
  }
  return p;
}
