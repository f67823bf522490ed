/**
 * Setup generators: from a few inputs, the eksctl one-liner, the ServiceAccount YAML, the trust
 * policy (StringEquals on both :sub and :aud, as eksctl writes it), AWS CLI commands and Terraform —
 * and `applySetup`, which applies the same objects to a world ("apply to cluster" in the lab).
 */
import { stringify } from "yaml";
import type { IAMRole, PolicyDocument, ServiceAccount, World } from "./world";
import { defaultTrustPolicy, issuerHostPath } from "./defaults";
import { clone } from "./util";

export interface SetupInputs {
  clusterName: string;
  region: string;
  accountId: string;
  /** The id at the end of the issuer URL, e.g. EXAMPLED539D4633E53DE1B71EXAMPLE. */
  oidcId: string;
  namespace: string;
  serviceAccountName: string;
  roleName: string;
  /** A policy document, or a preset name (see POLICY_PRESETS). */
  policy: PolicyDocument | PolicyPresetName;
  /** For presets that target a table (default "Users"). */
  tableName?: string;
}

/** Managed-policy-like presets. The AWS managed ones keep their real names and ARNs. */
export const POLICY_PRESETS = {
  AmazonDynamoDBReadOnlyAccess: { managedArn: "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess", actions: ["dynamodb:BatchGetItem", "dynamodb:Describe*", "dynamodb:List*", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:PartiQLSelect"], resource: "*" },
  AmazonDynamoDBFullAccess: { managedArn: "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess", actions: ["dynamodb:*"], resource: "*" },
  AmazonS3ReadOnlyAccess: { managedArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", actions: ["s3:Get*", "s3:List*", "s3:Describe*"], resource: "*" },
  DynamoDBTableReader: { managedArn: null, actions: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem"], resource: "table" },
} as const;
export type PolicyPresetName = keyof typeof POLICY_PRESETS;

export const issuerFor = (i: Pick<SetupInputs, "region" | "oidcId">): string => `https://oidc.eks.${i.region}.amazonaws.com/id/${i.oidcId}`;
export const roleArnFor = (i: Pick<SetupInputs, "accountId" | "roleName">): string => `arn:aws:iam::${i.accountId}:role/${i.roleName}`;

/** The policy document for the inputs (a preset expanded, the table ARN filled in). */
export function policyDocumentFor(i: SetupInputs): PolicyDocument {
  if (typeof i.policy !== "string") return clone(i.policy);
  const p = POLICY_PRESETS[i.policy];
  const resource = p.resource === "table" ? `arn:aws:dynamodb:${i.region}:${i.accountId}:table/${i.tableName ?? "Users"}` : p.resource;
  return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: [...p.actions], Resource: resource }] };
}

/** Trust policy JSON with StringEquals on both `:sub` and `:aud`. */
export function trustPolicyFor(i: SetupInputs): PolicyDocument {
  return defaultTrustPolicy(i.accountId, issuerFor(i), i.namespace, i.serviceAccountName);
}

/** The ServiceAccount manifest with the role-arn annotation. */
export function serviceAccountFor(i: SetupInputs): ServiceAccount {
  return { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: i.serviceAccountName, namespace: i.namespace, annotations: { "eks.amazonaws.com/role-arn": roleArnFor(i) } } };
}

const managedArn = (i: SetupInputs): string | null => (typeof i.policy === "string" ? POLICY_PRESETS[i.policy].managedArn : null);

export interface GeneratedSetup {
  eksctl: string;
  serviceAccountYaml: string;
  trustPolicyJson: string;
  policyJson: string;
  awsCli: string;
  terraform: string;
}

/**
 * Everything the setup section shows, from the same inputs.
 * @example generateSetup({ clusterName: "demo", region: "us-east-1", accountId: "111122223333", oidcId: "EXAMPLED539D4633E53DE1B71EXAMPLE", namespace: "payments", serviceAccountName: "billing-svc", roleName: "billing-dynamodb-reader", policy: "DynamoDBTableReader" }).eksctl
 */
