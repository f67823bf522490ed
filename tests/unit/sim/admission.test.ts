/** Step 1: the API server's ServiceAccount admission plugin (missing SA → 403) vs the webhook's cache miss (pitfall 2). */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultWorld, parseScenario, traceFlow } from "@/lib/sim/index";
import { withPod } from "./helpers";

const MSG = 'pods "billing-api" is forbidden: error looking up service account payments/billing-svc: serviceaccount "billing-svc" not found';

describe("a Pod naming a ServiceAccount that does not exist", () => {
  it("is refused at step 1 with the ServiceAccount admission plugin's 403 Forbidden, before the webhook", async () => {
    const t = await traceFlow(defaultWorld({ kubernetes: { serviceAccounts: [] } }));
    expect(t.failedStep).toBe(1);
    expect(t.error).toEqual({ code: "Forbidden", httpStatus: 403, message: MSG });
    expect(t.identity).toBeNull();
    expect(t.steps[0]?.status).toBe("fail");
    expect(t.steps[0]?.details.kubectl).toBe(`Error from server (Forbidden): error when creating "pod.yaml": ${MSG}`);
    expect(t.steps[0]?.details.admission).toMatchObject({ plugin: "ServiceAccount", webhookReached: false });
    expect(t.steps[0]?.explanation).not.toContain("not found in the cache");
    for (const s of t.steps.slice(1)) expect(s.status).toBe("skipped");
  });

  it("an SA of the same name in another namespace does not count", async () => {
    const sa = defaultWorld().kubernetes.serviceAccounts[0]!;
    const t = await traceFlow(defaultWorld({ kubernetes: { serviceAccounts: [{ ...sa, metadata: { ...sa.metadata, namespace: "default" } }] } }));
    expect(t.error?.message).toBe(MSG);
  });

  it("a Deployment's Pod: the ReplicaSet controller's FailedCreate event, with the generateName prefix", async () => {
    const r = parseScenario(`apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec: { template: { metadata: { labels: { app: web } }, spec: { serviceAccountName: cart, containers: [{ name: c }] } } }
---
apiVersion: irsa.sim/v1
kind: Scenario
metadata: { name: missing-sa }
spec: { omit: [ServiceAccount] }
`, "d.yaml");
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const t = await traceFlow(r.scenario.world);
    const msg = 'pods "web-6d4cf56db6-" is forbidden: error looking up service account shop/cart: serviceaccount "cart" not found';
    expect(t.error).toEqual({ code: "Forbidden", httpStatus: 403, message: msg });
    expect(t.steps[0]?.details.event).toMatchObject({ reason: "FailedCreate", message: `Error creating: ${msg}` });
  });

  it("the default ServiceAccount always exists: no 403, just nothing to inject", async () => {
    const t = await traceFlow(defaultWorld({ node: { imdsHopLimit: 1 }, kubernetes: { serviceAccounts: [], pod: withPod((p) => { p.spec.serviceAccountName = "default"; }) } }));
    expect(t.steps[0]?.status).toBe("warn");
    expect(t.steps[0]?.details.reason).toContain("ServiceAccount payments/default has no eks.amazonaws.com/role-arn annotation");
    expect(t.failedStep).toBe(2);
  });
});

describe("pitfall 2 is unchanged: the SA exists but the webhook's cache does not have it yet", () => {
  it("step 1 warns with the webhook's log line, the pod runs unmutated", async () => {
    const t = await traceFlow(defaultWorld({ webhook: { serviceAccountCached: false } }));
    expect(t.steps[0]?.status).toBe("warn");
    expect(t.steps[0]?.details.reason).toBe("Service account payments/billing-svc not found in the cache. Not mutating");
    expect(t.error?.code).not.toBe("Forbidden");
  });

  it("content/scenarios/pitfalls/02-*.yaml still shows the cache miss, and its correct fix still works", async () => {
    const r = parseScenario(readFileSync("content/scenarios/pitfalls/02-sa-not-in-webhook-cache.yaml", "utf8"), "02.yaml");
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const t = await traceFlow(r.scenario.world);
    expect(t.steps[0]?.status).toBe("warn");
    expect(t.steps[0]?.details.reason).toBe("Service account payments/billing-svc not found in the cache. Not mutating");
    expect(t.failedStep).toBe(2);
    const fixed = await traceFlow({ ...r.scenario.world, webhook: { ...r.scenario.world.webhook, serviceAccountCached: true } });
    expect(fixed.outcome).toBe("success");
  });
});
