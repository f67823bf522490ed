/**
 * Permission evaluation for the call after the credentials (IAM policy evaluation logic):
 * an explicit Deny in any policy overrides every Allow; otherwise the request needs an Allow from an
 * identity-based or resource-based policy AND from every SCP, permissions boundary and session policy
 * that applies. Error wording from IRSA-FACTS §5.
 */
import type { PolicyDocument, Statement } from "../world";
import { toList } from "../util";
import { DENY_REPORT_ORDER } from "../unverified";
import { evaluateConditionBlock, wildcardMatch, type ConditionResult, type RequestContext } from "./conditions";
import { accessDeniedMessage } from "../sts/messages";

export type PolicyType = (typeof DENY_REPORT_ORDER)[number];

export interface NamedPolicy {
  name: string;
  document: PolicyDocument;
}

export interface PolicySet {
  identity: NamedPolicy[];
  resourceBased?: NamedPolicy | undefined;
  boundary?: NamedPolicy | undefined;
  session?: NamedPolicy | undefined;
  serviceControlPolicies?: NamedPolicy[] | undefined;
}

export interface PermissionRequest {
  /** The caller, e.g. `arn:aws:sts::111122223333:assumed-role/ROLE/SESSION`. */
  principalArn: string;
  /** For resource-based policies: the role ARN behind an assumed-role session. */
  principalRoleArn?: string | undefined;
  action: string;
  resource: string;
  context?: RequestContext;
}

export interface StatementEvaluation {
  index: number;
  sid?: string | undefined;
  effect: "Allow" | "Deny";
  actionMatched: boolean;
  resourceMatched: boolean;
  principalMatched: boolean;
  conditions: ConditionResult[];
  conditionsMatched: boolean;
  /** All of the above: this statement applies to the request. */
  applies: boolean;
}

export interface PolicyEvaluation {
  type: PolicyType;
  name: string;
  statements: StatementEvaluation[];
  allows: boolean;
  denies: boolean;
}

export interface PermissionDecision {
  decision: "Allow" | "ImplicitDeny" | "ExplicitDeny";
  allowed: boolean;
  /** Explicit deny: which policy type denied. Implicit deny: which policy type lacked the Allow. */
  policyType?: PolicyType | undefined;
  evaluations: PolicyEvaluation[];
  error?: { code: string; message: string; httpStatus: number } | undefined;
  explanation: string;
}

/** Action names are case-insensitive and may use `*` / `?` (IAM JSON policy elements: Action). */
export const actionMatches = (pattern: string, action: string): boolean => wildcardMatch(pattern, action, true);
/** Resource ARNs are case-sensitive and may use `*` / `?`. */
export const resourceMatches = (pattern: string, resource: string): boolean => wildcardMatch(pattern, resource);

const accountOf = (arn: string): string => arn.split(":")[4] ?? "";

function principalMatches(principal: Statement["Principal"], req: PermissionRequest): boolean {
  if (principal === undefined) return true;
  if (principal === "*") return true;
  const aws = toList(principal.AWS);
  return aws.some((p) => p === "*" || p === req.principalArn || p === req.principalRoleArn || p === accountOf(req.principalArn) || p === `arn:aws:iam::${accountOf(req.principalArn)}:root`);
}

/** Evaluate one statement against a request. */
export function evaluateStatement(s: Statement, index: number, req: PermissionRequest, withPrincipal: boolean): StatementEvaluation {
  const actionMatched = s.NotAction !== undefined ? !toList(s.NotAction).some((a) => actionMatches(a, req.action)) : toList(s.Action).some((a) => actionMatches(a, req.action));
  const resourceMatched = s.NotResource !== undefined ? !toList(s.NotResource).some((r) => resourceMatches(r, req.resource)) : s.Resource === undefined ? withPrincipal : toList(s.Resource).some((r) => resourceMatches(r, req.resource));
  const principalMatched = withPrincipal ? principalMatches(s.Principal, req) : true;
  const cond = evaluateConditionBlock(s.Condition, req.context ?? {});
  return {
    index, sid: s.Sid, effect: s.Effect, actionMatched, resourceMatched, principalMatched,
    conditions: cond.results, conditionsMatched: cond.matched,
    applies: actionMatched && resourceMatched && principalMatched && cond.matched,
  };
}

