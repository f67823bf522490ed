/**
 * The service request the SDK sends in steps 8–9 (before signing), and the success response of step 9:
 * method, host, path, query, protocol headers and body per service protocol (DynamoDB / SQS / Secrets
 * Manager / KMS JSON, S3 REST-XML with virtual-hosted buckets, SES v2 REST-JSON, SNS Query, Lambda REST).
 * Pure: bodies are fixed teaching payloads, identifiers are derived from a hash (no randomness consumed).
 */
import { createHash } from "node:crypto";
import type { DynamoKey, DynamoKeyValue, World } from "../world";

/** A DynamoDB AttributeValue for a key attribute (keys are S, N or B). */
export type AttributeValue = { S: string } | { N: string } | { B: string };

/** The key the course material uses: GetItem on table `Users` with key `{ id: 42 }`. */
export const DEFAULT_DYNAMODB_KEY: Readonly<DynamoKey> = { id: 42 };

/** `{ id: 42 }` → `{ id: { N: "42" } }`; strings become S; typed AttributeValues pass through. */
export function toDynamoKey(key: DynamoKey): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [name, v] of Object.entries(key)) out[name] = toAttributeValue(v);
  return out;
}

const toAttributeValue = (v: DynamoKeyValue): AttributeValue =>
  typeof v === "number" ? { N: String(v) } : typeof v === "string" ? { S: v } : { ...v };

export const sha256Hex = (s: string): string => createHash("sha256").update(s).digest("hex");

/** The request as the SDK builds it, before SigV4 adds host, x-amz-date, x-amz-security-token and Authorization. */
export interface ServiceRequest {
  method: "GET" | "PUT" | "POST" | "DELETE" | "HEAD";
  host: string;
  /** The URI path, already URI-encoded (S3 object keys per segment). */
  path: string;
  /** Canonical query string (`a=1&b=2`, sorted, encoded); "" when none. */
  query: string;
  headers: Record<string, string>;
  body: string;
  /** The SigV4 signing name (`ses` for email.REGION.amazonaws.com, `s3` for buckets). */
  signingName: string;
  /** Which wire protocol the service speaks, for the explanation. */
  protocol: string;
}

const JSON10 = "application/x-amz-json-1.0";
const JSON11 = "application/x-amz-json-1.1";

/** AWS's URI encoding (RFC 3986 unreserved characters kept); `/` kept when `keepSlash`. */
const uriEncode = (s: string, keepSlash: boolean): string => {
  const e = encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return keepSlash ? e.replace(/%2F/g, "/") : e;
};

const formEncode = (form: Record<string, string>): string =>
  Object.entries(form).map(([k, v]) => `${uriEncode(k, false)}=${uriEncode(v, false)}`).join("&");

/** The part of an ARN after `service:region:account:` (e.g. `table/Users`, `bucket/key`). */
const arnResource = (arn: string): string => arn.split(":").slice(5).join(":");
const arnAccount = (arn: string, fallback: string): string => arn.split(":")[4] || fallback;
const lastSegment = (s: string): string => s.split(/[/:]/).pop() ?? s;

const TEXT_REPORT = "month,revenue_eur\n2024-11,48213.07\n";

