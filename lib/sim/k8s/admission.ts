/**
 * The Kubernetes API server's built-in ServiceAccount admission plugin
 * (kubernetes plugin/pkg/admission/serviceaccount/admission.go). It runs before the mutating webhooks:
 * a Pod without `spec.serviceAccountName` gets `default`, and a Pod naming a ServiceAccount that does not
 * exist is refused with `admission.NewForbidden(a, fmt.Errorf("error looking up service account %s/%s: %v", …))`,
 * i.e. HTTP 403, reason Forbidden. The `default` ServiceAccount is created in every namespace by the
 * ServiceAccount controller, so the simulator treats it as existing even when the world does not list it.
 */
import type { Pod, ServiceAccount } from "../world";

export const DEFAULT_SERVICE_ACCOUNT_NAME = "default";

/** The Status message: `pods "NAME" is forbidden: error looking up service account NS/SA: serviceaccount "SA" not found`. */
export const serviceAccountNotFoundMessage = (podName: string, namespace: string, saName: string): string =>
  `pods "${podName}" is forbidden: error looking up service account ${namespace}/${saName}: serviceaccount "${saName}" not found`;

/** How kubectl prints it: `Error from server (Forbidden): error when creating "pod.yaml": <message>`. */
export const kubectlCreateError = (message: string, file = "pod.yaml"): string =>
  `Error from server (Forbidden): error when creating "${file}": ${message}`;

/** The ReplicaSet controller's event when it cannot create a Deployment's Pod. */
export const replicaSetFailedCreateEvent = (message: string): string => `Error creating: ${message}`;

/** The ServiceAccount controller's `default` ServiceAccount of a namespace (no annotations). */
export const defaultServiceAccountOf = (namespace: string): ServiceAccount => ({
  apiVersion: "v1", kind: "ServiceAccount", metadata: { name: DEFAULT_SERVICE_ACCOUNT_NAME, namespace },
});

/** A Pod created by a ReplicaSet (a Deployment's Pod): the API sees its generateName, e.g. `web-6d4cf56db6-`. */
export function replicaSetOwner(pod: Pod): string | undefined {
  const refs = (pod.metadata as { ownerReferences?: { kind?: string; name?: string }[] }).ownerReferences;
  return refs?.find((r) => r.kind === "ReplicaSet")?.name;
}
