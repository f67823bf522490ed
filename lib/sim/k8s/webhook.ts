/**
 * The EKS Pod Identity Webhook's mutation (aws/amazon-eks-pod-identity-webhook pkg/handler/handler.go,
 * pkg/cache/cache.go), checked against the webhook's own test fixtures (tests/unit/sim/webhook-oracle.test.ts).
 */
import type { Container, Pod, ServiceAccount } from "../world";
import { clone, isPlainObject } from "../util";
import type { JsonPatchOperation } from "../json-patch";
import { webhookNotInCacheMessage } from "../unverified";

export const ANNOTATION_PREFIX = "eks.amazonaws.com";
export const ANNOTATIONS = {
  roleArn: `${ANNOTATION_PREFIX}/role-arn`,
  audience: `${ANNOTATION_PREFIX}/audience`,
  stsRegionalEndpoints: `${ANNOTATION_PREFIX}/sts-regional-endpoints`,
  tokenExpiration: `${ANNOTATION_PREFIX}/token-expiration`,
  skipContainers: `${ANNOTATION_PREFIX}/skip-containers`,
} as const;
export const SKIP_POD_LABEL = `${ANNOTATION_PREFIX}/skip-pod-identity-webhook`;
export const TOKEN_VOLUME_NAME = "aws-iam-token";
export const DEFAULT_MOUNT_PATH = "/var/run/secrets/eks.amazonaws.com/serviceaccount";
export const WINDOWS_TOKEN_PATH = "C:\\var\\run\\secrets\\eks.amazonaws.com\\serviceaccount\\token";
export const DEFAULT_AUDIENCE = "sts.amazonaws.com";
export const DEFAULT_TOKEN_EXPIRATION = 86400;
/** Values under 600 s are raised to 600 (cache.go); no maximum is enforced. */
export const MIN_TOKEN_EXPIRATION = 600;
/** cache.go: a role-arn that does not match this is only a warning; STS rejects it later. */
export const ROLE_ARN_PATTERN = /^arn:aws[a-z0-9-]*:iam::\d{12}:role\/[\w\-/.@+=,]+$/;

export interface WebhookSettings {
  running: boolean;
  /** `--aws-default-region`; "" for none. */
  defaultRegion: string;
  /** `--sts-regional-endpoint`. */
  regionalSts: boolean;
  /** `--token-expiration`, seconds. */
  tokenExpiration: number;
  /** `--token-mount-path`. */
  mountPath?: string;
  /** false: the SA is not in the webhook's informer cache yet (created after the pod). */
  serviceAccountCached?: boolean;
  /** true: the pod existed before the annotation; admission only runs on CREATE. */
  podCreatedBeforeAnnotation?: boolean;
}

export interface MutationResult {
  mutated: boolean;
  /** The Pod after admission (a copy; equal to the input when not mutated). */
  pod: Pod;
  /** The JSON Patch the webhook returns (empty when not mutated). */
  patch: JsonPatchOperation[];
  /** Why the webhook did or did not mutate, in its own terms. */
  reason: string;
  warnings: string[];
  roleArn?: string;
  audience?: string;
  expirationSeconds?: number;
  regionalSts?: boolean;
  tokenFilePath?: string;
  skippedContainers: string[];
}

const annotationsOf = (o: { metadata: { annotations?: Record<string, string> } }): Record<string, string> => o.metadata.annotations ?? {};

const parseBool = (v: string | undefined): boolean | undefined => {
  if (v === undefined) return undefined;
  // Go's strconv.ParseBool
  if (["1", "t", "T", "TRUE", "true", "True"].includes(v)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(v)) return false;
  return undefined;
};

const parseSeconds = (v: string | undefined): number | undefined => {
  if (v === undefined || !/^-?\d+$/.test(v.trim())) return undefined;
  return Number(v.trim());
};

/** Token expiration: the Pod's annotation wins over the SA's, which wins over the flag; floor 600 s. */
export function effectiveExpiration(pod: Pod, sa: ServiceAccount, settings: WebhookSettings): number {
  const raw = parseSeconds(annotationsOf(pod)[ANNOTATIONS.tokenExpiration]) ?? parseSeconds(annotationsOf(sa)[ANNOTATIONS.tokenExpiration]) ?? settings.tokenExpiration;
  return Math.max(MIN_TOKEN_EXPIRATION, raw);
}

