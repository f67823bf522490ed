/**
 * The simulated STS AssumeRoleWithWebIdentity (IRSA-FACTS §3): the unsigned form-encoded request, the
 * parameter checks, the XML bodies. The JWT / provider / trust checks are composed in flow.ts in the
 * order chosen in unverified.ts (STS_CHECK_ORDER).
 */
import { createHash } from "node:crypto";
import { randomString } from "../util";
import { OPT_IN_REGIONS, SDK_DEFAULT_STS_ENDPOINT } from "../unverified";
import { STS_ERRORS, STS_MESSAGES } from "./messages";

export interface SimError {
  code: string;
  message: string;
  /** The HTTP status AWS answers with; `null` when the error never reached a server (SDK/OS errors). */
  httpStatus: number | null;
}

export const STS_API_VERSION = "2011-06-15";
export const ROLE_SESSION_NAME_PATTERN = /^[\w+=,.@-]*$/;
export const STS_ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\-/]+$/;

/** Which STS endpoint the SDK calls: `AWS_ENDPOINT_URL_STS`, else regional or global per env / SDK default. */
export function stsEndpoint(input: { env: Readonly<Record<string, string>>; sdk: string; region: string | undefined }): { url: string; host: string; regional: boolean } {
  const custom = input.env.AWS_ENDPOINT_URL_STS;
  if (custom) {
    const host = custom.replace(/^https?:\/\//, "").replace(/\/.*$/, "");
    return { url: custom.endsWith("/") ? custom : `${custom}/`, host, regional: host !== "sts.amazonaws.com" };
  }
  const setting = input.env.AWS_STS_REGIONAL_ENDPOINTS;
  const regional = input.region !== undefined && (setting === "regional" || (setting === undefined && SDK_DEFAULT_STS_ENDPOINT[input.sdk] === "regional"));
  const suffix = input.region?.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  const host = regional ? `sts.${input.region}.${suffix}` : "sts.amazonaws.com";
  return { url: `https://${host}/`, host, regional };
}

export const isOptInRegion = (region: string | undefined): boolean => region !== undefined && (OPT_IN_REGIONS as readonly string[]).includes(region);

const formEncodeUncached = (s: string): string =>
  encodeURIComponent(s).replace(/%20/g, "+").replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
/** The JWT is ~1 KB and the same token comes back for identical claims: memoise the last few (pure, keyed by the exact text). */
const formCache = new Map<string, string>();
const formEncode = (s: string): string => {
  if (s.length < 64) return formEncodeUncached(s);
  let e = formCache.get(s);
  if (e === undefined) {
    e = formEncodeUncached(s);
    if (formCache.size >= 256) formCache.clear();
    formCache.set(s, e);
  }
  return e;
};

export interface AssumeRoleRequest {
  method: "POST";
  url: string;
  path: "/";
  headers: Record<string, string>;
  form: Record<string, string>;
  body: string;
}

/**
 * The request the SDK sends: `POST /`, form-encoded, UNSIGNED (the token is the credential).
 * @example buildAssumeRoleRequest({ url: "https://sts.us-east-1.amazonaws.com/", host: "sts.us-east-1.amazonaws.com", roleArn, sessionName: "s", token: jwt }).body
 */
export function buildAssumeRoleRequest(input: { url: string; host: string; roleArn: string; sessionName: string; token: string; durationSeconds?: number | undefined }): AssumeRoleRequest {
  const form: Record<string, string> = {
    Action: "AssumeRoleWithWebIdentity",
    Version: STS_API_VERSION,
    RoleArn: input.roleArn,
    RoleSessionName: input.sessionName,
    WebIdentityToken: input.token,
  };
  if (input.durationSeconds !== undefined) form.DurationSeconds = String(input.durationSeconds);
  // application/x-www-form-urlencoded (WHATWG URL: space → "+", the rest percent-encoded).
  const body = Object.entries(form).map(([k, v]) => `${formEncode(k)}=${formEncode(v)}`).join("&");
  return {
    method: "POST",
    url: input.url,
    path: "/",
    headers: { host: input.host, "content-type": "application/x-www-form-urlencoded", "content-length": String(body.length) },
    form,
    body,
  };
}

/** Parameter validation STS does before looking at the token. */
export function validateParameters(input: { roleArn: string; sessionName: string; durationSeconds?: number | undefined }): SimError | null {
  if (!STS_ROLE_ARN_PATTERN.test(input.roleArn)) return STS_ERRORS.malformedRoleArn();
  if (!ROLE_SESSION_NAME_PATTERN.test(input.sessionName)) {
    return STS_ERRORS.invalidRoleSessionName(input.sessionName);
  }
  if (input.sessionName.length < 2 || input.sessionName.length > 64) {
    return STS_ERRORS.roleSessionNameLength(input.sessionName);
  }
  if (input.durationSeconds !== undefined && input.durationSeconds < 900) {
    return STS_ERRORS.durationTooShort(input.durationSeconds);
  }
  return null;
}

export const MAX_SESSION_DURATION_MESSAGE = STS_MESSAGES.maxSessionDuration;

const xmlEscape = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** `<ErrorResponse …>` as STS returns it. */
export function stsErrorXml(err: { code: string; message: string }, requestId: string): string {
  return `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <Error>\n    <Type>Sender</Type>\n    <Code>${xmlEscape(err.code)}</Code>\n    <Message>${xmlEscape(err.message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>`;
}

export interface TemporaryCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: string;
}

