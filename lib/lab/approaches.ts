/**
 * Section 0, "What is IRSA and why?": the ways a pod can prove to AWS who it is. Three of them are run
 * through the simulator (static keys, the node role via IMDS, IRSA) so their verdict — which identity
 * AWS sees and which security findings come up — is lib/sim's; the other two are explained in text
 * because the simulator does not model them.
 */
import { traceFlow, DEFAULTS, type World } from "@/lib/sim";
import { scenarioWorld, type LabScenario } from "./scenarios";
import { toLabTrace, type LabTrace } from "./trace";

export const APPROACH_IDS = ["static-keys", "node-role", "kube2iam", "irsa", "pod-identity"] as const;
export type ApproachId = (typeof APPROACH_IDS)[number];

export interface Approach {
  id: ApproachId;
  emoji: string;
  title: string;
  verdict: "bad" | "risky" | "good";
  verdictWord: string;
  summary: string;
  how: string;
  why: string[];
  /** Run through lib/sim? */
  simulated: boolean;
}

export const APPROACHES: readonly Approach[] = [
  {
    id: "static-keys", emoji: "🗝", title: "Static access keys in a Kubernetes Secret", verdict: "bad", verdictWord: "Avoid",
    summary: "An IAM user's AKIA… key pair, stored in a Secret and exposed to the container as environment variables.",
    how: "kubectl create secret generic aws --from-literal=AWS_ACCESS_KEY_ID=AKIA… and envFrom in the Deployment.",
    why: [
      "✗ Long-lived: the key works until someone rotates it by hand — usually never.",
      "✗ Anyone who can read Secrets in the namespace (or the pod's env, or a crash dump) has the key.",
      "✗ The SDK picks environment keys first, so they silently win over IRSA if both are configured.",
      "✗ CloudTrail shows the IAM user, not which pod used it.",
    ],
    simulated: true,
  },
  {
    id: "node-role", emoji: "🖥", title: "The node's EC2 instance role via IMDS", verdict: "bad", verdictWord: "Shared by every pod",
    summary: "No configuration: the SDK falls back to the instance metadata service (169.254.169.254) and gets the node role.",
    how: "Attach every permission any app needs to the worker nodes' instance role.",
    why: [
      "✓ Temporary credentials, rotated by EC2.",
      "✗ Every pod on the node gets the same role: one compromised pod = everything any pod may do.",
      "✗ The role grows with every app scheduled on the node; least privilege is impossible.",
      "✗ CloudTrail shows the node (i-…), not the pod.",
    ],
    simulated: true,
  },
  {
    id: "kube2iam", emoji: "🕵", title: "kube2iam / kiam", verdict: "risky", verdictWord: "Legacy",
    summary: "A DaemonSet intercepts IMDS calls from pods and hands out the role named in a pod annotation.",
    how: "iam.amazonaws.com/role: billing-role on the pod; iptables sends 169.254.169.254 to the agent.",
    why: [
      "✓ Per-pod roles, before AWS had a native answer.",
      "✗ The agent's node role must be able to assume every pod role: a very powerful node.",
      "✗ Race at pod start-up (the agent may not know the pod yet) and an extra moving part in the data path.",
      "✗ kiam is archived; both are superseded by IRSA and EKS Pod Identity. (Not modelled by the simulator.)",
    ],
    simulated: false,
  },
  {
    id: "irsa", emoji: "🎭", title: "IRSA — IAM Roles for Service Accounts", verdict: "good", verdictWord: "Recommended",
    summary: "The pod's 📛 ServiceAccount is annotated with an 🎭 IAM Role; the pod's projected token is exchanged at STS, which trusts the cluster's 🔑 OIDC Provider.",
    how: "eksctl create iamserviceaccount … or: OIDC provider + role with a trust policy + annotated ServiceAccount.",
    why: [
      "✓ One role per ServiceAccount: least privilege per workload.",
      "✓ Short-lived credentials from STS; the token is rotated by the kubelet.",
      "✓ CloudTrail shows the role session; the trust policy names exactly which namespace/SA may assume it.",
      "✓ Works anywhere Kubernetes has an OIDC issuer: cross-account, EKS Anywhere, self-managed clusters.",
      "✗ Setup has four pieces that must agree (provider, trust policy, SA, pod) — the rest of this lab.",
    ],
    simulated: true,
  },
  {
    id: "pod-identity", emoji: "🪪", title: "EKS Pod Identity", verdict: "good", verdictWord: "Recommended on EKS",
    summary: "An EKS add-on agent on each node hands out credentials for a pod-identity association (cluster + namespace + SA → role).",
    how: "aws eks create-pod-identity-association --cluster demo --namespace payments --service-account billing-svc --role-arn …",
    why: [
      "✓ No OIDC provider per cluster and no per-cluster trust policy (trust principal pods.eks.amazonaws.com).",
      "✓ Session tags (cluster, namespace, SA) usable in policies; roles reusable across clusters.",
      "✗ EKS only (not EKS Anywhere or self-managed), needs the agent add-on and a recent SDK.",
      "IRSA still fits: cross-account via OIDC federation, non-EKS clusters, tools that expect web identity. (Not modelled by the simulator.)",
    ],
    simulated: false,
  },
];

