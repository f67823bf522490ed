/**
 * The IRSA simulator's public API. Pure TypeScript (node:crypto + jose for real RS256 and SigV4):
 * no I/O, no network, no database; the clock is `world.now`, randomness is an argument.
 */
export { STEPS, STEP_STATUS, SERVICE_NAMES, callStepTitle, type StepId, type StepNumber, type StepStatus } from "./steps";
export {
  worldSchema, policyDocumentSchema, statementSchema, iamRoleSchema, oidcProviderSchema, iamUserSchema, podSchema,
  serviceAccountSchema, deploymentSchema, SDK_NAMES,
  type World, type PolicyDocument, type Statement, type IAMRole, type IAMUser, type OIDCProvider, type Pod, type Container,
  type ServiceAccount, type Deployment, type SdkName, type DynamoKey, type DynamoKeyValue,
} from "./world";
export { defaultWorld, DEFAULTS, defaultTrustPolicy, providerArn, issuerHostPath } from "./defaults";
export { traceFlow, toTraceSummary, findRole, rolePolicies, type FlowTrace, type StepTrace, type TraceSummary, type TraceOptions, type SimError } from "./flow";
export { mutatePod, ANNOTATIONS, TOKEN_VOLUME_NAME, type MutationResult, type WebhookSettings } from "./k8s/webhook";
export {
  evaluatePolicies, evaluateStatement, accessDeniedCode, actionMatches, resourceMatches,
  type PolicySet, type PermissionRequest, type PermissionDecision, type PolicyType, type PolicyEvaluation, type StatementEvaluation, type NamedPolicy,
} from "./iam/policy";
export { requestContext, roleArnOf, userUniqueId, type CallerPrincipal, type RequestContextInput } from "./iam/context";
export { evaluateTrustPolicy, type TrustEvaluation, type TrustRequest, type TrustStatementEvaluation } from "./iam/trust";
export {
  evaluateOperator, evaluateConditionBlock, wildcardMatch, lookupKey,
  type ConditionResult, type RequestContext, type ContextValue, type ConditionBlock,
} from "./iam/conditions";
export { STS_MESSAGES, STS_ERRORS, SIGV4_MESSAGES, accessDeniedMessage } from "./sts/messages";
export { MAX_SESSION_DURATION_MESSAGE, stsErrorXml, stsSuccessXml, type TemporaryCredentials, type AssumeRoleRequest } from "./sts/assume-role";
export {
  serviceAccountNotFoundMessage, kubectlCreateError, replicaSetFailedCreateEvent, DEFAULT_SERVICE_ACCOUNT_NAME,
} from "./k8s/admission";
export { webhookNotInCacheMessage } from "./unverified";
export { resolveCredentialSource, supportsWebIdentity, MIN_WEB_IDENTITY_VERSION, type CredentialSource } from "./sdk/chain";
export { checkRequestTime, MAX_SKEW_SECONDS } from "./sdk/sigv4";
export {
  buildServiceRequest, serviceResponse, requestUrl, toDynamoKey, DEFAULT_DYNAMODB_KEY,
  type ServiceRequest, type AttributeValue,
} from "./sdk/requests";
export { FINDING_CODES, SEVERITY, trustPolicyFindings, type Finding, type Severity } from "./findings";
export { computeKid, fixtureKey } from "./jwt/keys";
export {
  signToken, tamperToken, decodeToken, verifySignature, tokenCacheStats,
  type ServiceAccountTokenClaims, type TokenHeader, type DecodedToken, type SignatureCheck,
} from "./jwt/token";
export { FIXTURE_KEY_NAMES, type FixtureKeyName } from "./jwt/fixture-keys";
export { applyJsonPatch, type JsonPatchOperation } from "./json-patch";
export { generateSetup, applySetup, trustPolicyFor, serviceAccountFor, policyDocumentFor, POLICY_PRESETS, type SetupInputs, type GeneratedSetup, type PolicyPresetName } from "./generators";
export { parseScenario, buildScenario, formatScenarioErrors, type Scenario, type ScenarioError, type ParseResult } from "./scenario/parse";
export { applyFix, evaluateFix, patchWorld, fixSchema, type Fix, type FixOperation, type FixVerdict } from "./scenario/fix";
export * as unverified from "./unverified";
