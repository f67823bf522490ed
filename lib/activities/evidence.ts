/**
 * Evidence panels, generated from a simulator run of the broken world: what a person debugging the Pod
 * would see (kubectl, AWS CLI, the app's log line) — never the answer. Pure: scenario + trace in, text out.
 */
import { stringify } from "yaml";
import type { EvidencePanel } from "@/lib/contract";
import { DEFAULT_DYNAMODB_KEY, STEPS, findRole, providerArn, toDynamoKey, type FlowTrace, type IAMRole, type Pod, type Scenario, type ServiceAccount, type World } from "@/lib/sim";
import type { PanelId } from "./bank/schema";

export interface EvidenceContext {
  scenario: Scenario;
  trace: FlowTrace;
}

const json = (v: unknown): string => JSON.stringify(v, null, 4);
const ROLE_ARN = "eks.amazonaws.com/role-arn";
const accountOf = (arn: string): string => arn.split(":")[4] ?? "";
const roleNameOf = (arn: string): string => arn.split("/").pop() ?? "";

function stepDetails(trace: FlowTrace, n: number): Record<string, unknown> {
  const s = trace.steps.find((x) => x.n === n);
  return s && s.status !== "skipped" ? s.details : {};
}

/** The Pod after admission (the webhook's output), as the API server stores it. */
export function admittedPod(ctx: EvidenceContext): Pod {
  return (stepDetails(ctx.trace, 1).pod as Pod | undefined) ?? ctx.scenario.world.kubernetes.pod;
}

function workloadContainer(world: World, pod: Pod) {
  return pod.spec.containers.find((c) => c.name === world.workload.container) ?? pod.spec.containers[0];
}

export function podServiceAccount(world: World): ServiceAccount | undefined {
  const pod = world.kubernetes.pod;
  const ns = pod.metadata.namespace ?? "default";
  const name = pod.spec.serviceAccountName ?? "default";
  return world.kubernetes.serviceAccounts.find((s) => s.metadata.name === name && (s.metadata.namespace ?? ns) === ns);
}

/** The role the Pod asks for: the container's AWS_ROLE_ARN after the webhook, else the SA's annotation. */
export function intendedRoleArn(ctx: EvidenceContext): string | undefined {
  const c = workloadContainer(ctx.scenario.world, admittedPod(ctx));
  return c?.env?.find((e) => e.name === "AWS_ROLE_ARN")?.value ?? podServiceAccount(ctx.scenario.world)?.metadata.annotations?.[ROLE_ARN];
}

/** The workload's IRSA role as IAM has it; falls back to the scenario's first role that is not the node's. */
export function intendedRole(ctx: EvidenceContext): { arn: string; role: IAMRole | undefined } {
  const w = ctx.scenario.world;
  const arn = intendedRoleArn(ctx);
  if (arn) return { arn, role: findRole(w, arn) };
  const first = w.iam.roles.find((r) => !(r.accountId === accountOf(w.node.instanceRoleArn) && r.RoleName === roleNameOf(w.node.instanceRoleArn)));
  return { arn: first ? `arn:aws:iam::${first.accountId}:role/${first.RoleName}` : "", role: first };
}

const SECRET = /SECRET|SESSION_TOKEN/;
const mask = (name: string, value: string | undefined): string => (value === undefined ? "<set to the key of a secret>" : SECRET.test(name) ? `${value.slice(0, 4)}************` : value);