/** Windows pods get a Windows token path (nodeSelector `kubernetes.io/os` or the beta label). */
export function isWindowsPod(pod: Pod): boolean {
  const ns = pod.spec.nodeSelector ?? {};
  return ns["kubernetes.io/os"] === "windows" || ns["beta.kubernetes.io/os"] === "windows";
}

const VOLUME_MOUNT_FIELDS = ["name", "readOnly", "recursiveReadOnly", "mountPath", "subPath", "mountPropagation", "subPathExpr"];
const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"];

/**
 * What a container looks like after the webhook decodes it into Go's corev1.Container and encodes
 * it back: `resources: {}` always present, unknown VolumeMount fields dropped, `mountPath` always
 * written, a gRPC probe's nil `service` written as null.
 */
function goRoundTrip(c: Container): Container {
  const out: Record<string, unknown> = clone(c);
  if (out.resources === undefined) out.resources = {};
  if (Array.isArray(out.volumeMounts)) {
    out.volumeMounts = (out.volumeMounts as Record<string, unknown>[]).map((vm) => {
      const kept: Record<string, unknown> = {};
      for (const f of VOLUME_MOUNT_FIELDS) if (vm[f] !== undefined) kept[f] = vm[f];
      if (kept.mountPath === undefined) kept.mountPath = "";
      return kept;
    });
  }
  for (const p of PROBES) {
    const probe = out[p];
    if (isPlainObject(probe) && isPlainObject(probe.grpc) && probe.grpc.service === undefined) probe.grpc.service = null;
  }
  return out as Container;
}

interface PatchConfig {
  roleArn: string;
  regionalSts: boolean;
  region: string;
  tokenFilePath: string;
  mountPath: string;
  skip: Set<string>;
}

/** handler.go addEnvToContainer: returns whether the container changed. Mutates `c`. */
function addEnvToContainer(c: Container, cfg: PatchConfig): boolean {
  if (cfg.skip.has(c.name)) return false;
  const env = c.env ?? [];
  const names = new Set(env.map((e) => e.name));
  const webIdentityDefined = names.has("AWS_ROLE_ARN") || names.has("AWS_WEB_IDENTITY_TOKEN_FILE");
  const regionDefined = names.has("AWS_REGION") || names.has("AWS_DEFAULT_REGION");
  const stsDefined = names.has("AWS_STS_REGIONAL_ENDPOINTS");
  if (webIdentityDefined && regionDefined && stsDefined) return false;
  const next = [...env];
  let changed = false;
  if (!stsDefined && cfg.regionalSts) {
    next.push({ name: "AWS_STS_REGIONAL_ENDPOINTS", value: "regional" });
    changed = true;
  }
  if (!regionDefined && cfg.region !== "") {
    next.push({ name: "AWS_DEFAULT_REGION", value: cfg.region }, { name: "AWS_REGION", value: cfg.region });
    changed = true;
  }
  if (!webIdentityDefined) {
    next.push({ name: "AWS_ROLE_ARN", value: cfg.roleArn }, { name: "AWS_WEB_IDENTITY_TOKEN_FILE", value: cfg.tokenFilePath });
    changed = true;
  }
  c.env = next;
  const mounts = c.volumeMounts ?? [];
  if (!mounts.some((m) => m.name === TOKEN_VOLUME_NAME)) {
    c.volumeMounts = [...mounts, { name: TOKEN_VOLUME_NAME, readOnly: true, mountPath: cfg.mountPath }];
    changed = true;
  }
  return changed;
}

/**
 * Run the Pod Identity Webhook's admission on a Pod.
 * @example
 * const r = mutatePod({ pod, serviceAccount: sa, settings: { running: true, defaultRegion: "us-east-1", regionalSts: false, tokenExpiration: 86400 } });
 * r.pod.spec.containers[0].env // [..., { name: "AWS_ROLE_ARN", ... }, { name: "AWS_WEB_IDENTITY_TOKEN_FILE", ... }]
 */
