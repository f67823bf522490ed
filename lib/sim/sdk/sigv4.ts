/**
 * AWS Signature Version 4 (AWS General Reference: "Create a signed AWS API request"), real HMAC-SHA256,
 * so a student can follow the canonical request → string to sign → signature chain.
 */
import { createHash, createHmac } from "node:crypto";
import { SIGV4_MESSAGES } from "../sts/messages";

const sha256Hex = (s: string): string => createHash("sha256").update(s).digest("hex");
const hmac = (key: string | Buffer, s: string): Buffer => createHmac("sha256", key).update(s).digest();

export interface SigV4Input {
  method: string;
  host: string;
  path: string;
  /** Canonical query string (sorted, URI-encoded), "" or absent when none. */
  query?: string | undefined;
  headers: Record<string, string>;
  body: string;
  region: string;
  service: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
  /** The signer's clock (the pod's, skew included). */
  date: Date;
}

export interface SigV4Result {
  amzDate: string;
  credentialScope: string;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  /** The request headers as sent, Authorization included. */
  headers: Record<string, string>;
}

const signingKeys = new Map<string, Buffer>();
export const signingKeyCacheStats = { hits: 0, misses: 0 };

/** kSigning = HMAC chain over date, region, service, "aws4_request". Cached per (secret, day, region, service), as the SDKs do. */
function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  const cacheKey = `${secret}\u0000${day}\u0000${region}\u0000${service}`;
  const hit = signingKeys.get(cacheKey);
  if (hit) {
    signingKeyCacheStats.hits++;
    return hit;
  }
  signingKeyCacheStats.misses++;
  const k = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), "aws4_request");
  if (signingKeys.size >= 1024) signingKeys.clear();
  signingKeys.set(cacheKey, k);
  return k;
}

/** `20241108T200000Z` */
export const amzDate = (d: Date): string => d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

/**
 * Sign a request with SigV4.
 * @example signSigV4({ method: "POST", host: "dynamodb.us-east-1.amazonaws.com", path: "/", headers: {}, body: "{}", region: "us-east-1", service: "dynamodb", accessKeyId, secretAccessKey, date: new Date() })
 */
export function signSigV4(input: SigV4Input): SigV4Result {
  // A pure function of its whole input: memoise by every field (identical traces sign identical requests).
  const memoKey = [input.method, input.host, input.path, input.query ?? "", JSON.stringify(input.headers), input.body, input.region, input.service, input.accessKeyId, input.secretAccessKey, input.sessionToken ?? "", input.date.getTime()].join("\u0000");
  const hit = signatureMemo.get(memoKey);
  if (hit) {
    signatureMemoStats.hits++;
    return { ...hit, headers: { ...hit.headers } };
  }
  signatureMemoStats.misses++;
  const result = signUncached(input);
  if (signatureMemo.size >= 1024) signatureMemo.clear();
  signatureMemo.set(memoKey, result);
  return { ...result, headers: { ...result.headers } };
}

const signatureMemo = new Map<string, SigV4Result>();
export const signatureMemoStats = { hits: 0, misses: 0 };

function signUncached(input: SigV4Input): SigV4Result {
  const date = amzDate(input.date);
  const day = date.slice(0, 8);
  const headers: Record<string, string> = { ...input.headers, host: input.host, "x-amz-date": date };
  if (input.sessionToken) headers["x-amz-security-token"] = input.sessionToken;
  const names = Object.keys(headers).map((h) => h.toLowerCase()).sort();
  const lower: Record<string, string> = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.trim()]));
  const signedHeaders = names.join(";");
  const canonicalRequest = [input.method, input.path, input.query ?? "", ...names.map((n) => `${n}:${lower[n]}`), "", signedHeaders, lower["x-amz-content-sha256"] ?? sha256Hex(input.body)].join("\n");
  const credentialScope = `${day}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", date, credentialScope, sha256Hex(canonicalRequest)].join("\n");
  const kSigning = signingKey(input.secretAccessKey, day, input.region, input.service);
  const signature = createHmac("sha256", kSigning).update(stringToSign).digest("hex");
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { amzDate: date, credentialScope, canonicalRequest, stringToSign, signature, headers };
}

/** SigV4 allows 5 minutes of clock difference. */
export const MAX_SKEW_SECONDS = 300;

/**
 * The server's verdict on the request's X-Amz-Date (IRSA-FACTS §6):
 * `Signature expired: X is now earlier than Y (Z - 5 min.)`, or "not yet current" for a clock ahead.
 */
export function checkRequestTime(requestDate: Date, serverNow: Date): { ok: true } | { ok: false; message: string } {
  const skew = (requestDate.getTime() - serverNow.getTime()) / 1000;
  if (skew < -MAX_SKEW_SECONDS) {
    const y = new Date(serverNow.getTime() - MAX_SKEW_SECONDS * 1000);
    return { ok: false, message: SIGV4_MESSAGES.signatureExpired(amzDate(requestDate), amzDate(y), amzDate(serverNow)) };
  }
  if (skew > MAX_SKEW_SECONDS) {
    const y = new Date(serverNow.getTime() + MAX_SKEW_SECONDS * 1000);
    return { ok: false, message: SIGV4_MESSAGES.signatureNotYetCurrent(amzDate(requestDate), amzDate(y), amzDate(serverNow)) };
  }
  return { ok: true };
}