function age(seconds: number): string {
  if (seconds >= 86400) return `${Math.floor(seconds / 86400)}d${Math.floor((seconds % 86400) / 3600)}h`;
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)}h${Math.floor((seconds % 3600) / 60)}m`;
  return `${Math.max(1, Math.floor(seconds / 60))}m`;
}

function describePod(ctx: EvidenceContext): string {
  const w = ctx.scenario.world;
  const pod = admittedPod(ctx);
  const m = pod.metadata;
  const kv = (o: Record<string, string> | undefined, indent: string) => {
    const e = Object.entries(o ?? {});
    return e.length === 0 ? "<none>" : e.map(([k, v], i) => `${i === 0 ? "" : indent}${k}=${v}`).join("\n");
  };
  const sc = (pod.spec as { securityContext?: Record<string, unknown> }).securityContext;
  const lines = [
    `$ kubectl describe pod ${m.name} -n ${m.namespace ?? "default"}`,
    `Name:             ${m.name}`,
    `Namespace:        ${m.namespace ?? "default"}`,
    `Service Account:  ${pod.spec.serviceAccountName ?? "default"}`,
    `Node:             ip-10-0-42-17.ec2.internal (${w.node.os})`,
    `Start Time:       ${new Date(Date.parse(w.now) - w.workload.podAgeSeconds * 1000).toUTCString()} (age ${age(w.workload.podAgeSeconds)})`,
    `Labels:           ${kv(m.labels, "                  ")}`,
    `Annotations:      ${kv(m.annotations, "                  ")}`,
    `Status:           Running`,
    ...(sc ? [`Security Context: ${Object.entries(sc).map(([k, v]) => `${k}=${String(v)}`).join(", ")}`] : []),
    `Containers:`,
  ];
  for (const c of pod.spec.containers) {
    lines.push(`  ${c.name}:`, `    Image:          ${c.image ?? "<none>"}`, `    Environment:`);
    const env = c.env ?? [];
    if (env.length === 0) lines.push(`      <none>`);
    for (const e of env) lines.push(`      ${e.name}:  ${mask(e.name, e.value)}`);
    lines.push(`    Mounts:`);
    const mounts = (c.volumeMounts ?? []) as { name: string; mountPath?: string; readOnly?: boolean }[];
    if (mounts.length === 0) lines.push(`      <none>`);
    for (const v of mounts) lines.push(`      ${v.mountPath ?? "?"} from ${v.name} (${v.readOnly ? "ro" : "rw"})`);
  }
  lines.push(`Volumes:`);
  const vols = (pod.spec.volumes ?? []) as { name: string; projected?: { sources?: { serviceAccountToken?: { audience?: string; expirationSeconds?: number } }[] } }[];
  if (vols.length === 0) lines.push(`  <none>`);
  for (const v of vols) {
    const t = v.projected?.sources?.find((s) => s.serviceAccountToken)?.serviceAccountToken;
    lines.push(`  ${v.name}:`, t ? `    Type:                    Projected (a volume that contains injected data from multiple sources)\n    TokenExpirationSeconds:  ${t.expirationSeconds}\n    Audience:                ${t.audience}` : `    Type:  (other)`);
  }
  lines.push(`Node-Selectors:   ${kv(pod.spec.nodeSelector, "                  ")}`);
  return lines.join("\n");
}

function envPanel(ctx: EvidenceContext): string {
  const w = ctx.scenario.world;
  const pod = admittedPod(ctx);
  const c = workloadContainer(w, pod);
  const env = (c?.env ?? []).filter((e) => e.name.startsWith("AWS_"));
  return [`$ kubectl exec -n ${pod.metadata.namespace} ${pod.metadata.name} -c ${c?.name} -- env | grep ^AWS_`, ...(env.length ? env.map((e) => `${e.name}=${mask(e.name, e.value)}`) : ["(no output)"])].join("\n");
}

const SDK_FAMILY = (sdk: string): "js" | "python" | "go1" | "go2" | "java" | "other" =>
  sdk.startsWith("aws-sdk-js") ? "js" : sdk === "boto3" || sdk === "botocore" || sdk.startsWith("aws-cli") ? "python" : sdk === "aws-sdk-go-v1" ? "go1" : sdk === "aws-sdk-go-v2" ? "go2" : sdk.startsWith("aws-sdk-java") ? "java" : "other";

function requestIdOf(trace: FlowTrace): string | undefined {
  const n = trace.failedStep;
  if (n === null) return undefined;
  const body = (stepDetails(trace, n).response as { body?: unknown } | undefined)?.body;
  return typeof body === "string" ? /<RequestId>([^<]+)<\/RequestId>/.exec(body)?.[1] : undefined;
}

/** The application's error line as its SDK would log it (code and message verbatim from the simulator). */
export function appLogLine(ctx: EvidenceContext): string {
  const { trace } = ctx;
  const w = ctx.scenario.world;
  const [svc = "", op = ""] = w.call.action.split(":");
  const ts = w.now.replace(/\.\d+Z$/, "Z");
  const table = w.call.resource.split("/")[1] ?? w.call.resource;
  if (trace.outcome === "success") {
    // The key the simulator sent (world.call.key, default { id: 42 }), in DynamoDB JSON as on the wire: {"id":{"N":"42"}}.
    const key = svc === "dynamodb" ? ` ${JSON.stringify(toDynamoKey(w.call.key ?? DEFAULT_DYNAMODB_KEY))}` : "";
    return `${ts} INFO  ${op} ${table}${key} -> 200 OK`;
  }
  const e = trace.error;
  if (!e) return `${ts} ERROR unknown error`;
  const n = trace.failedStep ?? 0;
  const stsOp = n === 7 ? "AssumeRole" : "AssumeRoleWithWebIdentity";
  const operation = n >= 4 && n <= 7 ? stsOp : n >= 8 ? op : "";
  const service = n >= 4 && n <= 7 ? "STS" : svc === "dynamodb" ? "DynamoDB" : svc.toUpperCase();
  const rid = requestIdOf(trace) ?? "-";
  const fam = SDK_FAMILY(w.workload.sdk.name);
  let line: string;
  if (fam === "python") {
    line = e.httpStatus !== null && operation ? `botocore.exceptions.ClientError: An error occurred (${e.code}) when calling the ${operation} operation: ${e.message}` : `botocore.exceptions.${e.code}: ${e.message}`;
  } else if (fam === "go2" && e.httpStatus !== null && operation) {
    line = `operation error ${service}: ${operation}, https response error StatusCode: ${e.httpStatus}, RequestID: ${rid}, ${e.code}: ${e.message}`;
  } else if (fam === "go1" && e.httpStatus !== null) {
    line = `${e.code}: ${e.message}\n\tstatus code: ${e.httpStatus}, request id: ${rid}`;
  } else if (fam === "java" && e.httpStatus !== null && operation) {
    const cls = `${e.code.replace(/Exception$/, "")}Exception`;
    line = `software.amazon.awssdk.services.${service.toLowerCase()}.model.${cls}: ${e.message} (Service: ${service === "STS" ? "Sts" : service}, Status Code: ${e.httpStatus}, Request ID: ${rid})`;
  } else {
    line = `${e.code}: ${e.message}`;
  }
  return `${ts} ERROR ${line}`;
}

function callerIdentity(ctx: EvidenceContext): string {
  const pod = admittedPod(ctx);
  const head = `$ kubectl exec -n ${pod.metadata.namespace} ${pod.metadata.name} -- aws sts get-caller-identity`;
  const id = ctx.trace.identity;
  if (!id) {
    const e = ctx.trace.error;
    return `${head}\n${e ? `An error occurred (${e.code}): ${e.message}` : "Unable to locate credentials."}`;
  }
  const acct = accountOf(id);
  const userId = id.includes(":user/") ? "AIDAEXAMPLEUSERID0001" : `AROAEXAMPLEROLEID0001:${id.split("/").pop()}`;
  return `${head}\n${json({ UserId: userId, Account: acct, Arn: id })}`;
}

function serviceAccountPanel(ctx: EvidenceContext): string {
  const w = ctx.scenario.world;
  const pod = w.kubernetes.pod;
  const name = pod.spec.serviceAccountName ?? "default";
  const ns = pod.metadata.namespace ?? "default";
  const head = `$ kubectl get serviceaccount ${name} -n ${ns} -o yaml`;
  const sa = podServiceAccount(w);
  if (!sa) return `${head}\nError from server (NotFound): serviceaccounts "${name}" not found`;
  const { uid: _uid, ...meta } = sa.metadata;
  return `${head}\n${stringify({ apiVersion: "v1", kind: "ServiceAccount", metadata: { ...meta, namespace: sa.metadata.namespace ?? ns } })}`.trimEnd();
}

function trustPolicyPanel(ctx: EvidenceContext): string {
  const { arn, role } = intendedRole(ctx);
  const name = roleNameOf(arn);
  const head = `$ aws iam get-role --role-name ${name} --query Role.AssumeRolePolicyDocument${accountOf(arn) !== ctx.scenario.world.cluster.accountId ? ` --profile ${accountOf(arn)}` : ""}`;
  if (!role) return `${head}\nAn error occurred (NoSuchEntity) when calling the GetRole operation: The role with name ${name} cannot be found.`;
  return `${head}\n${json(role.AssumeRolePolicyDocument)}`;
}

function rolePolicyPanel(ctx: EvidenceContext): string {
  const { arn, role } = intendedRole(ctx);
  const name = roleNameOf(arn);
  if (!role) return `$ aws iam list-role-policies --role-name ${name}\nAn error occurred (NoSuchEntity) when calling the ListRolePolicies operation: The role with name ${name} cannot be found.`;
  const out = [`$ aws iam list-role-policies --role-name ${name}`, json({ PolicyNames: role.Policies.map((p) => p.PolicyName) })];
  for (const p of role.Policies) out.push(`$ aws iam get-role-policy --role-name ${name} --policy-name ${p.PolicyName} --query PolicyDocument`, json(p.PolicyDocument));
  out.push(`$ aws iam get-role --role-name ${name} --query '{MaxSessionDuration: Role.MaxSessionDuration, PermissionsBoundary: Role.PermissionsBoundary}'`, json({ MaxSessionDuration: role.MaxSessionDuration, PermissionsBoundary: role.PermissionsBoundary ? { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: `arn:aws:iam::${role.accountId}:policy/${name}-boundary` } : null }));
  if (role.PermissionsBoundary) out.push(`$ aws iam get-policy-version --policy-arn arn:aws:iam::${role.accountId}:policy/${name}-boundary --version-id v1 --query PolicyVersion.Document`, json(role.PermissionsBoundary));
  return out.join("\n");
}

function oidcPanel(ctx: EvidenceContext): string {
  const w = ctx.scenario.world;
  const { arn } = intendedRole(ctx);
  const accounts = [...new Set([w.cluster.accountId, accountOf(arn)].filter(Boolean))];
  const out = [`$ aws eks describe-cluster --name ${w.cluster.name} --query cluster.identity.oidc.issuer --output text`, w.cluster.oidcIssuer];
  for (const acct of accounts) {
    const ps = w.iam.oidcProviders.filter((p) => p.accountId === acct);
    const url = (u: string) => u.replace(/^https:\/\//, "");
    out.push(`$ aws iam list-open-id-connect-providers${acct !== w.cluster.accountId ? ` --profile ${acct}` : ""}   # account ${acct}`, json({ OpenIDConnectProviderList: ps.map((p) => ({ Arn: providerArn(acct, p.Url.startsWith("https://") ? p.Url : `https://${p.Url}`) })) }));
    for (const p of ps) out.push(`$ aws iam get-open-id-connect-provider --open-id-connect-provider-arn arn:aws:iam::${acct}:oidc-provider/${url(p.Url)}`, json({ Url: url(p.Url), ClientIDList: p.ClientIDList, ThumbprintList: p.ThumbprintList }));
  }
  return out.join("\n");
}

