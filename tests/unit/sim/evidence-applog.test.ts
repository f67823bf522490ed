/**
 * lib/activities/evidence.ts appLogLine: the success line shows the key the simulator actually sent
 * (world.call.key, default { id: 42 } → {"id":{"N":"42"}}), never a hard-coded one.
 * (Kept beside the simulator's tests: it pins evidence text to lib/sim's request model.)
 */
import { describe, expect, it } from "vitest";
import { parseScenario, traceFlow, type Scenario } from "@/lib/sim";
import { appLogLine } from "@/lib/activities/evidence";

const scenario = (call = ""): Scenario => {
  const r = parseScenario(`apiVersion: irsa.sim/v1\nkind: Scenario\nmetadata: { name: log }\nspec:\n  now: "2024-11-08T20:00:00Z"\n  node: { imdsHopLimit: 1 }\n${call}`, "log.yaml");
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
};
const line = async (s: Scenario) => appLogLine({ scenario: s, trace: await traceFlow(s.world) });
const sentKey = async (s: Scenario) => {
  const t = await traceFlow(s.world);
  return (JSON.parse(String(t.steps[7]!.details.body)) as { Key: unknown }).Key;
};

describe("appLogLine on success", () => {
  it("default key: {\"id\":{\"N\":\"42\"}}, the same Key the request carried", async () => {
    const s = scenario();
    expect(await line(s)).toBe('2024-11-08T20:00:00Z INFO  GetItem Users {"id":{"N":"42"}} -> 200 OK');
    expect(await sentKey(s)).toEqual({ id: { N: "42" } });
  });
  it("world.call.key is used: a string key, and a partition + sort key", async () => {
    expect(await line(scenario('  call: { key: { id: "user-42" } }\n'))).toContain('GetItem Users {"id":{"S":"user-42"}} -> 200 OK');
    const two = scenario('  call: { key: { pk: "tenant#7", sk: { N: "3" } } }\n');
    expect(await line(two)).toContain('{"pk":{"S":"tenant#7"},"sk":{"N":"3"}}');
    expect(await sentKey(two)).toEqual({ pk: { S: "tenant#7" }, sk: { N: "3" } });
  });
  it("other services log no DynamoDB key", async () => {
    const s = scenario('  call: { action: "s3:GetObject", resource: "arn:aws:s3:::reports/2024/11.csv" }\n');
    s.world.iam.roles[0]!.Policies = [{ PolicyName: "s3", PolicyDocument: { Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] } }];
    const l = await line(s);
    expect(l).toMatch(/INFO {2}GetObject .* -> 200 OK$/);
    expect(l).not.toContain('"id"');
  });
});
