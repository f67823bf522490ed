/** The nine steps of the IRSA flow, exactly as the lab shows them. */
export const STEPS = [
  { n: 1, id: "webhook-inject", title: "Pod scheduled — webhook injects" },
  { n: 2, id: "sdk-reads-env", title: "SDK reads env" },
  { n: 3, id: "token-loaded", title: "Token loaded" },
  { n: 4, id: "sts-request", title: "AssumeRoleWithWebIdentity request" },
  { n: 5, id: "verify-jwt", title: "Verify JWT signature (JWKS)" },
  { n: 6, id: "trust-policy", title: "Check trust policy" },
  { n: 7, id: "credentials", title: "Receive temporary credentials" },
  { n: 8, id: "sigv4-sign", title: "SigV4-sign the call" },
  { n: 9, id: "service-call", title: "The call (DynamoDB GetItem)" },
] as const;

export type StepId = (typeof STEPS)[number]["id"];
export type StepNumber = (typeof STEPS)[number]["n"];

export const STEP_STATUS = { ok: "ok", fail: "fail", skipped: "skipped", warn: "warn" } as const;
export type StepStatus = (typeof STEP_STATUS)[keyof typeof STEP_STATUS];

/** IAM service prefix → the name AWS uses for the service (for step 9's title). */
export const SERVICE_NAMES: Readonly<Record<string, string>> = {
  dynamodb: "DynamoDB", s3: "S3", ses: "SES", sqs: "SQS", sns: "SNS", kms: "KMS", secretsmanager: "Secrets Manager",
  ssm: "SSM Parameter Store", sts: "STS", iam: "IAM", lambda: "Lambda", kinesis: "Kinesis", firehose: "Data Firehose",
  logs: "CloudWatch Logs", cloudwatch: "CloudWatch", events: "EventBridge", states: "Step Functions", ec2: "EC2",
  ecr: "ECR", eks: "EKS", rds: "RDS", "rds-db": "RDS (IAM database auth)", elasticfilesystem: "EFS", athena: "Athena",
  glue: "Glue", bedrock: "Bedrock", "execute-api": "API Gateway", apigateway: "API Gateway", route53: "Route 53",
  cognito: "Cognito", "cognito-idp": "Cognito User Pools", appsync: "AppSync", xray: "X-Ray", es: "OpenSearch",
  sagemaker: "SageMaker", acm: "ACM", cloudformation: "CloudFormation", codeartifact: "CodeArtifact",
};

/**
 * Step 9's title adapts to the action: `dynamodb:GetItem` → "The call (DynamoDB GetItem)",
 * `ses:SendEmail` → "The call (SES SendEmail)"; an unknown prefix is shown as written.
 */
export function callStepTitle(action: string): string {
  const [service = "", name = ""] = action.split(":");
  const svc = SERVICE_NAMES[service.toLowerCase()] ?? service;
  return name ? `The call (${svc} ${name})` : `The call (${svc})`;
}