function tokenPanel(ctx: EvidenceContext): string {
  const d = stepDetails(ctx.trace, 3);
  const pod = admittedPod(ctx);
  const path = (d.path as string | undefined) ?? "/var/run/secrets/eks.amazonaws.com/serviceaccount/token";
  const head = `$ kubectl exec -n ${pod.metadata.namespace} ${pod.metadata.name} -- cat ${path} | jwt decode -`;
  if (!d.claims) {
    const e = ctx.trace.steps.find((s) => s.n === 3)?.error;
    return `${head}\n${e ? e.message : "(the SDK never read a token on this path)"}`;
  }
  // The file as it is now (the kubelet rotates it), not the token an SDK that never re-reads it still holds.
  return `${head}\nHeader:\n${json(d.header)}\nClaims:\n${json(d.fileClaims ?? d.claims)}`;
}

function webhookPanel(ctx: EvidenceContext): string {
  const w = ctx.scenario.world;
  const d = stepDetails(ctx.trace, 1);
  const pod = w.kubernetes.pod;
  const out = [`$ kubectl -n kube-system get deployment pod-identity-webhook`, `NAME                   READY   UP-TO-DATE   AVAILABLE`, `pod-identity-webhook   ${w.webhook.running ? "1/1     1            1" : "0/1     1            0"}`];
  out.push(`$ kubectl -n kube-system logs deployment/pod-identity-webhook --since=1h | grep ${pod.metadata.name}`);
  const reason = typeof d.reason === "string" ? d.reason : "";
  const lines: string[] = [];
  if (w.webhook.running && reason.includes("not found in the cache")) lines.push(`W1108 ${w.now.slice(11, 19)}.000000       1 handler.go:423] ${reason}`);
  for (const warn of (d.warnings as string[] | undefined) ?? []) lines.push(`W1108 ${w.now.slice(11, 19)}.000000       1 cache.go:151] ${warn}`);
  if (w.webhook.running && d.mutated === true) lines.push(`I1108 ${w.now.slice(11, 19)}.000000       1 handler.go:480] Pod ${pod.metadata.namespace}/${pod.metadata.name} mutated`);
  out.push(...(lines.length ? lines : [w.webhook.running ? "(no output)" : "error: no pods found for deployment pod-identity-webhook"]));
  return out.join("\n");
}

