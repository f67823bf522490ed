/** A lab story (lib/lab/catalog.ts) turned into simulator Worlds. Every verdict comes from lib/sim. */
import { applySetup, defaultWorld, DEFAULTS, type SetupInputs, type World } from "@/lib/sim";
import { LAB_CLUSTER, type LabScenario } from "./catalog";

export { LAB_SCENARIOS, SCENARIO_IDS, scenarioFromParam, LAB_CLUSTER, roleArnOf, type LabScenario, type ScenarioId } from "./catalog";

/** The setup inputs that configure a scenario correctly (eksctl-style: StringEquals on :sub and :aud). */
export function scenarioSetupInputs(s: LabScenario): SetupInputs {
  return {
    clusterName: LAB_CLUSTER.clusterName,
    region: LAB_CLUSTER.region,
    accountId: LAB_CLUSTER.accountId,
    oidcId: LAB_CLUSTER.oidcId,
    namespace: s.namespace,
    serviceAccountName: s.serviceAccountName,
    roleName: s.roleName,
    policy: s.policy,
  };
}

/**
 * A world with nothing of the story's IRSA objects yet (no OIDC provider, no role but the node's, no
 * ServiceAccount), the story's Pod and call, and IMDS closed to pods (hop limit 1), as a hardened cluster has it.
 */
export function bareWorld(s: LabScenario): World {
  const base = defaultWorld({ node: { imdsHopLimit: 1 } });
  return {
    ...base,
    iam: { ...base.iam, oidcProviders: [], roles: base.iam.roles.filter((r) => r.RoleName === DEFAULTS.nodeRoleName) },
    kubernetes: {
      serviceAccounts: [],
      pod: {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: s.podName, namespace: s.namespace, uid: "3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9", labels: { app: s.workload } },
        spec: { serviceAccountName: s.serviceAccountName, containers: [{ name: DEFAULTS.containerName, image: `public.ecr.aws/example/${s.workload}:1.4.2` }] },
      },
    },
    call: { action: s.action, resource: s.resource },
  };
}

/**
 * The story's happy-path world: the bare world with the correct setup applied (lib/sim applySetup).
 * @example (await traceFlow(scenarioWorld(LAB_SCENARIOS.report))).outcome // "success"
 */
export function scenarioWorld(s: LabScenario): World {
  const w = applySetup(bareWorld(s), scenarioSetupInputs(s));
  // applySetup names the inline policy after the role; keep the story's policy name for display.
  const role = w.iam.roles.find((r) => r.RoleName === s.roleName);
  if (role?.Policies[0]) role.Policies[0].PolicyName = s.policyName;
  return w;
}
