/**
 * Section 4, the token exchange step by step: a story's world with one failure preset applied, run
 * through lib/sim traceFlow. Which step fails, and with which error, is the simulator's answer.
 */
import { traceFlow, DEFAULTS, type World } from "@/lib/sim";
import { scenarioWorld, type LabScenario } from "./scenarios";
import { toLabTrace, type LabTrace } from "./trace";
import type { FlowPresetId } from "./flow-presets";

export * from "./flow-presets";

/** The world for a preset. Each changes one thing a real cluster gets wrong (IRSA-FACTS §7). */
export function presetWorld(s: LabScenario, preset: FlowPresetId): World {
  const w = scenarioWorld(s);
  const role = () => w.iam.roles.find((r) => r.RoleName === s.roleName);
  switch (preset) {
    case "happy":
      return w;
    case "webhook-down":
      return { ...w, webhook: { ...w.webhook, running: false } };
    case "non-root":
      return { ...w, kubernetes: { ...w.kubernetes, pod: { ...w.kubernetes.pod, spec: { ...w.kubernetes.pod.spec, securityContext: { runAsUser: 1000, runAsNonRoot: true } } } } };
    case "private-subnet":
      return { ...w, network: { internetAccess: false, stsVpcEndpoint: false } };
    case "no-provider":
      return { ...w, iam: { ...w.iam, oidcProviders: [] } };
    case "stale-jwks":
      return { ...w, cluster: { ...w.cluster, signingKey: "eks-demo-2024b", jwksKeys: ["eks-demo-2024a"] } };
    case "sub-typo": {
      const r = role();
      if (r) {
        const text = JSON.stringify(r.AssumeRolePolicyDocument).replace(`system:serviceaccount:${s.namespace}:`, `system:serviceaccount:${s.namespace.slice(0, -1)}:`);
        r.AssumeRolePolicyDocument = JSON.parse(text) as typeof r.AssumeRolePolicyDocument;
      }
      return w;
    }
    case "chained-2h":
      return { ...w, call: { ...w.call, chainedRole: { RoleArn: `arn:aws:iam::${DEFAULTS.accountId}:role/${s.workload}-cross-account`, DurationSeconds: 7200 } } };
    case "clock-skew":
      return { ...w, node: { ...w.node, clockSkewSeconds: 900 } };
    case "missing-permission": {
      const r = role();
      if (r) r.Policies = [{ PolicyName: s.policyName, PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: `${s.action.split(":")[0]}:List*`, Resource: "*" }] } }];
      return w;
    }
  }
}

/** Run a preset. @example (await runFlowPreset(LAB_SCENARIOS.billing, "sub-typo")).failedStep // 6 */
export async function runFlowPreset(s: LabScenario, preset: FlowPresetId): Promise<LabTrace> {
  return toLabTrace(await traceFlow(presetWorld(s, preset)));
}
