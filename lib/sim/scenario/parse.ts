/**
 * `parseScenario`: multi-document YAML → a validated Scenario with its World. Never throws:
 * malformed input comes back as errors naming the document, the field path and what was expected.
 */
import { parseAllDocuments } from "yaml";
import type { z } from "zod";
import {
  deploymentSchema, podSchema, serviceAccountSchema, worldSchema,
  type Deployment, type IAMRole, type IAMUser, type OIDCProvider, type Pod, type ServiceAccount, type World,
} from "../world";
import {
  DEFAULTS, defaultNodeRole, defaultOidcProvider, defaultPod, defaultRole, defaultServiceAccount, defaultWorld, happyPathParams,
} from "../defaults";
import { clone, deepMerge, isPlainObject } from "../util";
import { iamRoleDocSchema, iamUserDocSchema, oidcProviderDocSchema, scenarioDocSchema, SIM_API_VERSION, type ScenarioSpec } from "./schema";

export interface ScenarioError {
  /** 1-based index of the YAML document (0 = the file as a whole). */
  document: number;
  kind?: string | undefined;
  name?: string | undefined;
  /** Field path inside the document, e.g. `spec.webhook.running` ("" = the document itself). */
  path: string;
  message: string;
}

export interface Scenario {
  name: string;
  description?: string | undefined;
  source: string;
  world: World;
  /** Every document of the file, validated, as plain JSON (the target of fixes). */
  documents: Record<string, unknown>[];
  /** All Pods of the file (Deployments turned into their Pod), before the webhook. */
  pods: Pod[];
  /** Documents of other apiVersions (e.g. quiz metadata), passed through untouched. */
  extraDocuments: Record<string, unknown>[];
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

const KNOWN_API_VERSIONS = new Set(["v1", "apps/v1", SIM_API_VERSION]);
/**
 * `irsa.sim/v1` kinds the simulator does not interpret but lets through as `extraDocuments`
 * (classroom metadata such as a pitfall's question and choices). Any other unknown kind is an error,
 * so a misspelt `kind: IAMrole` is caught.
 */
export const PASSTHROUGH_KINDS: ReadonlySet<string> = new Set(["Pitfall", "Question", "Activity"]);

/** One line per error: `source: document 2 (IAMRole/billing): spec.MaxSessionDuration: expected number`. */
export function formatScenarioErrors(errors: readonly ScenarioError[], source = "scenario"): string {
  return errors
    .map((e) => `${source}: ${e.document === 0 ? "file" : `document ${e.document}${e.kind ? ` (${e.kind}${e.name ? `/${e.name}` : ""})` : ""}`}: ${e.path ? `${e.path}: ` : ""}${e.message}`)
    .join("\n");
}

function zodErrors(err: z.ZodError, doc: number, kind: string | undefined, name: string | undefined): ScenarioError[] {
  return err.issues.map((i) => {
    const path = i.path.map((p) => (typeof p === "number" ? `[${p}]` : String(p))).join(".").replace(/\.\[/g, "[");
    // zod's own wording says what was expected and what was found ("expected boolean, received string").
    return { document: doc, kind, name, path, message: i.message };
  });
}

/** Deployment → the Pod its ReplicaSet creates (name gets the usual hash suffixes). */
export function podFromDeployment(d: Deployment): Pod {
  const t = d.spec.template;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      ...(t.metadata ?? {}),
      name: `${d.metadata.name}-6d4cf56db6-x7k2p`,
      ...(d.metadata.namespace ? { namespace: d.metadata.namespace } : {}),
      ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: `${d.metadata.name}-6d4cf56db6`, controller: true, blockOwnerDeletion: true }],
    },
    spec: clone(t.spec),
  };
}

/**
 * Parse a scenario file.
 * @example
 * const r = parseScenario(fs.readFileSync("content/scenarios/examples/happy-path.yaml", "utf8"), "happy-path.yaml");
 * if (r.ok) await traceFlow(r.scenario.world); else console.error(formatScenarioErrors(r.errors));
 */
