/**
 * The nine-step IRSA flow: from the Pod's admission to the DynamoDB call. Every step reports what the
 * real system sees and decides (`details`), a plain-English `explanation`, its status, and on failure
 * the exact AWS / Kubernetes error. Steps after a failure are skipped. Pure: the clock is `world.now`
 * (plus the pod's skew), randomness is `options.random` (seeded by default).
 */
import type { IAMRole, World } from "./world";
import { STEPS, callStepTitle, type StepId, type StepStatus } from "./steps";
import { mutatePod, TOKEN_VOLUME_NAME, type MutationResult } from "./k8s/webhook";
import {
  DEFAULT_SERVICE_ACCOUNT_NAME, defaultServiceAccountOf, kubectlCreateError, replicaSetFailedCreateEvent, replicaSetOwner, serviceAccountNotFoundMessage,
} from "./k8s/admission";
import { resolveCredentialSource, chainFor, MIN_WEB_IDENTITY_VERSION, type CredentialSource } from "./sdk/chain";
import { signSigV4, checkRequestTime } from "./sdk/sigv4";
import { buildServiceRequest, requestUrl, serviceResponse, type ServiceRequest } from "./sdk/requests";
import {
  serviceAccountClaims, overrideClaims, signToken, tamperToken, decodeToken, verifySignature,
  type ServiceAccountTokenClaims, type TokenHeader,
} from "./jwt/token";
import { fixtureKey } from "./jwt/keys";
import {
  buildAssumeRoleRequest, validateParameters, stsEndpoint, isOptInRegion,
  stsErrorXml, stsSuccessXml, issueCredentials, requestIdFrom, roleUniqueId, type SimError, type TemporaryCredentials,
} from "./sts/assume-role";
import { evaluateTrustPolicy, type TrustEvaluation } from "./iam/trust";
import { evaluatePolicies, evaluateStatement, type PolicySet, type PermissionDecision } from "./iam/policy";
import { requestContext, roleArnOf, type CallerPrincipal } from "./iam/context";
import { STS_ERRORS, accessDeniedMessage } from "./sts/messages";
import { FINDING_CODES, trustPolicyFindings, type Finding } from "./findings";
import { issuerHostPath, providerArn } from "./defaults";
import { isPlainObject, seededRandom, toList } from "./util";
import * as U from "./unverified";

export type { SimError } from "./sts/assume-role";
export type { Finding } from "./findings";

export interface StepTrace {
  n: number;
  id: StepId;
  title: string;
  status: StepStatus;
  error?: SimError;
  details: Record<string, unknown>;
  explanation: string;
}

/** The CLI `--json` object (exactly these keys). */
export interface TraceSummary {
  scenario: string;
  outcome: "success" | "failure";
  identity: string | null;
  failedStep: number | null;
  error: SimError | null;
  steps: { n: number; id: StepId; title: string; status: StepStatus; error?: SimError }[];
  findings: Finding[];
}

/** A full trace: the summary plus each step's details and explanation. */
export interface FlowTrace extends Omit<TraceSummary, "steps"> {
  steps: StepTrace[];
}

export interface TraceOptions {
  /** Randomness for credentials and request ids; default: a fixed-seed PRNG (reproducible). */
  random?: () => number;
  /** Name shown in the summary (default "world"). */
  scenario?: string;
}

type Env = Record<string, string>;