const sesSender = (resource: string): string => {
  const identity = arnResource(resource).replace(/^identity\//, "");
  if (!identity || identity === "*") return "noreply@example.com";
  return identity.includes("@") ? identity : `noreply@${identity}`;
};

/**
 * The request for `world.call`. DynamoDB uses `call.key` (default `{ id: 42 }` → `{"id":{"N":"42"}}`).
 * @example buildServiceRequest({ action: "s3:GetObject", resource: "arn:aws:s3:::acme-reports/monthly/2024-11.csv", region: "us-east-1" }).host // "acme-reports.s3.us-east-1.amazonaws.com"
 */
export function buildServiceRequest(input: { action: string; resource: string; region: string; accountId?: string; key?: DynamoKey | undefined }): ServiceRequest {
  const [service = "", op = ""] = input.action.split(":");
  const { region } = input;
  const account = arnAccount(input.resource, input.accountId ?? "111122223333");
  const suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  const json = (signingName: string, contentType: string, target: string, body: unknown, host = `${signingName}.${region}.${suffix}`): ServiceRequest => ({
    method: "POST", host, path: "/", query: "", headers: { "content-type": contentType, "x-amz-target": target }, body: JSON.stringify(body), signingName, protocol: `JSON (${contentType}, X-Amz-Target)`,
  });

  switch (service) {
    case "dynamodb": {
      const res = arnResource(input.resource);
      const [, table = res, kind, indexName] = res.split("/");
      const key = toDynamoKey(input.key ?? DEFAULT_DYNAMODB_KEY);
      const base: Record<string, unknown> = { TableName: table, ...(kind === "index" && indexName ? { IndexName: indexName } : {}) };
      const [firstName = "id", firstValue = { N: "42" }] = Object.entries(key)[0] ?? [];
      const body: Record<string, unknown> =
        op === "GetItem" || op === "DeleteItem" ? { ...base, Key: key }
          : op === "PutItem" ? { ...base, Item: { ...key, name: { S: "Ada" } } }
            : op === "UpdateItem" ? { ...base, Key: key, UpdateExpression: "SET #n = :n", ExpressionAttributeNames: { "#n": "name" }, ExpressionAttributeValues: { ":n": { S: "Ada" } } }
              : op === "Query" ? { ...base, KeyConditionExpression: "#k = :k", ExpressionAttributeNames: { "#k": firstName }, ExpressionAttributeValues: { ":k": firstValue } }
                : op === "BatchGetItem" ? { RequestItems: { [table]: { Keys: [key] } } }
                  : base;
      return json("dynamodb", JSON10, `DynamoDB_20120810.${op}`, body);
    }
    case "s3": {
      const res = arnResource(input.resource);
      const slash = res.indexOf("/");
      const bucket = slash === -1 ? res : res.slice(0, slash);
      const objectKey = slash === -1 ? "" : res.slice(slash + 1);
      const host = `${bucket}.s3.${region}.${suffix}`;
      const path = `/${uriEncode(objectKey, true)}`;
      const empty = sha256Hex("");
      const req = (method: ServiceRequest["method"], query = "", body = "", headers: Record<string, string> = {}): ServiceRequest => ({
        method, host, path: objectKey ? path : "/", query, headers: { ...headers, "x-amz-content-sha256": body ? sha256Hex(body) : empty }, body, signingName: "s3", protocol: "REST-XML (virtual-hosted bucket)",
      });
      if (op === "PutObject") return req("PUT", "", TEXT_REPORT, { "content-type": objectKey.endsWith(".csv") ? "text/csv" : "application/octet-stream", "content-length": String(Buffer.byteLength(TEXT_REPORT)) });
      if (op === "DeleteObject") return req("DELETE");
      if (op === "ListBucket") return req("GET", "list-type=2");
      return req("GET"); // GetObject (and other reads)
    }
    case "ses": {
      // SES API v2 (what current SDKs' SESv2Client sends); signing name "ses", host email.REGION.
      const from = sesSender(input.resource);
      const content = op === "SendRawEmail"
        ? { Raw: { Data: Buffer.from(`From: ${from}\r\nTo: customer@example.org\r\nSubject: Your November report\r\n\r\nYour report is ready.\r\n`).toString("base64") } }
        : { Simple: { Subject: { Data: "Your November report" }, Body: { Text: { Data: "Your report is ready." } } } };
      const body = op === "SendEmail" || op === "SendRawEmail"
        ? { FromEmailAddress: from, Destination: { ToAddresses: ["customer@example.org"] }, Content: content }
        : {};
      const path = op === "SendEmail" || op === "SendRawEmail" ? "/v2/email/outbound-emails" : `/v2/email/${op}`;
      return { method: "POST", host: `email.${region}.${suffix}`, path, query: "", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signingName: "ses", protocol: "REST-JSON (SES API v2)" };
    }
    case "sqs": {
      const queue = lastSegment(input.resource);
      const QueueUrl = `https://sqs.${region}.${suffix}/${account}/${queue}`;
      const body = op === "SendMessage" ? { QueueUrl, MessageBody: "{\"orderId\":42}" }
        : op === "ReceiveMessage" ? { QueueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 20 }
          : { QueueUrl };
      return json("sqs", JSON10, `AmazonSQS.${op}`, body);
    }
    case "sns": {
      const form: Record<string, string> = { Action: op, Version: "2010-03-31", TopicArn: input.resource, ...(op === "Publish" ? { Message: "Order 42 shipped" } : {}) };
      return { method: "POST", host: `sns.${region}.${suffix}`, path: "/", query: "", headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }, body: formEncode(form), signingName: "sns", protocol: "Query (form-encoded)" };
    }
    case "secretsmanager":
      return json("secretsmanager", JSON11, `secretsmanager.${op}`, { SecretId: input.resource });
    case "kms":
      return json("kms", JSON11, `TrentService.${op}`, op === "Decrypt" ? { CiphertextBlob: "AQICAHh…", KeyId: input.resource } : { KeyId: input.resource });
    case "ssm":
      return json("ssm", JSON11, `AmazonSSM.${op}`, { Name: arnResource(input.resource).replace(/^parameter/, "") || input.resource, WithDecryption: true });
    case "logs":
      return json("logs", JSON11, `Logs_20140328.${op}`, { logGroupName: arnResource(input.resource).replace(/^log-group:/, "").replace(/:.*$/, "") });
    case "kinesis":
      return json("kinesis", JSON11, `Kinesis_20131202.${op}`, { StreamARN: input.resource, ...(op === "PutRecord" ? { Data: "eyJvcmRlcklkIjo0Mn0=", PartitionKey: "42" } : {}) });
    case "lambda": {
      const fn = arnResource(input.resource).replace(/^function:/, "");
      if (op === "InvokeFunction") return { method: "POST", host: `lambda.${region}.${suffix}`, path: `/2015-03-31/functions/${uriEncode(fn, false)}/invocations`, query: "", headers: { "content-type": "application/json" }, body: "{\"orderId\":42}", signingName: "lambda", protocol: "REST-JSON" };
      return { method: "GET", host: `lambda.${region}.${suffix}`, path: `/2015-03-31/functions/${uriEncode(fn, false)}`, query: "", headers: {}, body: "", signingName: "lambda", protocol: "REST-JSON" };
    }
    default:
      // Unknown service: a generic Query-protocol call (the simulator does not model its wire format).
      return { method: "POST", host: `${service}.${region}.${suffix}`, path: "/", query: "", headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }, body: formEncode({ Action: op }), signingName: service, protocol: "generic (not modelled)" };
  }
}

