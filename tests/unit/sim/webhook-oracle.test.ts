/**
 * The webhook's own fixtures as an external oracle (../shared/oracles/pod-identity-webhook, see its README):
 * each Pod, mutated by lib/sim, must equal the Pod obtained by applying the fixture's expectedPatch.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { applyJsonPatch, type JsonPatchOperation } from "@/lib/sim/json-patch";
import { mutatePod } from "@/lib/sim/k8s/webhook";
import type { Pod, ServiceAccount } from "@/lib/sim/world";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const oracleDir = process.env.IRSA_ORACLE_DIR ?? path.resolve(repoRoot, "..", "shared", "oracles", "pod-identity-webhook");
const T = "testing.eks.amazonaws.com/";

const fixtures = existsSync(oracleDir) ? readdirSync(oracleDir).filter((f) => f.endsWith(".yaml")).sort() : [];

describe("pod-identity-webhook oracle", () => {
  it(`finds the oracle fixtures in ${oracleDir}`, () => {
    expect(existsSync(oracleDir), `oracle folder missing: ${oracleDir} (set IRSA_ORACLE_DIR)`).toBe(true);
    expect(fixtures.length, `no *.yaml fixtures in ${oracleDir}`).toBeGreaterThan(0);
  });

  for (const file of fixtures) {
    const pod = parse(readFileSync(path.join(oracleDir, file), "utf8"), { uniqueKeys: false }) as Pod;
    const a = pod.metadata.annotations ?? {};
    const run = a[`${T}skip`] === "true" ? it.skip : it;
    run(file, () => {
      pod.metadata.namespace = "default";
      pod.spec.serviceAccountName = "default";
      const saAnn: Record<string, string> = {};
      const set = (k: string, v: string | undefined) => { if (v !== undefined) saAnn[k] = v; };
      set("eks.amazonaws.com/role-arn", a[`${T}serviceAccount/roleArn`]);
      set("eks.amazonaws.com/audience", a[`${T}serviceAccount/audience`]);
      set("eks.amazonaws.com/sts-regional-endpoints", a[`${T}serviceAccount/sts-regional-endpoints`] ?? a[`${T}handler/injectSTS`]);
      set("eks.amazonaws.com/token-expiration", a[`${T}serviceAccount/token-expiration`] ?? a[`${T}handler/expiration`]);
      const sa: ServiceAccount = { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace: "default", annotations: saAnn } };
      const result = mutatePod({
        pod,
        serviceAccount: sa,
        settings: {
          running: true,
          defaultRegion: a[`${T}handler/region`] ?? "",
          regionalSts: false,
          tokenExpiration: 86400,
          ...(a[`${T}handler/mountPath`] ? { mountPath: a[`${T}handler/mountPath`] } : {}),
        },
      });
      const rawPatch = a[`${T}expectedPatch`];
      const ops = rawPatch ? (JSON.parse(rawPatch) as JsonPatchOperation[]) : [];
      const expected = applyJsonPatch(pod, ops);
      expect(expected.ok, expected.ok ? "" : expected.error).toBe(true);
      if (!expected.ok) return;
      expect(result.pod).toEqual(JSON.parse(JSON.stringify(expected.value)));
      expect(result.mutated).toBe(ops.length > 0);
    });
  }
});