function nodePanel(ctx: EvidenceContext): string {
  const w = ctx.scenario.world;
  const podClock = new Date(Date.parse(w.now) + w.node.clockSkewSeconds * 1000).toISOString().replace(/\.\d+Z$/, "Z");
  return [
    `$ kubectl get node ip-10-0-42-17.ec2.internal -o jsonpath='{.status.nodeInfo.operatingSystem}'`, w.node.os,
    `$ aws ec2 describe-instances --instance-ids ${w.node.instanceId} --query 'Reservations[0].Instances[0].MetadataOptions'`,
    json({ HttpTokens: "required", HttpPutResponseHopLimit: w.node.imdsHopLimit, HttpEndpoint: "enabled" }),
    `$ kubectl debug node/ip-10-0-42-17.ec2.internal -it --image=busybox -- date -u +%FT%TZ`, podClock,
    `$ date -u +%FT%TZ   # your laptop, NTP-synced`, w.now.replace(/\.\d+Z$/, "Z"),
  ].join("\n");
}

function networkPanel(ctx: EvidenceContext): string {
  const w = ctx.scenario.world;
  const r = w.cluster.region;
  return [
    `$ aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=subnet-0priv1 --query 'RouteTables[0].Routes[].{Dest:DestinationCidrBlock,Target:NatGatewayId||GatewayId}'`,
    json([{ Dest: "10.0.0.0/16", Target: "local" }, ...(w.network.internetAccess ? [{ Dest: "0.0.0.0/0", Target: "nat-0a1b2c3d4e5f" }] : [])]),
    `$ aws ec2 describe-vpc-endpoints --query 'VpcEndpoints[].ServiceName'`,
    json([`com.amazonaws.${r}.dynamodb`, ...(w.network.stsVpcEndpoint ? [`com.amazonaws.${r}.sts`] : []), `com.amazonaws.${r}.ecr.api`]),
  ].join("\n");
}