/** Stable per role (AWS gives each role a unique id `AROA…`). */
const uniqueIds = new Map<string, string>();
export function roleUniqueId(roleArn: string): string {
  const cached = uniqueIds.get(roleArn);
  if (cached) return cached;
  const h = createHash("sha256").update(roleArn).digest();
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const id = `AROA${Array.from(h.subarray(0, 17), (b) => alphabet[b % 32]).join("")}`;
  if (uniqueIds.size < 1024) uniqueIds.set(roleArn, id);
  return id;
}

/** Fresh session credentials drawn from `random` (the caller passes it in; seeded by default). */
export function issueCredentials(random: () => number, expiration: Date): TemporaryCredentials {
  return {
    AccessKeyId: `ASIA${randomString(random, 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`,
    SecretAccessKey: randomString(random, 40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
    SessionToken: `IQoJb3JpZ2luX2VjE${randomString(random, 180, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}`,
    Expiration: expiration.toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
}

export const requestIdFrom = (random: () => number): string => {
  const h = randomString(random, 32, "0123456789abcdef");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

/** `AssumeRoleWithWebIdentityResponse` as STS returns it (IRSA-FACTS §3). */
export function stsSuccessXml(r: {
  subject: string; audience: string; providerArn: string; assumedRoleArn: string; assumedRoleId: string;
  credentials: TemporaryCredentials; requestId: string;
}): string {
  return `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult>
    <SubjectFromWebIdentityToken>${xmlEscape(r.subject)}</SubjectFromWebIdentityToken>
    <Audience>${xmlEscape(r.audience)}</Audience>
    <AssumedRoleUser>
      <Arn>${xmlEscape(r.assumedRoleArn)}</Arn>
      <AssumedRoleId>${xmlEscape(r.assumedRoleId)}</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <SessionToken>${r.credentials.SessionToken}</SessionToken>
      <SecretAccessKey>${r.credentials.SecretAccessKey}</SecretAccessKey>
      <Expiration>${r.credentials.Expiration}</Expiration>
      <AccessKeyId>${r.credentials.AccessKeyId}</AccessKeyId>
    </Credentials>
    <Provider>${xmlEscape(r.providerArn)}</Provider>
    <PackedPolicySize>0</PackedPolicySize>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata>
    <RequestId>${r.requestId}</RequestId>
  </ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>`;
}
