import { beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "@/lib/contract";
import { createCatalog, type BankCatalog } from "@/lib/activities/catalog";
import type { ActivitySpec } from "@/lib/activities/types";

/**
 * A restarted server rebuilds each stored answer's result detail (credit, verdict) by checking the stored answer
 * again (server/rooms/room.ts, Room.restore). That is only right if a check is a pure function of the session's
 * activity spec and the answer: two catalogs built independently (two processes) must agree on every check, and so
 * must the prompts the answers were given against (choice and error-code orders are seeded by the scenario id).
 */
let first: BankCatalog;
let second: BankCatalog;
beforeAll(async () => {
  [first, second] = await Promise.all([createCatalog(), createCatalog()]);
});

const spec = (kind: ActivitySpec["kind"], scenarioId: string): ActivitySpec => ({ kind, scenarioId, config: {}, timeLimitSec: 30, pointsMultiplier: 1 });

const CASES: [ActivitySpec["kind"], string, Answer[]][] = [
  ["pitfall", "pitfalls/20-sub-namespace-typo", [{ kind: "pitfall", choiceId: "fix-sub" }, { kind: "pitfall", choiceId: "stringlike" }]],
  ["which-step", "pitfalls/17-audience-typo", [{ kind: "which-step", step: 5 }, { kind: "which-step", step: 5, errorCode: "AccessDenied" }, { kind: "which-step", step: 2 }]],
  ["flow-replay", "pitfalls/27-clock-skew", [{ kind: "flow-replay", step: 8, errorCode: "InvalidSignatureException" }, { kind: "flow-replay", step: 9 }]],
  [
    "chain-fix",
    "pitfalls/20-sub-namespace-typo",
    [
      { kind: "chain-fix", fields: { subValue: "system:serviceaccount:payments:billing-svc" } },
      { kind: "chain-fix", fields: { saName: "billing" } },
      { kind: "chain-fix", fields: { audValue: "vault", oidcProviderRegistered: false } },
      { kind: "chain-fix", fields: {} },
    ],
  ],
  ["chain-fix", "pitfalls/15-oidc-provider-missing", [{ kind: "chain-fix", fields: { oidcProviderRegistered: true } }, { kind: "chain-fix", fields: { subOperator: "StringLike" } }]],
  ["jwt-predict", "jwt/stringlike-canary", [{ kind: "jwt-predict", prediction: "match" }, { kind: "jwt-predict", prediction: "no-match" }]],
  [
    "setup-challenge",
    "setup/billing-dynamodb",
    [
      { kind: "setup-challenge", inputs: { namespace: "payments", serviceAccountName: "billing-svc", roleName: "r", policy: "DynamoDBTableReader" } },
      { kind: "setup-challenge", inputs: { namespace: "payment", serviceAccountName: "billing-svc", roleName: "r", policy: "DynamoDBTableReader" } },
      { kind: "setup-challenge", inputs: { namespace: "payments", serviceAccountName: "billing-svc", roleName: "r", policy: "AmazonDynamoDBFullAccess" } },
    ],
  ],
  ["node-role", "node-role/billing-before", [{ kind: "node-role", selected: ["users-read", "queue-send"] }, { kind: "node-role", selected: [] }]],
];

describe("checks are deterministic, so a restored room can rebuild a result's detail", () => {
  it.each(CASES)("%s %s: two catalogs give the same prompt and the same check of every answer, every time", async (kind, scenarioId, answers) => {
    const [a, b] = await Promise.all([first.prepare(spec(kind, scenarioId)), second.prepare(spec(kind, scenarioId))]);
    expect(a).not.toBe(b);
    expect(b.prompt).toEqual(a.prompt);
    expect(b.reveal).toEqual(a.reveal);
    for (const answer of [a.reveal.correct, ...answers]) {
      const once = await a.check(answer);
      expect(await b.check(answer), JSON.stringify(answer)).toEqual(once);
      // Again on the same activity (the chain-fix and setup checkers cache their verdicts).
      expect(await a.check(answer)).toEqual(once);
    }
  });
});