export function parseScenario(text: string, source = "scenario"): ParseResult {
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: true });
  } catch (e) {
    return { ok: false, errors: [{ document: 0, path: "", message: `not YAML: ${(e as Error).message}` }] };
  }
  if (!Array.isArray(docs)) return { ok: false, errors: [{ document: 0, path: "", message: "not a YAML stream" }] };
  const errors: ScenarioError[] = [];
  const values: Record<string, unknown>[] = [];
  docs.forEach((d, i) => {
    if (d.errors.length > 0) {
      errors.push(...d.errors.map((e) => ({ document: i + 1, path: "", message: `YAML syntax: ${e.message.split("\n")[0]}` })));
      return;
    }
    const v: unknown = d.toJS({ maxAliasCount: 100 });
    if (v === null || v === undefined) return; // empty document (e.g. a trailing ---)
    if (!isPlainObject(v)) {
      errors.push({ document: i + 1, path: "", message: "expected a mapping with apiVersion and kind" });
      return;
    }
    values.push(v);
  });
  if (errors.length > 0) return { ok: false, errors };
  return buildScenario(values, source);
}

/**
 * Validate documents (already parsed from YAML or JSON) and build the Scenario and its World.
 * Default happy-path objects are added for each kind (OIDCProvider, IAMRole, ServiceAccount, Pod) the
 * documents do not contain, unless `spec.omit` lists it. The node's instance role is added if missing.
 */
