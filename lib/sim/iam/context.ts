/**
 * The request context AWS builds for a signed call (IAM User Guide: "AWS global condition context keys"):
 * who is calling, from where and when. Step 9 (and the chained AssumeRole / KMS checks) evaluate every
 * policy — SCPs and boundaries included — against it, so conditions on global keys behave as in AWS.
 * Key NAMES are looked up case-insensitively (`lookupKey`), as IAM does.
 */
import { createHash } from "node:crypto";
import type { RequestContext } from "./conditions";
import { roleUniqueId } from "../sts/assume-role";

export type CallerPrincipal =
  /** An assumed-role session (IRSA, IMDS node role, chained role): `roleArn` is the ROLE's ARN, not the session's. */
  | { type: "AssumedRole"; roleArn: string; sessionName: string; tags?: Readonly<Record<string, string>> | undefined }
  /** An IAM user (static keys). */
  | { type: "User"; userArn: string; tags?: Readonly<Record<string, string>> | undefined };

export interface RequestContextInput {
  principal: CallerPrincipal;
  /** The server's clock (ISO 8601), i.e. `world.now`: aws:CurrentTime and aws:EpochTime. */
  now: string;
  /** The region the request is sent to: aws:RequestedRegion. */
  region: string;
  /** The resource ARN, for aws:ResourceAccount when the ARN carries an account. */
  resource?: string | undefined;
  /** The request is made by an AWS service on the principal's behalf (e.g. DynamoDB calling KMS): aws:ViaAWSService. */
  viaAWSService?: boolean | undefined;
}

const accountOf = (arn: string): string => arn.split(":")[4] ?? "";

/** A stable AIDA… unique id for an IAM user (like `roleUniqueId` for roles). */
export function userUniqueId(userArn: string): string {
  const h = createHash("sha256").update(`user\u0000${userArn}`).digest();
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return `AIDA${Array.from(h.subarray(0, 17), (b) => alphabet[b % 32]).join("")}`;
}

/**
 * The global condition keys of a request.
 * - aws:PrincipalArn: for an assumed-role session, the ROLE's ARN (`arn:aws:iam::ACCOUNT:role/PATH/NAME`), not the
 *   `assumed-role/…` session ARN; for a user, the user's ARN.
 * - aws:PrincipalAccount, aws:PrincipalType (`AssumedRole` / `User`), aws:userid (`AROA…:session` / `AIDA…`),
 *   aws:username (users only).
 * - aws:RequestedRegion, aws:CurrentTime (ISO 8601, no milliseconds), aws:EpochTime (seconds), aws:SecureTransport (true:
 *   the SDKs use HTTPS), aws:PrincipalIsAWSService / aws:ViaAWSService (false: the Pod calls directly),
 *   aws:ResourceAccount (when the resource ARN has an account), aws:PrincipalTag/<k> (when tags are given).
 * - Absent (not modelled or not applicable): aws:SourceIdentity, aws:PrincipalOrgID, aws:SourceIp, aws:SourceVpc(e),
 *   aws:MultiFactorAuthPresent, aws:TokenIssueTime, aws:CalledVia.
 * @example requestContext({ principal: { type: "AssumedRole", roleArn, sessionName }, now: world.now, region: "us-east-1" })["aws:PrincipalArn"] // roleArn
 */
export function requestContext(input: RequestContextInput): RequestContext {
  const p = input.principal;
  const ms = Date.parse(input.now);
  const ctx: Record<string, string | number | boolean> = {};
  if (p.type === "AssumedRole") {
    ctx["aws:PrincipalArn"] = p.roleArn;
    ctx["aws:PrincipalAccount"] = accountOf(p.roleArn);
    ctx["aws:PrincipalType"] = "AssumedRole";
    ctx["aws:userid"] = `${roleUniqueId(p.roleArn)}:${p.sessionName}`;
  } else {
    ctx["aws:PrincipalArn"] = p.userArn;
    ctx["aws:PrincipalAccount"] = accountOf(p.userArn);
    ctx["aws:PrincipalType"] = "User";
    ctx["aws:userid"] = userUniqueId(p.userArn);
    ctx["aws:username"] = p.userArn.split("/").pop() ?? "";
  }
  for (const [k, v] of Object.entries(p.tags ?? {})) ctx[`aws:PrincipalTag/${k}`] = v;
  ctx["aws:RequestedRegion"] = input.region;
  if (!Number.isNaN(ms)) {
    ctx["aws:CurrentTime"] = new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
    ctx["aws:EpochTime"] = Math.floor(ms / 1000);
  }
  ctx["aws:SecureTransport"] = true;
  ctx["aws:PrincipalIsAWSService"] = false;
  ctx["aws:ViaAWSService"] = input.viaAWSService ?? false;
  const resourceAccount = input.resource ? accountOf(input.resource) : "";
  if (/^\d{12}$/.test(resourceAccount)) ctx["aws:ResourceAccount"] = resourceAccount;
  return ctx;
}

/** `arn:aws:iam::ACCOUNT:role/PATH/NAME` as IAM prints it (the path defaults to `/`). */
export function roleArnOf(role: { accountId: string; RoleName: string; Path?: string | undefined }): string {
  const path = role.Path && role.Path.startsWith("/") ? role.Path : "/";
  return `arn:aws:iam::${role.accountId}:role${path.endsWith("/") ? path : `${path}/`}${role.RoleName}`;
}