/** The full URL of a request. */
export const requestUrl = (r: ServiceRequest): string => `https://${r.host}${r.path}${r.query ? `?${r.query}` : ""}`;

/** A plausible 200 response for a successful call (ids derived from `seed`, e.g. the request signature). */
export function serviceResponse(req: ServiceRequest, call: { action: string; resource: string; key?: DynamoKey | undefined }, seed: string): { status: number; headers?: Record<string, string>; body?: unknown } {
  const [service = "", op = ""] = call.action.split(":");
  const key = call.key;
  const hex = (): string => sha256Hex(seed);
  const uuidOf = (h: string): string => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  switch (service) {
    case "dynamodb":
      if (op === "GetItem") return { status: 200, body: { Item: { ...toDynamoKey(key ?? DEFAULT_DYNAMODB_KEY), name: { S: "Ada" } } } };
      if (op === "Query") return { status: 200, body: { Count: 1, ScannedCount: 1, Items: [{ ...toDynamoKey(key ?? DEFAULT_DYNAMODB_KEY), name: { S: "Ada" } }] } };
      return { status: 200, body: {} };
    case "s3":
      if (req.method === "PUT") return { status: 200, headers: { etag: `"${createHash("md5").update(req.body).digest("hex")}"`, "x-amz-server-side-encryption": "AES256" } };
      if (req.query.startsWith("list-type")) return { status: 200, headers: { "content-type": "application/xml" }, body: "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">…</ListBucketResult>" };
      if (req.method === "DELETE") return { status: 204 };
      return { status: 200, headers: { "content-type": "text/csv", etag: `"${createHash("md5").update(TEXT_REPORT).digest("hex")}"` }, body: TEXT_REPORT };
    case "ses":
      return { status: 200, body: { MessageId: `0100019${hex().slice(0, 9)}-${uuidOf(hex())}-000000` } };
    case "sqs":
      return { status: 200, body: op === "SendMessage" ? { MessageId: uuidOf(hex()), MD5OfMessageBody: createHash("md5").update("{\"orderId\":42}").digest("hex") } : {} };
    case "sns":
      return { status: 200, body: `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${uuidOf(hex())}</MessageId></PublishResult></PublishResponse>` };
    case "secretsmanager":
      return { status: 200, body: op === "GetSecretValue" ? { ARN: call.resource, Name: lastSegment(call.resource).replace(/-[A-Za-z0-9]{6}$/, ""), SecretString: "****", VersionStages: ["AWSCURRENT"] } : {} };
    default:
      return { status: 200 };
  }
}

/** The key a world's call uses. */
export const callKey = (world: World): DynamoKey => world.call.key ?? DEFAULT_DYNAMODB_KEY;