function imdsPanel(ctx: EvidenceContext): string {
  const w = ctx.scenario.world;
  const head = `$ kubectl exec -n web frontend-7d9c -- sh -c 'TOKEN=$(curl -s -X PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 60"); curl -s -H "X-aws-ec2-metadata-token: $TOKEN" http://169.254.169.254/latest/meta-data/iam/security-credentials/'`;
  return `${head}\n${w.node.imdsHopLimit >= 2 ? roleNameOf(w.node.instanceRoleArn) : "curl: (28) Operation timed out after 5001 milliseconds with 0 bytes received"}`;
}

function sdkPanel(ctx: EvidenceContext): string {
  const { name, version } = ctx.scenario.world.workload.sdk;
  const f = SDK_FAMILY(name);
  const line =
    name === "aws-sdk-js-v3" ? `$ jq .dependencies package.json\n${json({ "@aws-sdk/client-dynamodb": version, "@aws-sdk/credential-providers": version })}`
    : name === "aws-sdk-js-v2" ? `$ jq .dependencies package.json\n${json({ "aws-sdk": version })}`
    : f === "python" ? `$ grep -i boto requirements.txt\n${name === "botocore" ? "botocore" : "boto3"}==${version}`
    : f === "go1" ? `$ grep aws-sdk-go go.mod\n\tgithub.com/aws/aws-sdk-go v${version}`
    : f === "go2" ? `$ grep aws-sdk-go-v2 go.mod\n\tgithub.com/aws/aws-sdk-go-v2 v${version}`
    : f === "java" ? `$ mvn dependency:list | grep awssdk\n   software.amazon.awssdk:${name === "aws-sdk-java-v1" ? "aws-java-sdk-core" : "sts"}:jar:${version}:compile`
    : `# ${name} ${version}`;
  const w = ctx.scenario.world;
  return `${line}\n$ kubectl get pod ${w.kubernetes.pod.metadata.name} -n ${w.kubernetes.pod.metadata.namespace}\nNAME   READY   STATUS    RESTARTS   AGE\n${w.kubernetes.pod.metadata.name}   1/1     Running   0          ${age(w.workload.podAgeSeconds)}`;
}