const SENSITIVE = new Set(["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]);
const mask = (s: string): string => (s.length <= 8 ? "****" : `${s.slice(0, 4)}…${s.slice(-4)}`);

const accountOf = (arn: string): string => arn.split(":")[4] ?? "";
const roleNameOf = (arn: string): string => arn.split("/").pop() ?? "";
const regionOfArn = (arn: string): string | undefined => {
  const r = arn.split(":")[3];
  return r ? r : undefined;
};

/** Find an IAM role by its ARN (account + name; the path is ignored). */
export function findRole(world: World, arn: string): IAMRole | undefined {
  return world.iam.roles.find((r) => r.accountId === accountOf(arn) && r.RoleName === roleNameOf(arn));
}

const stepMeta = (id: StepId) => STEPS.find((s) => s.id === id) as (typeof STEPS)[number];

/**
 * Run the nine steps on a world.
 * @example
 * const trace = await traceFlow(defaultWorld());
 * trace.outcome // "success"; trace.identity // "arn:aws:sts::111122223333:assumed-role/billing-dynamodb-reader/aws-sdk-js-session-…"
 */
export async function traceFlow(world: World, options: TraceOptions = {}): Promise<FlowTrace> {
  const random = options.random ?? seededRandom();
  const nowMs = Date.parse(world.now);
  const nowSec = Math.floor(nowMs / 1000);
  const podClockMs = nowMs + world.node.clockSkewSeconds * 1000;
  const steps: StepTrace[] = [];
  const findings: Finding[] = [];
  let identity: string | null = null;
  let failed: StepTrace | undefined;

  const push = (id: StepId, status: StepStatus, details: Record<string, unknown>, explanation: string, error?: SimError): boolean => {
    const m = stepMeta(id);
    const title = id === "service-call" ? callStepTitle(world.call.action) : m.title;
    const st: StepTrace = { n: m.n, id, title, status, details, explanation, ...(error ? { error } : {}) };
    steps.push(st);
    if (status === "fail" && !failed) failed = st;
    return status !== "fail";
  };

  const finish = (): FlowTrace => {
    for (const m of STEPS) {
      if (!steps.some((s) => s.id === m.id)) {
        const title = m.id === "service-call" ? callStepTitle(world.call.action) : m.title;
        steps.push({ n: m.n, id: m.id, title, status: "skipped", details: {}, explanation: failed ? `Skipped: step ${failed.n} failed.` : "Skipped: not part of this credential path." });
      }
    }
    steps.sort((a, b) => a.n - b.n);
    const seen = new Set<string>();
    const uniq = findings.filter((f) => (seen.has(f.code + f.message) ? false : (seen.add(f.code + f.message), true)));
    return {
      scenario: options.scenario ?? "world",
      outcome: failed ? "failure" : "success",
      identity,
      failedStep: failed ? failed.n : null,
      error: failed?.error ?? null,
      steps,
      findings: uniq,
    };
  };

  // ── Step 1: admission ─────────────────────────────────────────────────────────────────────────
  const pod = world.kubernetes.pod;
  const namespace = pod.metadata.namespace ?? "default";
  const saName = pod.spec.serviceAccountName ?? "default";
  const listedSa = world.kubernetes.serviceAccounts.find((s) => s.metadata.name === saName && (s.metadata.namespace ?? namespace) === namespace);
  // The ServiceAccount admission plugin runs before the webhook: a missing SA refuses the Pod (403); `default` always exists.
  const sa = listedSa ?? (saName === DEFAULT_SERVICE_ACCOUNT_NAME ? defaultServiceAccountOf(namespace) : undefined);
  if (!sa && !world.webhook.podCreatedBeforeAnnotation) {
    const owner = replicaSetOwner(pod);
    const message = serviceAccountNotFoundMessage(owner ? `${owner}-` : pod.metadata.name, namespace, saName);
    const shown = owner ? replicaSetFailedCreateEvent(message) : kubectlCreateError(message);
    push("webhook-inject", "fail", {
      admission: { operation: "CREATE", plugin: "ServiceAccount", verdict: "Forbidden", webhookReached: false },
      serviceAccount: null,
      requestedServiceAccount: { name: saName, namespace },
      mutated: false,
      pod: null,
      ...(owner ? { event: { type: "Warning", reason: "FailedCreate", from: "replicaset-controller", object: `ReplicaSet/${owner}`, message: shown } } : { kubectl: shown }),
    }, `The API server's ServiceAccount admission plugin looks up ServiceAccount ${namespace}/${saName}, named by the Pod's spec.serviceAccountName, before any webhook runs. It does not exist, so the Pod is refused (403 Forbidden) and never created: ${owner ? `the ReplicaSet ${owner} keeps retrying and records a FailedCreate event` : "kubectl prints the error"}. Create the ServiceAccount (with its eks.amazonaws.com/role-arn annotation) first, or fix the name.`,
    { code: "Forbidden", message, httpStatus: 403 });
    return finish();
  }
  const mutation: MutationResult = mutatePod({ pod, serviceAccount: sa, settings: world.webhook });
  const mutated = mutation.pod;
  const container = mutated.spec.containers.find((c) => c.name === world.workload.container) ?? mutated.spec.containers[0];
  const env: Env = {};
  for (const e of container?.env ?? []) if (e.value !== undefined) env[e.name] = e.value;
  const saRoleArn = sa?.metadata.annotations?.["eks.amazonaws.com/role-arn"];
  {
    const notes: string[] = [];
    let status: StepStatus = "ok";
    if (!mutation.mutated) {
      status = "warn";
      if (saRoleArn || !sa) findings.push({ code: FINDING_CODES.notMutated, severity: "warning", message: `Pod ${namespace}/${pod.metadata.name} was not mutated: ${mutation.reason}` });
    }
    if (mutation.warnings.length > 0) status = "warn";
    if (container && mutation.skippedContainers.includes(container.name)) {
      status = "warn";
      notes.push(`Container "${container.name}" is listed in eks.amazonaws.com/skip-containers, so it got nothing.`);
    }
    const preset = pod.spec.containers.find((c) => c.name === container?.name)?.env?.find((e) => e.name === "AWS_ROLE_ARN")?.value;
    if (mutation.mutated && preset !== undefined && preset !== saRoleArn) {
      status = "warn";
      notes.push(`The container already sets AWS_ROLE_ARN=${preset}; the webhook adds neither AWS_ROLE_ARN nor AWS_WEB_IDENTITY_TOKEN_FILE then, so the stale value wins over the ServiceAccount's ${saRoleArn}.`);
      findings.push({ code: FINDING_CODES.envPreset, severity: "warning", message: `Container ${container?.name} presets AWS_ROLE_ARN=${preset}, which differs from the ServiceAccount's role-arn ${saRoleArn}.` });
    }
    push("webhook-inject", status, {
      admission: { operation: world.webhook.podCreatedBeforeAnnotation ? "none (pod predates the annotation)" : "CREATE", webhookRunning: world.webhook.running, failurePolicy: "Ignore" },
      serviceAccount: sa ? { name: sa.metadata.name, namespace: sa.metadata.namespace ?? namespace, annotations: sa.metadata.annotations ?? {} } : null,
      mutated: mutation.mutated,
      reason: mutation.reason,
      warnings: mutation.warnings,
      patch: mutation.patch,
      pod: mutated,
      container: container?.name ?? null,
      injectedEnv: env,
      tokenVolume: mutated.spec.volumes?.find((v) => v.name === TOKEN_VOLUME_NAME) ?? null,
    }, [
      mutation.mutated
        ? `The API server sent the CREATE of Pod ${namespace}/${pod.metadata.name} to the EKS Pod Identity Webhook. ServiceAccount ${saName} carries eks.amazonaws.com/role-arn=${mutation.roleArn}, so the webhook added AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE (unless already set), the region variables when it has a default region, and a projected token volume (audience ${mutation.audience}, ${mutation.expirationSeconds}s) mounted read-only at ${world.webhook.mountPath}.`
        : `The Pod was admitted without mutation. ${mutation.reason}${mutation.reason.includes("not found in the cache") ? ` ${U.UNVERIFIED_NOTE}` : ""}`,
      ...mutation.warnings.map((w) => `Warning: ${w}.`),
      ...notes,
    ].join(" "));
  }

  // ── Step 2: the SDK's credential chain ──────────────────────────────────────────────────────────
  const sdk = world.workload.sdk;
  const imdsReachable = world.node.imdsHopLimit >= 2 || pod.spec.hostNetwork === true;
  const source: CredentialSource = resolveCredentialSource({ env, sdk: sdk.name, version: sdk.version, imdsReachable });
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? regionOfArn(world.call.resource);
  const nodeRoleName = roleNameOf(world.node.instanceRoleArn);
  const nodeSessionArn = `arn:aws:sts::${accountOf(world.node.instanceRoleArn)}:assumed-role/${nodeRoleName}/${world.node.instanceId}`;
  const staticIn = pod.spec.containers.filter((c) => (c.env ?? []).some((e) => e.name === "AWS_ACCESS_KEY_ID" || e.name === "AWS_SECRET_ACCESS_KEY"));
  for (const c of staticIn) findings.push({ code: FINDING_CODES.staticKeys, severity: "critical", message: `Container ${c.name} has static AWS access keys in its environment: long-lived secrets in the pod spec, and they take precedence over IRSA.` });
  if (imdsReachable && source.source !== "imds") {
    findings.push({ code: FINDING_CODES.imdsReachable, severity: "warning", message: `IMDS is reachable from pods (hop limit ${world.node.imdsHopLimit}${pod.spec.hostNetwork ? ", hostNetwork" : ""}): any pod on this node can still get the node role ${nodeRoleName}. Set HttpPutResponseHopLimit to 1 or block 169.254.169.254.` });
  }
  {
    const shownEnv = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith("AWS_")).map(([k, v]) => [k, SENSITIVE.has(k) ? mask(v) : v]));
    const details = { sdk: { ...sdk, minWebIdentityVersion: MIN_WEB_IDENTITY_VERSION[sdk.name] }, chain: chainFor(sdk.name), env: shownEnv, region: region ?? null, imds: { hopLimit: world.node.imdsHopLimit, reachable: imdsReachable }, credentialSource: source.source };
    if (source.source === "none") {
      const e = U.NO_CREDENTIALS_ERRORS[sdk.name] ?? U.DEFAULT_NO_CREDENTIALS_ERROR;
      push("sdk-reads-env", "fail", details, `${source.reason} The SDK reports that it found no credentials. ${U.UNVERIFIED_NOTE}`, { code: e.code, message: e.message, httpStatus: null });
      return finish();
    }
    if (source.source === "imds") {
      identity = nodeSessionArn;
      findings.push({ code: FINDING_CODES.nodeRoleCredentials, severity: "critical", message: `The pod's credentials come from the node's instance role (${identity}) through IMDS, not from IRSA: every pod on the node shares them.` });
      push("sdk-reads-env", "warn", { ...details, identity }, `${source.reason} Nothing fails: the SDK silently uses ${identity}.`);
    } else {
      push("sdk-reads-env", "ok", details, source.reason);
    }
  }

  // Credentials used for the call, whatever their source.
  let creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined;
  let policies: PolicySet | undefined;
  let principalRoleArn: string | undefined;
  // Who signs the call, for the request context's global keys (aws:PrincipalArn = the ROLE's ARN for a session).
  let caller: CallerPrincipal | undefined;

  if (source.source === "static") {
    const user = world.iam.users.find((u) => u.AccessKeyIds.includes(source.accessKeyId));
    for (const id of ["token-loaded", "sts-request", "verify-jwt", "trust-policy", "credentials"] as const) {
      push(id, "skipped", {}, "Skipped: static keys from the environment are used as they are; no token is read and STS is never called.");
    }
    creds = { accessKeyId: source.accessKeyId, secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? "" };
    if (user) {
      identity = `arn:aws:iam::${user.accountId}:user/${user.UserName}`;
      caller = { type: "User", userArn: identity };
      policies = { identity: user.Policies.map((p) => ({ name: p.PolicyName, document: p.PolicyDocument })), serviceControlPolicies: world.iam.serviceControlPolicies.map((p) => ({ name: p.PolicyName, document: p.PolicyDocument })) };
    }
  } else if (source.source === "imds") {
    push("token-loaded", "skipped", {}, "Skipped: no web identity token is used on the IMDS path.");
    for (const id of ["sts-request", "verify-jwt", "trust-policy"] as const) push(id, "skipped", {}, "Skipped: IMDS hands out the node role's credentials; no AssumeRoleWithWebIdentity happens.");
    const nodeRole = findRole(world, world.node.instanceRoleArn);
    const c = issueCredentials(random, new Date(nowMs + 6 * 3600 * 1000));
    creds = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
    principalRoleArn = world.node.instanceRoleArn;
    caller = { type: "AssumedRole", roleArn: nodeRole ? roleArnOf(nodeRole) : world.node.instanceRoleArn, sessionName: world.node.instanceId };
    policies = nodeRole ? rolePolicies(world, nodeRole) : { identity: [] };
    push("credentials", "warn", { source: "IMDS (http://169.254.169.254/latest/meta-data/iam/security-credentials/" + nodeRoleName + ")", identity, credentials: { AccessKeyId: c.AccessKeyId, Expiration: c.Expiration } }, `The SDK received the node role's temporary credentials from IMDS: the call will be made as ${identity}, with the node role's permissions.`);
  } else {
    // ── Step 3: token file ────────────────────────────────────────────────────────────────────────
    const tokenFile = source.tokenFile;
    const windowsNode = world.node.os === "windows";
    const volume = mutated.spec.volumes?.find((v) => v.name === TOKEN_VOLUME_NAME) as { projected?: { sources?: { serviceAccountToken?: { audience?: string; expirationSeconds?: number; path?: string } }[] } } | undefined;
    const projected = volume?.projected?.sources?.find((s) => s.serviceAccountToken)?.serviceAccountToken;
    const mount = container?.volumeMounts?.find((m) => m.name === TOKEN_VOLUME_NAME) as { mountPath?: string } | undefined;
    const linuxPathOk = mount?.mountPath !== undefined && tokenFile === `${mount.mountPath}/${projected?.path ?? "token"}`;
    const windowsPathOk = tokenFile.startsWith("C:\\") && mount !== undefined;
    const fileExists = projected !== undefined && (windowsNode ? windowsPathOk : linuxPathOk);
    const sc = (isPlainObject(pod.spec.securityContext) ? pod.spec.securityContext : {}) as { runAsUser?: number; fsGroup?: number };
    const csc = (isPlainObject(container?.securityContext) ? container?.securityContext : {}) as { runAsUser?: number };
    const runAsUser = csc.runAsUser ?? sc.runAsUser;
    const readable = runAsUser === undefined || runAsUser === 0 || sc.fsGroup !== undefined;
    const expirationSeconds = projected?.expirationSeconds ?? 86400;
    const refresh = Math.min(Math.floor(expirationSeconds * 0.8), 86400);
    // The kubelet rewrites the file at 80% of its TTL (or 24 h); an SDK that never re-reads keeps the first token.
    const tokenAge = sdk.rereadsTokenFile ? world.workload.podAgeSeconds % refresh : world.workload.podAgeSeconds;
    const iat = nowSec - Math.floor(tokenAge);
    const fileDetails = { path: tokenFile, volume: volume ?? null, mountPath: mount?.mountPath ?? null, nodeOs: world.node.os, runAsUser: runAsUser ?? 0, fsGroup: sc.fsGroup ?? null };
    if (!fileExists) {
      push("token-loaded", "fail", fileDetails, `The SDK opens ${tokenFile}, but nothing is mounted there${windowsNode && !tokenFile.startsWith("C:\\") ? ": the node runs Windows and the webhook injected the Linux path because the Pod has no kubernetes.io/os: windows nodeSelector" : ""}. ${U.UNVERIFIED_NOTE}`, { code: U.TOKEN_FILE_ERROR_CODE, message: U.tokenFileMissing(tokenFile, windowsNode), httpStatus: null });
      return finish();
    }
    if (!readable) {
      push("token-loaded", "fail", fileDetails, `The container runs as user ${runAsUser}, but the projected token file is readable only by root unless the Pod sets securityContext.fsGroup. ${U.UNVERIFIED_NOTE}`, { code: U.TOKEN_FILE_ERROR_CODE, message: U.tokenFilePermissionDenied(tokenFile), httpStatus: null });
      return finish();
    }
    const baseClaims = serviceAccountClaims({
      issuer: world.cluster.oidcIssuer,
      namespace,
      serviceAccount: { name: saName, uid: sa?.metadata.uid ?? "00000000-0000-0000-0000-000000000000" },
      pod: { name: pod.metadata.name, uid: pod.metadata.uid ?? "00000000-0000-0000-0000-000000000001" },
      audience: projected?.audience ?? "sts.amazonaws.com",
      issuedAt: iat,
      expirationSeconds,
    });
    const key = world.token.signingKey ?? world.cluster.signingKey;
    let jwt: string;
    if (world.token.tamper) {
      jwt = tamperToken(await signToken(baseClaims, key), world.token.claims ?? {});
    } else {
      jwt = await signToken(overrideClaims(baseClaims, world.token.claims), key);
    }
    const decoded = decodeToken(jwt);
    const header: TokenHeader | null = decoded.ok ? decoded.header : null;
    const claims: ServiceAccountTokenClaims = decoded.ok ? decoded.claims : {};
    const stale = !sdk.rereadsTokenFile && tokenAge > expirationSeconds * 0.8;
    // What `cat` of the file shows now: the kubelet's latest rotation, whatever the SDK process still holds.
    const fileAge = world.workload.podAgeSeconds % refresh;
    const fileClaims = stale ? { ...claims, iat: nowSec - Math.floor(fileAge), nbf: nowSec - Math.floor(fileAge), exp: nowSec - Math.floor(fileAge) + expirationSeconds } : claims;
    push("token-loaded", stale ? "warn" : "ok", { ...fileDetails, token: jwt, header, claims, fileClaims, issuedSecondsAgo: tokenAge, signedWith: { key, kid: fixtureKey(key).kid }, tampered: world.token.tamper },
      `The SDK read the projected ServiceAccount token: an RS256 JWT signed by the cluster's key (kid ${header?.kid}), sub ${String(claims.sub)}, aud ${JSON.stringify(claims.aud)}, valid until ${claims.exp}.` +
        (stale ? ` This ${sdk.name} process read the file ${Math.round(tokenAge / 3600)}h ago and never re-reads it, although the kubelet has rotated it since.` : "") +
        (world.token.tamper ? " Its claims were edited after signing: the signature no longer matches." : ""));

    // ── Step 4: the STS request ───────────────────────────────────────────────────────────────────
    const endpoint = stsEndpoint({ env, sdk: sdk.name, region });
    const sessionName = source.sessionName ?? U.sessionNameFor(sdk.name, podClockMs);
    const request = buildAssumeRoleRequest({ url: endpoint.url, host: endpoint.host, roleArn: source.roleArn, sessionName, token: jwt, durationSeconds: world.call.durationSeconds });
    const requestId = requestIdFrom(random);
    const stsFail = (id: StepId, details: Record<string, unknown>, explanation: string, e: SimError): FlowTrace => {
      push(id, "fail", { ...details, response: e.httpStatus !== null ? { status: e.httpStatus, body: stsErrorXml(e, requestId) } : null }, explanation, e);
      return finish();
    };
    if (!endpoint.regional) findings.push({ code: FINDING_CODES.globalSts, severity: "info", message: `The SDK calls the global STS endpoint sts.amazonaws.com; set AWS_STS_REGIONAL_ENDPOINTS=regional (eks.amazonaws.com/sts-regional-endpoints: "true") for lower latency and no single-region dependency.` });
    const reqDetails = { endpoint: endpoint.url, regional: endpoint.regional, request: { ...request, form: { ...request.form, WebIdentityToken: `${jwt.slice(0, 24)}…` } }, signed: false };
    const reachable = world.network.internetAccess || (endpoint.regional && world.network.stsVpcEndpoint);
    if (!reachable) {
      return stsFail("sts-request", reqDetails, `The pod has no route to ${endpoint.host}: the subnets have no internet access${endpoint.regional ? " and there is no STS interface VPC endpoint" : ", and an STS VPC endpoint only serves the regional endpoint; the global sts.amazonaws.com is unreachable"}. Use regional STS (AWS_STS_REGIONAL_ENDPOINTS=regional) and a VPC endpoint.`, STS_ERRORS.ioTimeout(endpoint.url));
    }
    if (!endpoint.regional && isOptInRegion(region)) {
      return stsFail("sts-request", reqDetails, `The workload runs in ${region}, an opt-in region, but calls the global STS endpoint. ${U.UNVERIFIED_NOTE}`, STS_ERRORS.globalStsWrongRegion());
    }
    const paramError = validateParameters({ roleArn: source.roleArn, sessionName, durationSeconds: world.call.durationSeconds });
    if (paramError) {
      return stsFail("sts-request", reqDetails, `STS validates the parameters before anything else and rejects ${paramError.message.includes("ARN") ? `RoleArn "${source.roleArn}" (the webhook only warned about it)` : "the request"}.${paramError.message === U.MALFORMED_ROLE_ARN_ERROR.message ? ` ${U.UNVERIFIED_NOTE}` : ""}`, paramError);
    }
    const role = findRole(world, source.roleArn);
    if (role && world.call.durationSeconds !== undefined && world.call.durationSeconds > role.MaxSessionDuration) {
      return stsFail("sts-request", { ...reqDetails, maxSessionDuration: role.MaxSessionDuration }, `DurationSeconds=${world.call.durationSeconds} is above role ${role.RoleName}'s MaxSessionDuration (${role.MaxSessionDuration}s). This check is reported at the request step. ${U.UNVERIFIED_NOTE}`, STS_ERRORS.maxSessionDuration());
    }
    push("sts-request", "ok", reqDetails, `The SDK POSTs AssumeRoleWithWebIdentity to ${endpoint.url}, form-encoded and unsigned: the JWT itself is the proof of identity. RoleArn=${source.roleArn}, RoleSessionName=${sessionName}.`);

    // ── Step 5: provider, JWKS, signature, audience, expiry ───────────────────────────────────────
    const iss = typeof claims.iss === "string" ? claims.iss : "";
    const roleAccount = accountOf(source.roleArn);
    const norm = (u: string) => issuerHostPath(u.startsWith("https://") ? u : `https://${u}`);
    const provider = world.iam.oidcProviders.find((p) => p.accountId === roleAccount && norm(p.Url) === norm(iss));
    const pArn = providerArn(roleAccount, iss);
    const jwksKeys = world.cluster.jwksKeys.map((k) => fixtureKey(k).publicJwk);
    const v5: Record<string, unknown> = { issuer: iss, discovery: `${iss}/.well-known/openid-configuration`, jwksUri: `${iss}/keys`, roleAccount, provider: provider ? { arn: pArn, ...provider } : null, tokenKid: header?.kid ?? null, jwksKids: jwksKeys.map((k) => k.kid) };
    if (!provider) {
      return stsFail("verify-jwt", v5, `STS looks for an IAM OIDC provider for ${iss} in the role's account ${roleAccount} and finds none (never created, created in another account, or the cluster was recreated with a new issuer id).`, STS_ERRORS.noOpenIdProvider(iss));
    }
    const isClusterIssuer = norm(iss) === norm(world.cluster.oidcIssuer);
    if (isClusterIssuer && !world.cluster.jwksReachable) {
      return stsFail("verify-jwt", v5, `STS could not fetch ${iss}/keys. ${U.UNVERIFIED_NOTE}`, STS_ERRORS.idpUnreachable());
    }
    const sig = await verifySignature(jwt, isClusterIssuer ? jwksKeys : []);
    v5.signature = sig;
    if (!sig.ok && sig.reason === "kid-not-in-jwks") {
      return stsFail("verify-jwt", v5, `The token's kid ${sig.kid} is not among the keys the issuer's JWKS serves (${jwksKeys.map((k) => k.kid).join(", ") || "none"}): a stale JWKS or a token signed by another key.`, STS_ERRORS.couldNotRetrieveKey());
    }
    if (!sig.ok) {
      return stsFail("verify-jwt", v5, `The JWKS has the key ${sig.kid}, but the RS256 signature does not verify: the claims were changed after signing. ${U.UNVERIFIED_NOTE}`, STS_ERRORS.badSignature());
    }
    const auds = toList(claims.aud as string | string[] | undefined);
    if (claims.aud === undefined || auds.length === 0) {
      return stsFail("verify-jwt", v5, "The token has no aud claim.", STS_ERRORS.missingAudClaim());
    }
    const matchedAud = auds.find((a) => provider.ClientIDList.includes(a));
    v5.audience = { token: auds, clientIdList: provider.ClientIDList, matched: matchedAud ?? null };
    if (matchedAud === undefined) {
      return stsFail("verify-jwt", v5, `The token's aud ${JSON.stringify(auds)} is not in the provider's ClientIDList ${JSON.stringify(provider.ClientIDList)} (typo in the eks.amazonaws.com/audience annotation or in the provider's client ids).`, STS_ERRORS.incorrectTokenAudience());
    }
    const exp = typeof claims.exp === "number" ? claims.exp : 0;
    v5.expiry = { now: nowSec, exp };
    if (nowSec >= exp) {
      return stsFail("verify-jwt", v5, `The token expired at ${new Date(exp * 1000).toISOString()} (now is ${world.now})${!sdk.rereadsTokenFile ? `: ${sdk.name} read the token file once and kept using that token` : ""}.`, STS_ERRORS.expiredToken(nowSec, exp));
    }
    push("verify-jwt", "ok", v5, `STS found the OIDC provider ${pArn}, fetched the issuer's JWKS, found kid ${sig.kid} and verified the RS256 signature; aud ${matchedAud} is in the ClientIDList and the token is valid until ${new Date(exp * 1000).toISOString()}.`);

    // ── Step 6: trust policy ──────────────────────────────────────────────────────────────────────
    const host = issuerHostPath(iss);
    const context = { [`${host}:sub`]: typeof claims.sub === "string" ? claims.sub : undefined, [`${host}:aud`]: matchedAud, [`${host}:amr`]: undefined };
    if (!role) {
      return stsFail("trust-policy", { roleArn: source.roleArn, roleExists: false, context }, `Role ${source.roleArn} does not exist (typo, or the wrong account in the ARN). STS answers as if the trust policy said no. ${U.UNVERIFIED_NOTE}`, STS_ERRORS.roleMissing());
    }
    const trust: TrustEvaluation = evaluateTrustPolicy(role.AssumeRolePolicyDocument, { federatedPrincipal: pArn, context });
    findings.push(...trustPolicyFindings(role.AssumeRolePolicyDocument, { providerArn: pArn, issuerHostPath: host, namespace, serviceAccount: saName, roleName: role.RoleName }));
    const t6 = { roleArn: source.roleArn, roleExists: true, federatedPrincipal: pArn, context, evaluation: trust, policy: role.AssumeRolePolicyDocument };
    if (!trust.allowed) {
      const why = trust.explicitDeny ? "a Deny statement matches" : trust.statements.map((s) => `statement ${s.sid ?? s.index}: ${s.reason}`).join("; ") || "it has no statements";
      return stsFail("trust-policy", t6, `Role ${role.RoleName}'s trust policy does not let ${String(claims.sub)} assume it: ${why}. Condition keys must be the issuer without https:// plus :sub / :aud, and StringEquals treats * literally.`, STS_ERRORS.notAuthorized());
    }
    const allowing = trust.statements.find((s) => s.applies && s.effect === "Allow");
    push("trust-policy", "ok", t6, `Statement ${allowing?.sid ?? allowing?.index} of role ${role.RoleName}'s trust policy allows it: Principal.Federated is ${pArn} and every condition holds (${allowing?.conditions.map((c) => `${c.operator} ${c.key}`).join(", ") || "no conditions"}).`);

    // ── Step 7: credentials (and an optional role chain) ──────────────────────────────────────────
    const duration = world.call.durationSeconds ?? 3600;
    const c: TemporaryCredentials = issueCredentials(random, new Date(nowMs + duration * 1000));
    const sessionArn = `arn:aws:sts::${role.accountId}:assumed-role/${role.RoleName}/${sessionName}`;
    const xml = stsSuccessXml({ subject: String(claims.sub), audience: matchedAud, providerArn: pArn, assumedRoleArn: sessionArn, assumedRoleId: `${roleUniqueId(source.roleArn)}:${sessionName}`, credentials: c, requestId });
    identity = sessionArn;
    creds = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
    principalRoleArn = source.roleArn;
    caller = { type: "AssumedRole", roleArn: roleArnOf(role), sessionName };
    policies = rolePolicies(world, role);
    const d7: Record<string, unknown> = { response: { status: 200, body: xml }, credentials: { ...c, SecretAccessKey: mask(c.SecretAccessKey), SessionToken: mask(c.SessionToken) }, assumedRoleUser: { Arn: sessionArn, AssumedRoleId: `${roleUniqueId(source.roleArn)}:${sessionName}` } };
    const chain = world.call.chainedRole;
    if (chain) {
      const target = findRole(world, chain.RoleArn);
      const chained = { RoleArn: chain.RoleArn, DurationSeconds: chain.DurationSeconds ?? 3600 };
      d7.chainedAssumeRole = chained;
      if (chained.DurationSeconds > 3600) {
        push("credentials", "fail", d7, `The web identity credentials arrived, but the app then calls sts:AssumeRole on ${chain.RoleArn} with DurationSeconds=${chained.DurationSeconds}: a chained role session is capped at one hour. ${U.UNVERIFIED_NOTE}`, STS_ERRORS.roleChainingLimit());
        return finish();
      }
      const chainContext = requestContext({ principal: caller, now: world.now, region: region ?? "us-east-1", resource: chain.RoleArn });
      const allowedByCaller = evaluatePolicies({ principalArn: sessionArn, principalRoleArn: source.roleArn, action: "sts:AssumeRole", resource: chain.RoleArn, context: chainContext }, policies);
      const trusts = target ? toList(target.AssumeRolePolicyDocument.Statement).some((s, i) => s.Effect === "Allow" && evaluateStatement({ ...s, Resource: "*" }, i, { principalArn: sessionArn, principalRoleArn: source.roleArn, action: "sts:AssumeRole", resource: chain.RoleArn }, true).applies) : false;
      if (!target || !trusts || !allowedByCaller.allowed) {
        push("credentials", "fail", d7, `The chained sts:AssumeRole on ${chain.RoleArn} is refused: ${!target ? "the role does not exist" : !trusts ? "its trust policy does not name the first role" : "the first role's policies do not allow sts:AssumeRole on it"}.`, STS_ERRORS.assumeRoleNotAuthorized(sessionArn, chain.RoleArn));
        return finish();
      }
      const cc = issueCredentials(random, new Date(nowMs + chained.DurationSeconds * 1000));
      identity = `arn:aws:sts::${target.accountId}:assumed-role/${target.RoleName}/${sessionName}`;
      creds = { accessKeyId: cc.AccessKeyId, secretAccessKey: cc.SecretAccessKey, sessionToken: cc.SessionToken };
      principalRoleArn = chain.RoleArn;
      caller = { type: "AssumedRole", roleArn: roleArnOf(target), sessionName };
      policies = rolePolicies(world, target);
      d7.chainedIdentity = identity;
    }
    push("credentials", "ok", d7, `STS answered 200 with temporary credentials (AccessKeyId ${c.AccessKeyId}, expiring ${c.Expiration}) for ${sessionArn}.${chain ? ` The app then chained into ${identity}.` : ""}`);
  }

  // ── Step 8: SigV4 ───────────────────────────────────────────────────────────────────────────────
  const [service = ""] = world.call.action.split(":");
  const callRegion = regionOfArn(world.call.resource) ?? region ?? "us-east-1";
  const req: ServiceRequest = buildServiceRequest({ action: world.call.action, resource: world.call.resource, region: callRegion, accountId: world.cluster.accountId, key: world.call.key });
  const { body } = req;
  const accessKeyId = creds?.accessKeyId ?? "";
  const signed = signSigV4({ method: req.method, host: req.host, path: req.path, query: req.query, headers: req.headers, body, region: callRegion, service: req.signingName, accessKeyId, secretAccessKey: creds?.secretAccessKey ?? "", sessionToken: creds?.sessionToken, date: new Date(podClockMs) });
  const shownHeaders = { ...signed.headers, ...(signed.headers["x-amz-security-token"] ? { "x-amz-security-token": mask(signed.headers["x-amz-security-token"]) } : {}) };
  const d8 = { method: req.method, url: requestUrl(req), protocol: req.protocol, headers: shownHeaders, body, canonicalRequest: signed.canonicalRequest, stringToSign: signed.stringToSign, signature: signed.signature, podClock: new Date(podClockMs).toISOString(), serverClock: world.now };
  const timeCheck = checkRequestTime(new Date(podClockMs), new Date(nowMs));
  if (!timeCheck.ok) {
    push("sigv4-sign", "fail", d8, `The pod's clock is ${world.node.clockSkewSeconds}s off. SigV4 puts the signer's time in X-Amz-Date and AWS rejects requests more than 5 minutes away from its own clock.`, { code: "InvalidSignatureException", message: timeCheck.message, httpStatus: 400 });
    return finish();
  }
  push("sigv4-sign", "ok", d8, `The SDK builds ${req.method} ${requestUrl(req)} (${req.protocol}) and signs it with SigV4 for service "${req.signingName}" using ${accessKeyId.startsWith("ASIA") ? "the temporary ASIA key and its session token (x-amz-security-token)" : "the static AKIA key"}: canonical request → string to sign → HMAC-SHA256 chain over ${signed.credentialScope}.`);

  // ── Step 9: the call ───────────────────────────────────────────────────────────────────────────
  if (!policies || identity === null) {
    push("service-call", "fail", { request: d8 }, `The access key ${accessKeyId} belongs to no IAM user the simulation knows. ${U.UNVERIFIED_NOTE}`, { ...U.UNKNOWN_ACCESS_KEY_ERROR });
    return finish();
  }
  const context = caller ? requestContext({ principal: caller, now: world.now, region: callRegion, resource: world.call.resource }) : undefined;
  const decision: PermissionDecision = evaluatePolicies({ principalArn: identity, principalRoleArn, action: world.call.action, resource: world.call.resource, context }, policies);
  const d9: Record<string, unknown> = { principal: identity, action: world.call.action, resource: world.call.resource, context: context ?? null, decision: decision.decision, evaluation: decision.evaluations };
  if (!decision.allowed) {
    push("service-call", "fail", d9, `${decision.explanation}${decision.decision === "ExplicitDeny" && decision.policyType !== "identity-based policy" ? ` Which policy type is named when several deny is a simulator choice. ${U.UNVERIFIED_NOTE}` : ""}`, decision.error);
    return finish();
  }
  if (world.call.kmsKeyArn && service === "dynamodb") {
    const kmsContext = caller ? requestContext({ principal: caller, now: world.now, region: regionOfArn(world.call.kmsKeyArn) ?? callRegion, resource: world.call.kmsKeyArn, viaAWSService: true }) : undefined;
    const kms = evaluatePolicies({ principalArn: identity, principalRoleArn, action: "kms:Decrypt", resource: world.call.kmsKeyArn, context: kmsContext }, { ...policies, resourceBased: undefined });
    d9.kms = { keyArn: world.call.kmsKeyArn, decision: kms.decision, evaluation: kms.evaluations };
    if (!kms.allowed) {
      push("service-call", "fail", d9, `The table is encrypted with the customer-managed KMS key ${world.call.kmsKeyArn}; reading it needs kms:Decrypt on that key, which the caller's policies do not grant. ${U.UNVERIFIED_NOTE}`, { code: U.KMS_DENIED_CODE, httpStatus: 400, message: kms.error?.message ?? accessDeniedMessage({ principalArn: identity, action: "kms:Decrypt", resource: world.call.kmsKeyArn }, "implicit", "identity-based policy") });
      return finish();
    }
  }
  d9.response = serviceResponse(req, world.call, signed.signature);
  push("service-call", "ok", d9, `${decision.explanation} The call succeeds as ${identity}.`);
  return finish();
}

