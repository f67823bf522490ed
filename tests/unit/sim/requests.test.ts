/** Steps 8–9: the request the SDK sends (DynamoDB key, S3, SES, …) and step 9's title. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { callStepTitle, defaultWorld, parseScenario, traceFlow } from "@/lib/sim/index";

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

const ACCOUNT = "111122223333";
const allowAll = (action: string) => ({ iam: { roles: [
  { accountId: ACCOUNT, RoleName: "billing-dynamodb-reader", Path: "/", MaxSessionDuration: 3600, AssumeRolePolicyDocument: defaultWorld().iam.roles[0]!.AssumeRolePolicyDocument, Policies: [{ PolicyName: "p", PolicyDocument: { Statement: [{ Effect: "Allow" as const, Action: action, Resource: "*" }] } }] },
  defaultWorld().iam.roles[1]!,
] } });
const step8 = (t: Awaited<ReturnType<typeof traceFlow>>) => t.steps[7]?.details as { method: string; url: string; headers: Record<string, string>; body: string; canonicalRequest: string };

describe("step 9's title", () => {
  it.each([
    ["dynamodb:GetItem", "The call (DynamoDB GetItem)"],
    ["s3:PutObject", "The call (S3 PutObject)"],
    ["ses:SendEmail", "The call (SES SendEmail)"],
    ["sqs:SendMessage", "The call (SQS SendMessage)"],
    ["sns:Publish", "The call (SNS Publish)"],
    ["secretsmanager:GetSecretValue", "The call (Secrets Manager GetSecretValue)"],
    ["kms:Decrypt", "The call (KMS Decrypt)"],
    ["ssm:GetParameter", "The call (SSM Parameter Store GetParameter)"],
    ["madeup:DoThing", "The call (madeup DoThing)"],
  ])("%s → %s", (action, title) => expect(callStepTitle(action)).toBe(title));

  it("the trace uses it", async () => {
    const t = await traceFlow(defaultWorld({ ...allowAll("ses:SendEmail"), call: { action: "ses:SendEmail", resource: `arn:aws:ses:us-east-1:${ACCOUNT}:identity/example.com` } }));
    expect(t.steps[8]?.title).toBe("The call (SES SendEmail)");
  });
});

describe("steps 8–9 per service", () => {
  it("S3 PutObject: PUT to the virtual-hosted bucket, path = object key, x-amz-content-sha256 of the body, signed for s3", async () => {
    const t = await traceFlow(defaultWorld({ ...allowAll("s3:PutObject"), call: { action: "s3:PutObject", resource: "arn:aws:s3:::acme-reports/monthly/2024-11.csv" } }));
    expect(t.outcome).toBe("success");
    const d = step8(t);
    expect(d.method).toBe("PUT");
    expect(d.url).toBe("https://acme-reports.s3.us-east-1.amazonaws.com/monthly/2024-11.csv");
    expect(d.body.length).toBeGreaterThan(0);
    expect(d.headers["x-amz-content-sha256"]).toBe(createHash("sha256").update(d.body).digest("hex"));
    expect(d.headers["content-type"]).toBe("text/csv");
    expect(d.headers.authorization).toMatch(/\/us-east-1\/s3\/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, /);
    expect(d.canonicalRequest.split("\n").slice(0, 3)).toEqual(["PUT", "/monthly/2024-11.csv", ""]);
    expect(d.canonicalRequest.endsWith(d.headers["x-amz-content-sha256"]!)).toBe(true);
    expect((t.steps[8]?.details.response as { status: number; headers: Record<string, string> }).headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it("S3 GetObject: GET with the empty-payload hash; ListBucket has its query in the canonical request", async () => {
    const t = await traceFlow(defaultWorld({ ...allowAll("s3:*"), call: { action: "s3:GetObject", resource: "arn:aws:s3:::acme-reports/monthly/2024 11.csv" } }));
    const d = step8(t);
    expect(d.method).toBe("GET");
    expect(d.url).toBe("https://acme-reports.s3.us-east-1.amazonaws.com/monthly/2024%2011.csv");
    expect(d.body).toBe("");
    expect(d.headers["x-amz-content-sha256"]).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const l = step8(await traceFlow(defaultWorld({ ...allowAll("s3:*"), call: { action: "s3:ListBucket", resource: "arn:aws:s3:::acme-reports" } })));
    expect(l.url).toBe("https://acme-reports.s3.us-east-1.amazonaws.com/?list-type=2");
    expect(l.canonicalRequest.split("\n").slice(0, 3)).toEqual(["GET", "/", "list-type=2"]);
  });

  it("SES SendEmail (API v2): POST email.REGION.amazonaws.com/v2/email/outbound-emails, JSON body, signed for ses", async () => {
    const t = await traceFlow(defaultWorld({ ...allowAll("ses:SendEmail"), call: { action: "ses:SendEmail", resource: `arn:aws:ses:us-east-1:${ACCOUNT}:identity/example.com` } }));
    expect(t.outcome).toBe("success");
    const d = step8(t);
    expect(d.method).toBe("POST");
    expect(d.url).toBe("https://email.us-east-1.amazonaws.com/v2/email/outbound-emails");
    expect(d.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(d.body)).toMatchObject({ FromEmailAddress: "noreply@example.com", Destination: { ToAddresses: [expect.any(String)] }, Content: { Simple: { Subject: { Data: expect.any(String) }, Body: { Text: { Data: expect.any(String) } } } } });
    expect(d.headers.authorization).toContain("/us-east-1/ses/aws4_request");
    expect((t.steps[8]?.details.response as { body: { MessageId: string } }).body.MessageId).toMatch(/\S{20,}/);
  });

  it("other services get their protocol's request, never an empty body", async () => {
    const cases: [string, string, RegExp, string][] = [
      ["sqs:SendMessage", `arn:aws:sqs:us-east-1:${ACCOUNT}:orders`, /^https:\/\/sqs\.us-east-1\.amazonaws\.com\/$/, `"QueueUrl":"https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/orders"`],
      ["sns:Publish", `arn:aws:sns:us-east-1:${ACCOUNT}:shipped`, /^https:\/\/sns\.us-east-1\.amazonaws\.com\/$/, "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns"],
      ["secretsmanager:GetSecretValue", `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db-AbCdEf`, /^https:\/\/secretsmanager\.us-east-1\.amazonaws\.com\/$/, `"SecretId":"arn:aws:secretsmanager`],
      ["kms:Decrypt", `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, /^https:\/\/kms\.us-east-1\.amazonaws\.com\/$/, `"KeyId":"arn:aws:kms`],
    ];
    for (const [action, resource, url, inBody] of cases) {
      const t = await traceFlow(defaultWorld({ ...allowAll(action), call: { action, resource } }));
      expect(t.outcome, action).toBe("success");
      const d = step8(t);
      expect(d.url, action).toMatch(url);
      expect(d.body, action).toContain(inBody);
    }
  });
});
