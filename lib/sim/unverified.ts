/**
 * Every behaviour the simulator had to CHOOSE because nobody has confirmed it against real AWS
 * (IRSA-FACTS.md marks these *unverified*, or does not cover them at all). Keep them all here so
 * one file can be corrected when someone checks. Each step whose outcome depends on one of these
 * says so in its `explanation` (see `UNVERIFIED_NOTE`).
 */

/** Appended to a step's explanation when its outcome rests on a choice made in this file. */
export const UNVERIFIED_NOTE = "(Simulator choice, not confirmed against real AWS: see lib/sim/unverified.ts.)";

/**
 * Order of STS's checks for AssumeRoleWithWebIdentity. AWS does not document it. IRSA-FACTS suggests
 * parameters → JWT → provider → signature → audience → expiry → trust → duration; we move the
 * DurationSeconds-vs-MaxSessionDuration check up to the request step (step 4) because the pitfall
 * table shows that ValidationError at step 4. Each entry names the flow step it is reported at.
 */
export const STS_CHECK_ORDER = [
  { check: "parameters", step: 4 },
  { check: "maxSessionDuration", step: 4 },
  { check: "parseJwt", step: 5 },
  { check: "providerLookup", step: 5 },
  { check: "signature", step: 5 },
  { check: "audience", step: 5 },
  { check: "expiry", step: 5 },
  { check: "trustPolicy", step: 6 },
] as const;

/** A role that does not exist gets the same AccessDenied as a trust policy that does not allow (unverified). */
export const ROLE_MISSING_ERROR = {
  code: "AccessDenied",
  httpStatus: 403,
  message: "Not authorized to perform sts:AssumeRoleWithWebIdentity",
} as const;

/** Known kid, signature does not verify: the message is unverified. */
export const BAD_SIGNATURE_ERROR = {
  code: "InvalidIdentityToken",
  httpStatus: 400,
  message:
    "The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.",
} as const;

/** The issuer's JWKS cannot be fetched at all: IDPCommunicationError, message unverified. */
export const IDP_UNREACHABLE_ERROR = {
  code: "IDPCommunicationError",
  httpStatus: 400,
  message:
    "The request could not be fulfilled because the identity provider (IDP) that was asked to verify the incoming identity token could not be reached. Please try again in a few minutes.",
} as const;

/** A role-arn the webhook only warned about (bad format): STS's wording is unverified. */
export const MALFORMED_ROLE_ARN_ERROR = { code: "ValidationError", httpStatus: 400, message: "Request ARN is invalid" } as const;

/** DurationSeconds under STS's 900-second floor (AWS validation wording, unverified here). */
export const durationTooShortMessage = (value: number): string =>
  `1 validation error detected: Value '${value}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`;

/** Role chaining cap (AWS docs: chained sessions are limited to one hour); exact wording unverified. */
export const ROLE_CHAINING_LIMIT_MESSAGE =
  "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.";

/**
 * Which STS endpoint an SDK uses when AWS_STS_REGIONAL_ENDPOINTS is not set. Newer SDK generations
 * default to the regional endpoint; the legacy generations default to the global one (unverified per version).
 */
export const SDK_DEFAULT_STS_ENDPOINT: Readonly<Record<string, "regional" | "global">> = {
  "aws-sdk-js-v3": "regional",
  "aws-sdk-go-v2": "regional",
  "aws-sdk-java-v2": "regional",
  "aws-cli-v2": "regional",
  "aws-sdk-js-v2": "global",
  "aws-sdk-go-v1": "global",
  "aws-sdk-java-v1": "global",
  boto3: "global",
  botocore: "global",
  "aws-cli-v1": "global",
  "aws-sdk-ruby": "global",
  "aws-sdk-cpp": "global",
  "aws-sdk-net": "global",
  "aws-sdk-php": "global",
};

/**
 * Opt-in regions: a token exchange sent to the global endpoint for a workload in one of these is
 * rejected with SignatureDoesNotMatch (pitfall 14). Which requests trigger it, and the exact text, are unverified.
 */
export const OPT_IN_REGIONS = [
  "af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "eu-south-1", "eu-south-2",
  "eu-central-2", "me-south-1", "me-central-1", "il-central-1", "ca-west-1",
] as const;
export const globalStsWrongRegionMessage = (): string => "Credential should be scoped to a valid region. ";