export function buildScenario(values: readonly Record<string, unknown>[], source = "scenario"): ParseResult {
  const errors: ScenarioError[] = [];
  let spec: ScenarioSpec = {};
  let name: string | undefined;
  let description: string | undefined;
  const providers: OIDCProvider[] = [];
  const roles: IAMRole[] = [];
  const users: IAMUser[] = [];
  const sas: ServiceAccount[] = [];
  const pods: Pod[] = [];
  const extra: Record<string, unknown>[] = [];
  let scenarioDocs = 0;

  values.forEach((v, idx) => {
    const n = idx + 1;
    const kind = typeof v.kind === "string" ? v.kind : undefined;
    const meta = isPlainObject(v.metadata) ? v.metadata : {};
    const docName = typeof meta.name === "string" ? meta.name : isPlainObject(v.spec) && typeof v.spec.RoleName === "string" ? v.spec.RoleName : undefined;
    const apiVersion = v.apiVersion;
    if (typeof apiVersion !== "string" || !kind) {
      errors.push({ document: n, kind, name: docName, path: typeof apiVersion !== "string" ? "apiVersion" : "kind", message: "expected a string (every document needs apiVersion and kind)" });
      return;
    }
    if (!KNOWN_API_VERSIONS.has(apiVersion) || (apiVersion === SIM_API_VERSION && PASSTHROUGH_KINDS.has(kind))) {
      extra.push(v);
      return;
    }
    const check = <S extends z.ZodType>(schema: S): z.infer<S> | undefined => {
      const r = schema.safeParse(v);
      if (!r.success) {
        errors.push(...zodErrors(r.error, n, kind, docName));
        return undefined;
      }
      return r.data;
    };
    const key = `${apiVersion} ${kind}`;
    switch (key) {
      case `${SIM_API_VERSION} Scenario`: {
        scenarioDocs++;
        const d = check(scenarioDocSchema);
        if (d) {
          spec = d.spec;
          name = d.metadata.name;
          description = d.metadata.description;
        }
        break;
      }
      case `${SIM_API_VERSION} OIDCProvider`: {
        const d = check(oidcProviderDocSchema);
        if (d) providers.push(d.spec);
        break;
      }
      case `${SIM_API_VERSION} IAMRole`: {
        const d = check(iamRoleDocSchema);
        if (d) roles.push(d.spec);
        break;
      }
      case `${SIM_API_VERSION} IAMUser`: {
        const d = check(iamUserDocSchema);
        if (d) users.push(d.spec);
        break;
      }
      case "v1 ServiceAccount": {
        const d = check(serviceAccountSchema);
        if (d) sas.push(d);
        break;
      }
      case "v1 Pod": {
        const d = check(podSchema);
        if (d) pods.push(d);
        break;
      }
      case "apps/v1 Deployment": {
        const d = check(deploymentSchema);
        if (d) pods.push(podFromDeployment(d));
        break;
      }
      default:
        errors.push({ document: n, kind, name: docName, path: "kind", message: `unknown kind "${kind}" for apiVersion ${apiVersion} (expected Scenario, OIDCProvider, IAMRole, IAMUser for ${SIM_API_VERSION}; ServiceAccount, Pod for v1; Deployment for apps/v1)` });
    }
  });
  if (scenarioDocs > 1) errors.push({ document: 0, path: "", message: "more than one kind: Scenario document" });
  if (errors.length > 0) return { ok: false, errors };

  const base = defaultWorld();
  const cluster = { ...base.cluster, ...stripUndefined(spec.cluster ?? {}) };
  // An issuer left out follows the cluster's region.
  if (!spec.cluster?.oidcIssuer && spec.cluster?.region) cluster.oidcIssuer = `https://oidc.eks.${cluster.region}.amazonaws.com/id/${DEFAULTS.oidcId}`;
  const omit = new Set(spec.omit ?? []);
  const workloadPod = spec.workload?.pod !== undefined ? pods.find((p) => p.metadata.name === spec.workload?.pod || p.metadata.name.startsWith(`${spec.workload?.pod}-`)) : pods[0];
  if (spec.workload?.pod !== undefined && !workloadPod) {
    return { ok: false, errors: [{ document: 0, path: "spec.workload.pod", message: `no Pod or Deployment named "${spec.workload.pod}" in the file` }] };
  }
  const hp = happyPathParams({
    accountId: cluster.accountId,
    region: cluster.region,
    issuer: cluster.oidcIssuer,
    ...(workloadPod?.metadata.namespace ? { namespace: workloadPod.metadata.namespace } : {}),
    ...(workloadPod?.spec.serviceAccountName ? { serviceAccountName: workloadPod.spec.serviceAccountName } : {}),
  });
  const pod = workloadPod ?? (omit.has("Pod") ? undefined : defaultPod(hp));
  if (!pod) return { ok: false, errors: [{ document: 0, path: "spec.omit", message: "the scenario needs a Pod or Deployment (Pod is omitted and none is given)" }] };
  // A namespaced object without a namespace lands in the Pod's namespace (as `kubectl apply -n <ns>` would).
  const podNs = pod.metadata.namespace ?? "default";
  const nodeRoleArn = spec.node?.instanceRoleArn ?? `arn:aws:iam::${cluster.accountId}:role/${DEFAULTS.nodeRoleName}`;
  const allRoles = roles.length > 0 || omit.has("IAMRole") ? [...roles] : [defaultRole(hp)];
  const nodeRoleName = nodeRoleArn.split("/").pop() ?? DEFAULTS.nodeRoleName;
  const nodeAccount = nodeRoleArn.split(":")[4] ?? cluster.accountId;
  if (!allRoles.some((r) => r.RoleName === nodeRoleName && r.accountId === nodeAccount)) allRoles.push(defaultNodeRole(nodeAccount, nodeRoleName));

  const overlay = {
    now: spec.now,
    cluster,
    webhook: { defaultRegion: cluster.region, ...stripUndefined(spec.webhook ?? {}) },
    node: { ...stripUndefined(spec.node ?? {}), instanceRoleArn: nodeRoleArn },
    network: spec.network,
    iam: {
      oidcProviders: providers.length > 0 || omit.has("OIDCProvider") ? providers : [defaultOidcProvider(hp)],
      roles: allRoles,
      users,
      serviceControlPolicies: spec.organization?.serviceControlPolicies ?? [],
    },
    kubernetes: {
      serviceAccounts: sas.length > 0 || omit.has("ServiceAccount") ? sas : [defaultServiceAccount(hp)],
      pod: { ...pod, metadata: { ...pod.metadata, namespace: podNs } },
    },
    workload: { ...spec.workload, pod: undefined, container: spec.workload?.container ?? pod.spec.containers[0]?.name },
    call: { resource: `arn:aws:dynamodb:${cluster.region}:${cluster.accountId}:table/${DEFAULTS.tableName}`, ...stripUndefined(spec.call ?? {}) },
    token: spec.token,
  };
  const merged = deepMerge(base, overlay);
  const parsed = worldSchema.safeParse(merged);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error, 0, "World", undefined).map((e) => ({ ...e, path: `world.${e.path}` })) };
  return {
    ok: true,
    scenario: {
      name: name ?? source.replace(/^.*[\\/]/, "").replace(/\.ya?ml$/, ""),
      description,
      source,
      world: parsed.data,
      documents: values.map((v) => clone(v)),
      pods: pods.map((p) => ({ ...p, metadata: { ...p.metadata, namespace: p.metadata.namespace ?? "default" } })),
      extraDocuments: extra,
    },
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