/** The policies that apply to a role's sessions: its inline policies, its boundary, the call's session policy, the SCPs. */
export function rolePolicies(world: World, role: IAMRole): PolicySet {
  return {
    identity: role.Policies.map((p) => ({ name: p.PolicyName, document: p.PolicyDocument })),
    boundary: role.PermissionsBoundary ? { name: `${role.RoleName} permissions boundary`, document: role.PermissionsBoundary } : undefined,
    session: world.call.sessionPolicy ? { name: "session policy", document: world.call.sessionPolicy } : undefined,
    resourceBased: world.call.resourcePolicy ? { name: "resource policy", document: world.call.resourcePolicy } : undefined,
    serviceControlPolicies: world.iam.serviceControlPolicies.map((p) => ({ name: p.PolicyName, document: p.PolicyDocument })),
  };
}

/**
 * The CLI `--json` object: the trace without details and explanations.
 * @example JSON.stringify(toTraceSummary(await traceFlow(defaultWorld())))
 */
export function toTraceSummary(trace: FlowTrace): TraceSummary {
  return {
    scenario: trace.scenario,
    outcome: trace.outcome,
    identity: trace.identity,
    failedStep: trace.failedStep,
    error: trace.error,
    steps: trace.steps.map((s) => ({ n: s.n, id: s.id, title: s.title, status: s.status, ...(s.error ? { error: s.error } : {}) })),
    findings: trace.findings,
  };
}