/** The SDK's "no credentials" error when the whole chain is exhausted (wording per SDK from their sources; unverified here). */
export const NO_CREDENTIALS_ERRORS: Readonly<Record<string, { code: string; message: string }>> = {
  "aws-sdk-js-v3": { code: "CredentialsProviderError", message: "Could not load credentials from any providers" },
  "aws-sdk-js-v2": { code: "CredentialsError", message: "Missing credentials in config, if using AWS_CONFIG_FILE, set AWS_SDK_LOAD_CONFIG=1" },
  "aws-sdk-go-v1": { code: "NoCredentialProviders", message: "NoCredentialProviders: no valid providers in chain. Deprecated." },
  "aws-sdk-go-v2": { code: "NoCredentialProviders", message: "failed to refresh cached credentials, no EC2 IMDS role found" },
  boto3: { code: "NoCredentialsError", message: "Unable to locate credentials" },
  botocore: { code: "NoCredentialsError", message: "Unable to locate credentials" },
  "aws-cli-v1": { code: "NoCredentialsError", message: "Unable to locate credentials. You can configure credentials by running \"aws configure\"." },
  "aws-cli-v2": { code: "NoCredentialsError", message: "Unable to locate credentials. You can configure credentials by running \"aws configure\"." },
};
export const DEFAULT_NO_CREDENTIALS_ERROR = { code: "NoCredentialProviders", message: "NoCredentialProviders: no valid providers in chain. Deprecated." } as const;

/** Reading the token file (pitfalls 10, 11): Go-style wording, code of the Go SDK v1 (unverified for other SDKs). */
export const TOKEN_FILE_ERROR_CODE = "WebIdentityErr";
export const tokenFilePermissionDenied = (path: string): string => `open ${path}: permission denied`;
export const tokenFileMissing = (path: string, windows: boolean): string =>
  windows ? `open ${path}: The system cannot find the path specified.` : `open ${path}: no such file or directory`;

/**
 * Projected token file permissions (pitfall 10): we model the file as readable only by root unless the
 * pod sets `securityContext.fsGroup` (the fix the webhook's issue #8 settled on). Newer kubelets also
 * honour a common runAsUser; that refinement is not modelled.
 */
export const TOKEN_FILE_READABLE_WITHOUT_FSGROUP_ONLY_AS_ROOT = true;

/** The webhook's log line when the ServiceAccount is not in its cache yet (pitfall 2; wording from handler.go, unverified). */
export const webhookNotInCacheMessage = (namespace: string, name: string): string =>
  `Service account ${namespace}/${name} not found in the cache. Not mutating`;

/** Default RoleSessionName per SDK when AWS_ROLE_SESSION_NAME is unset (JS v3 and botocore are in IRSA-FACTS; the rest are guesses). */
export const sessionNameFor = (sdk: string, nowMs: number): string => {
  if (sdk === "aws-sdk-js-v3" || sdk === "aws-sdk-js-v2") return `aws-sdk-js-session-${nowMs}`;
  if (sdk === "boto3" || sdk === "botocore" || sdk.startsWith("aws-cli")) return `botocore-session-${Math.floor(nowMs / 1000)}`;
  if (sdk.startsWith("aws-sdk-go")) return `${nowMs}000000`;
  if (sdk.startsWith("aws-sdk-java")) return `aws-sdk-java-${nowMs}`;
  return `irsa-session-${nowMs}`;
};

/**
 * A table encrypted with a customer-managed KMS key (pitfall 31): DynamoDB needs kms:Decrypt for the
 * caller. We report it as an AccessDeniedException on kms:Decrypt with the IAM implicit-deny wording.
 */
export const KMS_DENIED_CODE = "AccessDeniedException";

/** When several policy types deny, which one the message names first (AWS does not document the order). */
export const DENY_REPORT_ORDER = [
  "service control policy",
  "resource-based policy",
  "permissions boundary",
  "session policy",
  "identity-based policy",
] as const;

/** Static keys that match no IAM user: DynamoDB's wording for an unknown access key (unverified here). */
export const UNKNOWN_ACCESS_KEY_ERROR = {
  code: "UnrecognizedClientException",
  httpStatus: 400,
  message: "The security token included in the request is invalid.",
} as const;

/** Instance id shown in node-role sessions (IRSA-FACTS shows `i-0123…`). */
export const DEFAULT_INSTANCE_ID = "i-0123456789abcdef0";