export function generateSetup(i: SetupInputs): GeneratedSetup {
  const issuer = issuerFor(i);
  const trust = JSON.stringify(trustPolicyFor(i), null, 2);
  const policy = JSON.stringify(policyDocumentFor(i), null, 2);
  const managed = managedArn(i);
  const policyArn = managed ?? `arn:aws:iam::${i.accountId}:policy/${i.roleName}-policy`;
  const eksctl = `eksctl create iamserviceaccount --cluster ${i.clusterName} --region ${i.region} --namespace ${i.namespace} --name ${i.serviceAccountName} --role-name ${i.roleName} --attach-policy-arn ${policyArn} --approve`;
  const awsCli = [
    `# 1. IAM OIDC provider for the cluster (once per cluster; eksctl utils associate-iam-oidc-provider does the same)`,
    `aws iam create-open-id-connect-provider --url ${issuer} --client-id-list sts.amazonaws.com`,
    `# 2. The role, trusting only ${i.namespace}/${i.serviceAccountName}`,
    `cat > trust-policy.json <<'JSON'\n${trust}\nJSON`,
    `aws iam create-role --role-name ${i.roleName} --assume-role-policy-document file://trust-policy.json`,
    managed
      ? `aws iam attach-role-policy --role-name ${i.roleName} --policy-arn ${managed}`
      : `cat > policy.json <<'JSON'\n${policy}\nJSON\naws iam put-role-policy --role-name ${i.roleName} --policy-name ${i.roleName}-policy --policy-document file://policy.json`,
    `# 3. The ServiceAccount, annotated with the role`,
    `kubectl create serviceaccount ${i.serviceAccountName} --namespace ${i.namespace}`,
    `kubectl annotate serviceaccount ${i.serviceAccountName} --namespace ${i.namespace} eks.amazonaws.com/role-arn=${roleArnFor(i)}`,
  ].join("\n");
  const host = issuerHostPath(issuer);
  const terraform = `data "aws_eks_cluster" "this" {
  name = "${i.clusterName}"
}

data "tls_certificate" "oidc" {
  url = data.aws_eks_cluster.this.identity[0].oidc[0].issuer
}

resource "aws_iam_openid_connect_provider" "eks" {
  url             = data.aws_eks_cluster.this.identity[0].oidc[0].issuer
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = [data.tls_certificate.oidc.certificates[0].sha1_fingerprint]
}

data "aws_iam_policy_document" "trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.eks.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${host}:sub"
      values   = ["system:serviceaccount:${i.namespace}:${i.serviceAccountName}"]
    }
    condition {
      test     = "StringEquals"
      variable = "${host}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "${i.roleName.replace(/[^A-Za-z0-9_]/g, "_")}" {
  name               = "${i.roleName}"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
${managed
    ? `
resource "aws_iam_role_policy_attachment" "this" {
  role       = aws_iam_role.${i.roleName.replace(/[^A-Za-z0-9_]/g, "_")}.name
  policy_arn = "${managed}"
}`
    : `
resource "aws_iam_role_policy" "this" {
  name   = "${i.roleName}-policy"
  role   = aws_iam_role.${i.roleName.replace(/[^A-Za-z0-9_]/g, "_")}.id
  policy = <<JSON
${policy}
JSON
}`}

resource "kubernetes_service_account" "this" {
  metadata {
    name      = "${i.serviceAccountName}"
    namespace = "${i.namespace}"
    annotations = {
      "eks.amazonaws.com/role-arn" = aws_iam_role.${i.roleName.replace(/[^A-Za-z0-9_]/g, "_")}.arn
    }
  }
}
`;
  return { eksctl, serviceAccountYaml: stringify(serviceAccountFor(i)), trustPolicyJson: trust, policyJson: policy, awsCli, terraform };
}

/**
 * A new world with the setup applied: the OIDC provider (if missing), the IAM role (replacing one of
 * the same name) and the annotated ServiceAccount (replacing one of the same name and namespace).
 * @example const w2 = applySetup(defaultWorld({ iam: { oidcProviders: [] } }), inputs)
 */
export function applySetup(world: World, i: SetupInputs): World {
  const w = clone(world);
  const issuer = issuerFor(i);
  if (!w.iam.oidcProviders.some((p) => p.accountId === i.accountId && issuerHostPath(p.Url.startsWith("https://") ? p.Url : `https://${p.Url}`) === issuerHostPath(issuer))) {
    w.iam.oidcProviders.push({ accountId: i.accountId, Url: issuer, ClientIDList: ["sts.amazonaws.com"], ThumbprintList: [] });
  }
  const role: IAMRole = {
    accountId: i.accountId, RoleName: i.roleName, Path: "/", AssumeRolePolicyDocument: trustPolicyFor(i), MaxSessionDuration: 3600,
    Policies: [{ PolicyName: typeof i.policy === "string" ? i.policy : `${i.roleName}-policy`, PolicyDocument: policyDocumentFor(i) }],
  };
  w.iam.roles = [...w.iam.roles.filter((r) => !(r.accountId === i.accountId && r.RoleName === i.roleName)), role];
  const sa = serviceAccountFor(i);
  w.kubernetes.serviceAccounts = [
    ...w.kubernetes.serviceAccounts.filter((s) => !(s.metadata.name === i.serviceAccountName && (s.metadata.namespace ?? i.namespace) === i.namespace)),
    sa,
  ];
  return w;
}