const STATIC_KEY_ID = "AKIAIOSFODNN7EXAMPLE";

/**
 * The Pod's ServiceAccount still exists without IRSA (a Pod naming a missing ServiceAccount is refused
 * by the API server), it just carries no eks.amazonaws.com/role-arn annotation.
 */
function withoutRoleArn(w: World): World["kubernetes"]["serviceAccounts"] {
  return w.kubernetes.serviceAccounts.map((sa) => {
    const annotations = Object.fromEntries(Object.entries(sa.metadata.annotations ?? {}).filter(([k]) => !k.startsWith("eks.amazonaws.com/")));
    return { ...sa, metadata: { ...sa.metadata, annotations } };
  });
}

/** The worlds behind the three simulated approaches, for the scenario's workload and call. */
export function approachWorld(id: "static-keys" | "node-role" | "irsa", s: LabScenario): World {
  const w = scenarioWorld(s);
  if (id === "irsa") return w;
  if (id === "static-keys") {
    const pod = structuredClone(w.kubernetes.pod);
    const c = pod.spec.containers[0];
    if (c) c.env = [{ name: "AWS_ACCESS_KEY_ID", value: STATIC_KEY_ID }, { name: "AWS_SECRET_ACCESS_KEY", value: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }];
    return {
      ...w,
      iam: { ...w.iam, users: [{ accountId: DEFAULTS.accountId, UserName: `${s.workload}-ci-user`, AccessKeyIds: [STATIC_KEY_ID], Policies: [{ PolicyName: s.policyName, PolicyDocument: s.policy }] }] },
      kubernetes: { ...w.kubernetes, pod, serviceAccounts: withoutRoleArn(w) },
    };
  }
  // node-role: no ServiceAccount annotation, IMDS reachable (hop limit 2), and the app's permissions on the node role.
  return {
    ...w,
    node: { ...w.node, imdsHopLimit: 2 },
    iam: {
      ...w.iam,
      oidcProviders: [],
      roles: w.iam.roles.filter((r) => r.RoleName !== s.roleName).map((r) => (r.RoleName === DEFAULTS.nodeRoleName ? { ...r, Policies: [...r.Policies, { PolicyName: s.policyName, PolicyDocument: s.policy }] } : r)),
    },
    kubernetes: { ...w.kubernetes, serviceAccounts: withoutRoleArn(w) },
  };
}

export interface ApproachEvidence {
  id: ApproachId;
  trace: LabTrace;
}

/** Run the three simulated approaches (server side). */
export async function approachEvidence(s: LabScenario): Promise<ApproachEvidence[]> {
  const ids = ["static-keys", "node-role", "irsa"] as const;
  return Promise.all(ids.map(async (id) => ({ id, trace: toLabTrace(await traceFlow(approachWorld(id, s)), { details: false }) })));
}
