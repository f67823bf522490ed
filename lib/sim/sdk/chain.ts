/**
 * The AWS SDK side: minimum versions with web-identity support (EKS docs, IRSA-FACTS §6) and the
 * default credential chain. Static keys in the environment win (no STS call); without a web identity
 * the chain falls through to IMDS and the pod silently gets the node's role.
 */
import type { SdkName } from "../world";

/** First version with AssumeRoleWithWebIdentity support; `null` = every version. */
export const MIN_WEB_IDENTITY_VERSION: Readonly<Record<SdkName, string | null>> = {
  "aws-sdk-java-v2": "2.10.11",
  "aws-sdk-java-v1": "1.11.704",
  "aws-sdk-go-v1": "1.23.13",
  "aws-sdk-go-v2": null,
  boto3: "1.9.220",
  botocore: "1.12.200",
  "aws-cli-v1": "1.16.232",
  "aws-cli-v2": null,
  "aws-sdk-js-v2": "2.525.0",
  "aws-sdk-js-v3": "3.27.0",
  "aws-sdk-ruby": "3.58.0",
  "aws-sdk-cpp": "1.7.174",
  "aws-sdk-net": "3.3.659.1",
  "aws-sdk-php": "3.110.7",
};

/** The credential chain each SDK walks, for the explanation text. */
export const CREDENTIAL_CHAIN: Readonly<Record<string, string>> = {
  "aws-sdk-js-v3": "environment keys → SSO → ini profile → process → web identity token file → ECS/IMDS",
  botocore: "env → assume-role profile → web identity → SSO → shared credentials → process → config → container → IMDS",
};
export const chainFor = (sdk: string): string =>
  CREDENTIAL_CHAIN[sdk] ?? (sdk === "boto3" || sdk.startsWith("aws-cli") ? (CREDENTIAL_CHAIN.botocore as string) : "environment keys → … → web identity token file → … → IMDS");

/** Compare dotted numeric versions (`3.3.659.1`); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.replace(/^v/, "").split(/[.+-]/).map((x) => parseInt(x, 10) || 0);
  const pb = b.replace(/^v/, "").split(/[.+-]/).map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/**
 * Whether this SDK version can use AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE.
 * @example supportsWebIdentity("boto3", "1.9.0") // false
 */
export function supportsWebIdentity(sdk: SdkName, version: string): boolean {
  const min = MIN_WEB_IDENTITY_VERSION[sdk];
  return min === null || compareVersions(version, min) >= 0;
}

export type CredentialSource =
  | { source: "static"; accessKeyId: string; reason: string }
  | { source: "web-identity"; roleArn: string; tokenFile: string; sessionName?: string | undefined; reason: string }
  | { source: "imds"; reason: string }
  | { source: "none"; reason: string };

/**
 * Walk the SDK's default credential chain over a container's environment.
 * @example resolveCredentialSource({ env: { AWS_ACCESS_KEY_ID: "AKIA…", AWS_SECRET_ACCESS_KEY: "…" }, sdk: "aws-sdk-js-v3", version: "3.700.0", imdsReachable: true }).source // "static"
 */
export function resolveCredentialSource(input: { env: Readonly<Record<string, string>>; sdk: SdkName; version: string; imdsReachable: boolean }): CredentialSource {
  const { env } = input;
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return { source: "static", accessKeyId: env.AWS_ACCESS_KEY_ID, reason: "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set: environment keys come first in the chain, so no STS call is made." };
  }
  const hasWebIdentity = Boolean(env.AWS_ROLE_ARN && env.AWS_WEB_IDENTITY_TOKEN_FILE);
  if (hasWebIdentity && supportsWebIdentity(input.sdk, input.version)) {
    return { source: "web-identity", roleArn: env.AWS_ROLE_ARN as string, tokenFile: env.AWS_WEB_IDENTITY_TOKEN_FILE as string, sessionName: env.AWS_ROLE_SESSION_NAME, reason: "AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE are set: the web identity provider will read the token and call STS." };
  }
  const why = hasWebIdentity
    ? `${input.sdk} ${input.version} is older than ${MIN_WEB_IDENTITY_VERSION[input.sdk]}, the first version that reads AWS_WEB_IDENTITY_TOKEN_FILE: it ignores the web identity variables`
    : "There is no AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE in the container";
  if (input.imdsReachable) return { source: "imds", reason: `${why}; the chain falls through to the instance metadata service (IMDS) and gets the node's role.` };
  return { source: "none", reason: `${why}; IMDS is not reachable from the pod (IMDSv2 hop limit 1), so the chain is exhausted.` };
}
