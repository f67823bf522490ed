/** Steps 8–9: the request the SDK sends (DynamoDB key, S3, SES, …) and step 9's title. */
import { describe, expect, it } from "vitest";
import { defaultWorld, parseScenario, traceFlow } from "@/lib/sim/index";

const body = (t: Awaited<ReturnType<typeof traceFlow>>): string => (t.steps[7]?.details as { body: string }).body;

describe("DynamoDB key (call.key)", () => {
  it("the default GetItem asks for the course's item: table Users, key { id: 42 } as DynamoDB JSON", async () => {
    const t = await traceFlow(defaultWorld());
    expect(t.outcome).toBe("success");
    expect(body(t)).toBe('{"TableName":"Users","Key":{"id":{"N":"42"}}}');
    expect((t.steps[8]?.details.response as { body: unknown }).body).toEqual({ Item: { id: { N: "42" }, name: { S: "Ada" } } });
  });

  it("call.key: numbers become N, strings S, DynamoDB JSON passes through; a sort key is kept", async () => {
    const s = await traceFlow(defaultWorld({ call: { key: { id: "user-42" } } }));
    expect(JSON.parse(body(s))).toEqual({ TableName: "Users", Key: { id: { S: "user-42" } } });
    const typed = await traceFlow(defaultWorld({ call: { key: { pk: { S: "CUSTOMER#7" }, sk: 3 } } }));
    expect(JSON.parse(body(typed)).Key).toEqual({ pk: { S: "CUSTOMER#7" }, sk: { N: "3" } });
  });

  it("a scenario file sets the key under spec.call.key, and a malformed one is a clear error", async () => {
    const ok = parseScenario("apiVersion: irsa.sim/v1\nkind: Scenario\nmetadata: { name: k }\nspec:\n  call: { key: { id: 7 } }\n", "k.yaml");
    if (!ok.ok) throw new Error(JSON.stringify(ok.errors));
    expect(ok.scenario.world.call.key).toEqual({ id: 7 });
    expect(JSON.parse(body(await traceFlow(ok.scenario.world))).Key).toEqual({ id: { N: "7" } });
    const bad = parseScenario("apiVersion: irsa.sim/v1\nkind: Scenario\nmetadata: { name: k }\nspec:\n  call: { key: { id: { N: forty-two } } }\n", "k.yaml");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]?.path).toContain("call.key");
  });
});