export function mutatePod(input: {
  pod: Pod;
  serviceAccount: ServiceAccount | undefined;
  settings: WebhookSettings;
  operation?: "CREATE" | "UPDATE";
}): MutationResult {
  const { pod, serviceAccount: sa, settings } = input;
  const namespace = pod.metadata.namespace ?? "default";
  const saName = pod.spec.serviceAccountName ?? "default";
  const unchanged = (reason: string, warnings: string[] = []): MutationResult => ({
    mutated: false, pod: clone(pod), patch: [], reason, warnings, skippedContainers: [],
  });
  if (pod.metadata.labels?.[SKIP_POD_LABEL] !== undefined) {
    return unchanged(`The Pod has the label ${SKIP_POD_LABEL}: the MutatingWebhookConfiguration's objectSelector never sends it to the webhook.`);
  }
  if (!settings.running) {
    return unchanged("The webhook is down; its failurePolicy is Ignore, so the API server admitted the Pod unmutated, silently.");
  }
  if ((input.operation ?? "CREATE") !== "CREATE" || settings.podCreatedBeforeAnnotation) {
    return unchanged("The Pod was created before the ServiceAccount had its role-arn annotation; the webhook only mutates on CREATE, so the running Pod keeps its old spec until it is restarted.");
  }
  if (!sa || settings.serviceAccountCached === false) {
    return unchanged(webhookNotInCacheMessage(namespace, saName));
  }
  const roleArn = annotationsOf(sa)[ANNOTATIONS.roleArn];
  if (!roleArn) return unchanged(`ServiceAccount ${namespace}/${saName} has no ${ANNOTATIONS.roleArn} annotation: nothing to inject.`);
  const warnings: string[] = [];
  if (!ROLE_ARN_PATTERN.test(roleArn)) warnings.push(`role-arn "${roleArn}" does not look like an IAM role ARN (the webhook only warns; STS will reject it)`);

  const audience = annotationsOf(sa)[ANNOTATIONS.audience] ?? DEFAULT_AUDIENCE;
  const regionalSts = parseBool(annotationsOf(sa)[ANNOTATIONS.stsRegionalEndpoints]) ?? settings.regionalSts;
  const expirationSeconds = effectiveExpiration(pod, sa, settings);
  const mountPath = settings.mountPath ?? DEFAULT_MOUNT_PATH;
  const tokenFilePath = isWindowsPod(pod) ? WINDOWS_TOKEN_PATH : `${mountPath}/token`;
  const skip = new Set(
    (annotationsOf(pod)[ANNOTATIONS.skipContainers] ?? "").split(",").map((s) => s.trim()).filter(Boolean),
  );
  const cfg: PatchConfig = { roleArn, regionalSts, region: settings.defaultRegion, tokenFilePath, mountPath, skip };

  const out = clone(pod);
  const patch: JsonPatchOperation[] = [];
  const volumes = out.spec.volumes ?? [];
  if (!volumes.some((v) => v.name === TOKEN_VOLUME_NAME)) {
    const volume = {
      name: TOKEN_VOLUME_NAME,
      projected: { sources: [{ serviceAccountToken: { audience, expirationSeconds, path: "token" } }] },
    };
    patch.push(volumes.length === 0 ? { op: "add", path: "/spec/volumes", value: [volume] } : { op: "add", path: "/spec/volumes/0", value: volume });
    out.spec.volumes = [volume, ...volumes];
  }
  out.spec.containers = out.spec.containers.map(goRoundTrip);
  out.spec.containers.forEach((c) => addEnvToContainer(c, cfg));
  patch.push({ op: "add", path: "/spec/containers", value: clone(out.spec.containers) });
  if (out.spec.initContainers && out.spec.initContainers.length > 0) {
    out.spec.initContainers = out.spec.initContainers.map(goRoundTrip);
    out.spec.initContainers.forEach((c) => addEnvToContainer(c, cfg));
    patch.push({ op: "add", path: "/spec/initContainers", value: clone(out.spec.initContainers) });
  }
  return {
    mutated: true,
    pod: out,
    patch,
    reason: `ServiceAccount ${namespace}/${saName} has ${ANNOTATIONS.roleArn}: injected env, the projected token volume and its mount.`,
    warnings,
    roleArn,
    audience,
    expirationSeconds,
    regionalSts,
    tokenFilePath,
    skippedContainers: [...skip],
  };
}
