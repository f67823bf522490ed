/**
 * Every error message the simulated STS and IAM give, in one place (IRSA-FACTS §3, §5, §6), so a UI can
 * quote them and tests can compare against them. The wording is exactly AWS's where IRSA-FACTS records it
 * (including the double space in "provider,  please"); the choices IRSA-FACTS marks *unverified* stay in
 * unverified.ts and are only re-exported here (STS_ERRORS.badSignature, …).
 */
import type { PolicyType } from "../iam/policy";
import type { SimError } from "./assume-role";
import * as U from "../unverified";

/** STS AssumeRoleWithWebIdentity / AssumeRole messages (IRSA-FACTS §3). */
export const STS_MESSAGES = {
  /** No IAM OIDC provider for the token's `iss` in the role's account. */
  noOpenIdProvider: (issuer: string): string => `No OpenIDConnect provider found in your account for ${issuer}`,
  /** The token's `aud` is not in the provider's ClientIDList. */
  incorrectTokenAudience: "Incorrect token audience",
  /** The token has no `aud`. */
  missingAudClaim: "Missing a required claim: aud",
  /** The token's `kid` is not in the issuer's JWKS (note AWS's double space after the comma). */
  couldNotRetrieveKey: "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
  /** Expired token; both times in epoch seconds. */
  expiredToken: (now: number, exp: number): string => `Token expired: current date/time ${now} must be before the expiration date/time ${exp}`,
  /** The trust policy does not allow the caller (or, unverified, the role does not exist). */
  notAuthorized: "Not authorized to perform sts:AssumeRoleWithWebIdentity",
  /** DurationSeconds above the role's MaxSessionDuration. */
  maxSessionDuration: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
  /** RoleSessionName outside `[\w+=,.@-]*`. */
  invalidRoleSessionName: (value: string): string =>
    `1 validation error detected: Value '${value}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
  /** RoleSessionName shorter than 2 or longer than 64 characters. */
  roleSessionNameLength: (value: string): string =>
    `1 validation error detected: Value '${value}' at 'roleSessionName' failed to satisfy constraint: Member must have length ${value.length < 2 ? "greater than or equal to 2" : "less than or equal to 64"}`,
  /** A chained sts:AssumeRole the caller may not make (IAM's "User: … is not authorized to perform" form). */
  assumeRoleNotAuthorized: (callerArn: string, roleArn: string): string => `User: ${callerArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
  /** The SDK cannot reach the STS endpoint (Go-style network error, no HTTP status). */
  ioTimeout: (url: string): string => `Post ${url}: i/o timeout`,
} as const;

/** The same as complete errors (code, HTTP status, message), as the simulator reports them. */
export const STS_ERRORS = {
  noOpenIdProvider: (issuer: string): SimError => ({ code: "InvalidIdentityToken", message: STS_MESSAGES.noOpenIdProvider(issuer), httpStatus: 400 }),
  incorrectTokenAudience: (): SimError => ({ code: "InvalidIdentityToken", message: STS_MESSAGES.incorrectTokenAudience, httpStatus: 400 }),
  missingAudClaim: (): SimError => ({ code: "InvalidIdentityToken", message: STS_MESSAGES.missingAudClaim, httpStatus: 400 }),
  couldNotRetrieveKey: (): SimError => ({ code: "InvalidIdentityToken", message: STS_MESSAGES.couldNotRetrieveKey, httpStatus: 400 }),
  expiredToken: (now: number, exp: number): SimError => ({ code: "ExpiredTokenException", message: STS_MESSAGES.expiredToken(now, exp), httpStatus: 400 }),
  notAuthorized: (): SimError => ({ code: "AccessDenied", message: STS_MESSAGES.notAuthorized, httpStatus: 403 }),
  maxSessionDuration: (): SimError => ({ code: "ValidationError", message: STS_MESSAGES.maxSessionDuration, httpStatus: 400 }),
  invalidRoleSessionName: (value: string): SimError => ({ code: "ValidationError", message: STS_MESSAGES.invalidRoleSessionName(value), httpStatus: 400 }),
  roleSessionNameLength: (value: string): SimError => ({ code: "ValidationError", message: STS_MESSAGES.roleSessionNameLength(value), httpStatus: 400 }),
  assumeRoleNotAuthorized: (callerArn: string, roleArn: string): SimError => ({ code: "AccessDenied", message: STS_MESSAGES.assumeRoleNotAuthorized(callerArn, roleArn), httpStatus: 403 }),
  ioTimeout: (url: string): SimError => ({ code: "RequestError", message: STS_MESSAGES.ioTimeout(url), httpStatus: null }),
  // Unverified wording (kept in unverified.ts, re-exported for one import):
  badSignature: (): SimError => ({ ...U.BAD_SIGNATURE_ERROR }),
  idpUnreachable: (): SimError => ({ ...U.IDP_UNREACHABLE_ERROR }),
  roleMissing: (): SimError => ({ ...U.ROLE_MISSING_ERROR }),
  malformedRoleArn: (): SimError => ({ ...U.MALFORMED_ROLE_ARN_ERROR }),
  durationTooShort: (value: number): SimError => ({ code: "ValidationError", message: U.durationTooShortMessage(value), httpStatus: 400 }),
  roleChainingLimit: (): SimError => ({ code: "ValidationError", message: U.ROLE_CHAINING_LIMIT_MESSAGE, httpStatus: 400 }),
  globalStsWrongRegion: (): SimError => ({ code: "SignatureDoesNotMatch", message: U.globalStsWrongRegionMessage(), httpStatus: 403 }),
} as const;

const article = (t: PolicyType): string => (t === "identity-based policy" ? "an" : "a");

/**
 * The AWS wording for a denied request (IRSA-FACTS §5).
 * @example accessDeniedMessage({ principalArn, action: "dynamodb:GetItem", resource: table }, "implicit", "identity-based policy")
 * // "User: … is not authorized to perform: dynamodb:GetItem on resource: … because no identity-based policy allows the dynamodb:GetItem action"
 */
export function accessDeniedMessage(req: { principalArn: string; action: string; resource: string }, kind: "explicit" | "implicit", type: PolicyType): string {
  const head = `User: ${req.principalArn} is not authorized to perform: ${req.action} on resource: ${req.resource}`;
  return kind === "explicit" ? `${head} with an explicit deny in ${article(type)} ${type}` : `${head} because no ${type} allows the ${req.action} action`;
}

/** SigV4 request-time messages (IRSA-FACTS §6), X/Y/Z in `20241108T200000Z` form. */
export const SIGV4_MESSAGES = {
  signatureExpired: (request: string, earliest: string, server: string): string => `Signature expired: ${request} is now earlier than ${earliest} (${server} - 5 min.)`,
  signatureNotYetCurrent: (request: string, latest: string, server: string): string => `Signature not yet current: ${request} is still later than ${latest} (${server} + 5 min.)`,
} as const;