function tablePanel(ctx: EvidenceContext): string {
  const w = ctx.scenario.world;
  const table = w.call.resource.split("/")[1] ?? w.call.resource;
  return `$ aws dynamodb describe-table --table-name ${table} --query 'Table.{TableArn: TableArn, SSEDescription: SSEDescription}'\n${json({ TableArn: w.call.resource.split("/index/")[0], SSEDescription: w.call.kmsKeyArn ? { Status: "ENABLED", SSEType: "KMS", KMSMasterKeyArn: w.call.kmsKeyArn } : null })}`;
}

function scpPanel(ctx: EvidenceContext): string {
  const scps = ctx.scenario.world.iam.serviceControlPolicies;
  const out = [`$ aws organizations list-policies-for-target --target-id ${ctx.scenario.world.cluster.accountId} --filter SERVICE_CONTROL_POLICY --query 'Policies[].Name'`, json(scps.map((p) => p.PolicyName))];
  for (const p of scps) out.push(`$ aws organizations describe-policy --policy-id p-${p.PolicyName} --query Policy.Content --output text`, json(p.PolicyDocument));
  return out.join("\n");
}

function chainedPanel(ctx: EvidenceContext): string {
  const w = ctx.scenario.world;
  const c = w.call.chainedRole;
  if (!c) return "# the application does not chain into another role";
  const target = findRole(w, c.RoleArn);
  return [`$ kubectl get configmap ${w.kubernetes.pod.metadata.name}-config -n ${w.kubernetes.pod.metadata.namespace} -o jsonpath='{.data}'`, json({ REPORTING_ROLE_ARN: c.RoleArn, REPORTING_SESSION_SECONDS: String(c.DurationSeconds ?? 3600) }),
    `$ aws iam get-role --role-name ${roleNameOf(c.RoleArn)} --query 'Role.{MaxSessionDuration: MaxSessionDuration, Trust: AssumeRolePolicyDocument}'`, target ? json({ MaxSessionDuration: target.MaxSessionDuration, Trust: target.AssumeRolePolicyDocument }) : `An error occurred (NoSuchEntity) when calling the GetRole operation: The role with name ${roleNameOf(c.RoleArn)} cannot be found.`].join("\n");
}