function evaluateOne(type: PolicyType, p: NamedPolicy, req: PermissionRequest): PolicyEvaluation {
  const statements = toList(p.document.Statement).map((s, i) => evaluateStatement(s, i, req, type === "resource-based policy"));
  return {
    type, name: p.name, statements,
    allows: statements.some((s) => s.applies && s.effect === "Allow"),
    denies: statements.some((s) => s.applies && s.effect === "Deny"),
  };
}

/** The AWS wording for a denied request (IRSA-FACTS §5); lives in sts/messages.ts with the other messages. */
export { accessDeniedMessage };

/** The error code and HTTP status a service uses for an authorization failure. */
export function accessDeniedCode(action: string): { code: string; httpStatus: number } {
  const service = action.split(":")[0] ?? "";
  if (["dynamodb", "kms", "sqs", "secretsmanager", "ssm", "lambda", "kinesis", "logs"].includes(service)) return { code: "AccessDeniedException", httpStatus: 400 };
  return { code: "AccessDenied", httpStatus: 403 };
}

/**
 * Decide whether `req` is allowed by `policies`.
 * @example
 * evaluatePolicies({ principalArn, action: "dynamodb:GetItem", resource: tableArn },
 *   { identity: [{ name: "read", document: { Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }] } }] }).allowed // true
 */
export function evaluatePolicies(req: PermissionRequest, policies: PolicySet): PermissionDecision {
  const evaluations: PolicyEvaluation[] = [];
  const scps = (policies.serviceControlPolicies ?? []).map((p) => evaluateOne("service control policy", p, req));
  const resource = policies.resourceBased ? evaluateOne("resource-based policy", policies.resourceBased, req) : undefined;
  const identity = policies.identity.map((p) => evaluateOne("identity-based policy", p, req));
  const boundary = policies.boundary ? evaluateOne("permissions boundary", policies.boundary, req) : undefined;
  const session = policies.session ? evaluateOne("session policy", policies.session, req) : undefined;
  evaluations.push(...scps, ...(resource ? [resource] : []), ...identity, ...(boundary ? [boundary] : []), ...(session ? [session] : []));
  const { code, httpStatus } = accessDeniedCode(req.action);

  // An explicit Deny in any policy overrides every Allow.
  for (const type of DENY_REPORT_ORDER) {
    if (evaluations.some((e) => e.type === type && e.denies)) {
      return {
        decision: "ExplicitDeny", allowed: false, policyType: type, evaluations,
        error: { code, httpStatus, message: accessDeniedMessage(req, "explicit", type) },
        explanation: `A Deny statement in the ${type} matches ${req.action} on ${req.resource}; an explicit Deny beats every Allow.`,
      };
    }
  }
  const implicit = (type: PolicyType, why: string): PermissionDecision => ({
    decision: "ImplicitDeny", allowed: false, policyType: type, evaluations,
    error: { code, httpStatus, message: accessDeniedMessage(req, "implicit", type) },
    explanation: why,
  });
  if (scps.length > 0 && !scps.some((e) => e.allows)) return implicit("service control policy", `No service control policy of the organization allows ${req.action}: SCPs set the maximum for every principal in the account.`);
  const grantedByResource = resource?.allows ?? false;
  if (!identity.some((e) => e.allows) && !grantedByResource) {
    return implicit("identity-based policy", `No statement in the role's policies allows ${req.action} on ${req.resource} (check the action name and the exact resource ARN: table vs index, region, account). Without an Allow the answer is an implicit deny.`);
  }
  if (boundary && !boundary.allows) return implicit("permissions boundary", `The permissions boundary does not allow ${req.action}: a boundary caps what the role's own policies can grant.`);
  if (session && !session.allows) return implicit("session policy", `The session policy passed with the role session does not allow ${req.action}: a session policy can only narrow the role's permissions.`);
  return { decision: "Allow", allowed: true, evaluations, explanation: `${req.action} on ${req.resource} is allowed${grantedByResource ? " (granted by the resource-based policy)" : ""}, and no policy denies it.` };
}
