/**
 * The role's trust policy (AssumeRolePolicyDocument) for AssumeRoleWithWebIdentity: a statement
 * allows when its Principal.Federated is the provider ARN, its Action covers
 * sts:AssumeRoleWithWebIdentity and every condition holds. Condition keys are the issuer without
 * `https://` plus `:sub` / `:aud` (IRSA-FACTS §4).
 */
import type { PolicyDocument } from "../world";
import { toList } from "../util";
import { evaluateConditionBlock, type ConditionResult, type RequestContext } from "./conditions";
import { actionMatches } from "./policy";

export interface TrustStatementEvaluation {
  index: number;
  sid?: string | undefined;
  effect: "Allow" | "Deny";
  principal: string[];
  principalMatched: boolean;
  actionMatched: boolean;
  conditions: ConditionResult[];
  conditionsMatched: boolean;
  applies: boolean;
  reason: string;
}

export interface TrustEvaluation {
  allowed: boolean;
  explicitDeny: boolean;
  statements: TrustStatementEvaluation[];
}

export interface TrustRequest {
  /** `arn:aws:iam::ACCOUNT:oidc-provider/oidc.eks.REGION.amazonaws.com/id/ID` */
  federatedPrincipal: string;
  action?: string;
  /** e.g. `{ "oidc.eks…/id/ID:sub": "system:serviceaccount:ns:sa", "oidc.eks…/id/ID:aud": "sts.amazonaws.com" }` */
  context: RequestContext;
}

/**
 * Evaluate a trust policy statement by statement, condition by condition.
 * @example evaluateTrustPolicy(role.AssumeRolePolicyDocument, { federatedPrincipal: providerArn, context }).allowed
 */
export function evaluateTrustPolicy(doc: PolicyDocument, req: TrustRequest): TrustEvaluation {
  const action = req.action ?? "sts:AssumeRoleWithWebIdentity";
  const statements = toList(doc.Statement).map((s, index): TrustStatementEvaluation => {
    const principal = s.Principal === "*" ? ["*"] : toList(s.Principal?.Federated);
    const principalMatched = principal.some((p) => p === "*" || p === req.federatedPrincipal);
    const actionMatched = s.NotAction !== undefined ? !toList(s.NotAction).some((a) => actionMatches(a, action)) : toList(s.Action).some((a) => actionMatches(a, action));
    const cond = evaluateConditionBlock(s.Condition, req.context);
    const applies = principalMatched && actionMatched && cond.matched;
    const failed = cond.results.filter((r) => !r.matched);
    const reason = !principalMatched
      ? `Principal.Federated ${JSON.stringify(principal)} is not the provider ${req.federatedPrincipal}`
      : !actionMatched
        ? `Action does not include ${action}`
        : !cond.matched
          ? `condition failed: ${failed.map((r) => `${r.operator} ${r.key} (${r.reason})`).join("; ")}`
          : `${s.Effect === "Allow" ? "allows" : "denies"} ${action}`;
    return { index, sid: s.Sid, effect: s.Effect, principal, principalMatched, actionMatched, conditions: cond.results, conditionsMatched: cond.matched, applies, reason };
  });
  const explicitDeny = statements.some((s) => s.applies && s.effect === "Deny");
  return { allowed: !explicitDeny && statements.some((s) => s.applies && s.effect === "Allow"), explicitDeny, statements };
}