const PANELS: Record<PanelId, { title: string; language: EvidencePanel["language"]; render: (ctx: EvidenceContext) => string }> = {
  pod: { title: "kubectl describe pod", language: "shell", render: describePod },
  env: { title: "The container's AWS_* environment", language: "shell", render: envPanel },
  "app-log": { title: "Application log", language: "text", render: (ctx) => `$ kubectl logs -n ${admittedPod(ctx).metadata.namespace} ${admittedPod(ctx).metadata.name} --tail=1\n${appLogLine(ctx)}` },
  "caller-identity": { title: "Who is the Pod? (aws sts get-caller-identity)", language: "shell", render: callerIdentity },
  "service-account": { title: "The ServiceAccount", language: "yaml", render: serviceAccountPanel },
  "trust-policy": { title: "The role's trust policy", language: "json", render: trustPolicyPanel },
  "role-policy": { title: "The role's permissions", language: "json", render: rolePolicyPanel },
  oidc: { title: "Cluster issuer and IAM OIDC providers", language: "shell", render: oidcPanel },
  token: { title: "The projected token, decoded", language: "json", render: tokenPanel },
  webhook: { title: "The pod-identity-webhook", language: "shell", render: webhookPanel },
  node: { title: "The node", language: "shell", render: nodePanel },
  network: { title: "The VPC", language: "shell", render: networkPanel },
  imds: { title: "IMDS from another Pod on the node", language: "shell", render: imdsPanel },
  sdk: { title: "The application's AWS SDK", language: "shell", render: sdkPanel },
  table: { title: "The DynamoDB table", language: "json", render: tablePanel },
  scp: { title: "Service control policies", language: "json", render: scpPanel },
  "chained-role": { title: "The role the app chains into", language: "json", render: chainedPanel },
};

/**
 * Build the evidence panels a scenario asks for, from its simulator run.
 * @example evidencePanels({ scenario, trace }, ["pod", "app-log"])[1].content // "$ kubectl logs … AccessDenied: Not authorized …"
 */
export function evidencePanels(ctx: EvidenceContext, ids: readonly PanelId[]): EvidencePanel[] {
  return ids.map((id) => ({ id, title: PANELS[id].title, language: PANELS[id].language, content: PANELS[id].render(ctx) }));
}

/** Reveal panels: what failed (code, message, the simulator's explanation), the trust evaluation, the findings. */
export function revealPanels(trace: FlowTrace): EvidencePanel[] {
  const out: EvidencePanel[] = [];
  const failed = trace.steps.find((s) => s.status === "fail");
  if (failed) {
    out.push({ id: "failed-step", title: `Step ${failed.n} — ${failed.title}`, language: "text", content: `${failed.error ? `${failed.error.code}${failed.error.httpStatus !== null ? ` (HTTP ${failed.error.httpStatus})` : ""}: ${failed.error.message}\n\n` : ""}${failed.explanation}` });
  }
  const trust = trace.steps.find((s) => s.n === 6 && s.status !== "skipped");
  if (trust?.details.evaluation) {
    out.push({ id: "trust-evaluation", title: "Trust policy evaluation (step 6)", language: "json", content: json({ context: trust.details.context, evaluation: trust.details.evaluation }) });
  }
  const warns = trace.steps.filter((s) => s.status === "warn");
  for (const s of warns) out.push({ id: `warn-step-${s.n}`, title: `Step ${s.n} — ${s.title} (warning)`, language: "text", content: s.explanation });
  if (trace.findings.length > 0) {
    out.push({ id: "findings", title: "Security findings", language: "text", content: trace.findings.map((f) => `[${f.severity}] ${f.code}: ${f.message}`).join("\n") });
  }
  if (trace.identity) out.push({ id: "identity", title: "The call was made as", language: "text", content: trace.identity });
  return out;
}

/** The nine steps as run, for a replay after the reveal. */
export function replaySteps(trace: FlowTrace) {
  return trace.steps.map((s) => ({ n: s.n, title: s.title, status: s.status, ...(s.error ? { error: { code: s.error.code, message: s.error.message } } : {}) }));
}

export const STEP_LABELS = STEPS.map((s) => ({ n: s.n, id: s.id as string, title: s.title as string }));
