import { defaultNodeRole, defaultPod, defaultRole, defaultServiceAccount, defaultWorld } from "@/lib/sim/defaults";
import type { IAMRole, Pod, ServiceAccount, World } from "@/lib/sim/world";
import type { DeepPartial } from "@/lib/sim/util";

export const ACCOUNT = "111122223333";
export const HOST = "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
export const ISSUER = `https://${HOST}`;
export const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${HOST}`;
export const TABLE = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Users`;
export const SESSION = "aws-sdk-js-session-1731096000000";
export const ROLE_SESSION_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/billing-dynamodb-reader/${SESSION}`;
export const NODE_SESSION_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/eks-node-role/i-0123456789abcdef0`;
export const implicitDeny = (principal: string, action = "dynamodb:GetItem", resource = TABLE, type = "identity-based policy") =>
  `User: ${principal} is not authorized to perform: ${action} on resource: ${resource} because no ${type} allows the ${action} action`;

export const world = (o?: DeepPartial<World>): World => defaultWorld(o);

export function withServiceAccount(annotations: Record<string, string>, base: ServiceAccount = defaultServiceAccount()): ServiceAccount {
  return { ...base, metadata: { ...base.metadata, annotations } };
}
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/billing-dynamodb-reader`;

export function withPod(mut: (p: Pod) => void): Pod {
  const p = defaultPod();
  mut(p);
  return p;
}

export function roleWith(mut: (r: IAMRole) => void): IAMRole {
  const r = defaultRole();
  mut(r);
  return r;
}

export const rolesWith = (...roles: IAMRole[]): IAMRole[] => [...roles, defaultNodeRole()];

/** Replace the default role's trust policy condition block. */
export const trustWith = (Condition: Record<string, Record<string, string | string[]>> | undefined, principal = PROVIDER_ARN): IAMRole =>
  roleWith((r) => {
    r.AssumeRolePolicyDocument = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Federated: principal }, Action: "sts:AssumeRoleWithWebIdentity", ...(Condition ? { Condition } : {}) }],
    };
  });
