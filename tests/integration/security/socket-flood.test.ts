import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCode, type Ack } from "@/lib/contract";
import type { AppServer } from "@/server/app-server";
import { createTestDb, seedSession, startTestServer, TestClient, type TestDb } from "../support/harness";
import { databaseSnapshot } from "./support";

/**
 * Floods and raw protocol garbage over the socket (issue 6), complementing the 1,200 generated payloads of
 * tests/integration/hostile-input.test.ts: bursts sent without waiting, connection churn, malformed engine.io and
 * socket.io packets on a raw websocket, oversized credentials. After each batch a health request is answered
 * and a checksum of every table is unchanged.
 */

const CODES = new Set<string>(Object.values(ErrorCode));
let db: TestDb;
let server: AppServer;
let session: Awaited<ReturnType<typeof seedSession>>;
const clients: TestClient[] = [];
const client = (opts?: { token?: string; cookie?: string }) => {
  const c = new TestClient(server.url, opts);
  clients.push(c);
  return c;
};

beforeAll(async () => {
  db = await createTestDb();
  session = await seedSession(db.prisma);
  server = await startTestServer(db.prisma, {
    limits: {
      joinPerIp: { capacity: 1000, refillPerSec: 100 },
      badCodePerIp: { capacity: 20, refillPerSec: 0.2 },
      answersPerParticipant: { capacity: 5, refillPerSec: 1 },
    },
  });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server?.close();
  await db?.cleanup();
});

async function healthy(): Promise<void> {
  const probe = client();
  await probe.connected();
  const started = Date.now();
  const ack = await probe.emit<{ serverNow: number }>("time:sync", { clientSentAt: 1 });
  expect(ack.ok).toBe(true);
  expect(Date.now() - started).toBeLessThan(5_000);
  probe.close();
}

function fire(c: TestClient, event: string, payload: unknown): Promise<Ack<unknown>> {
  return new Promise((resolve) => (c.socket as unknown as { emit(e: string, p: unknown, a: (r: Ack<unknown>) => void): void }).emit(event, payload, resolve));
}

describe("floods", () => {
  it("3,000 events in one burst from a student in the lobby: every one acked with a clear code, nothing stored", async () => {
    const student = client();
    await student.connected();
    expect((await student.join(session.code, "Flood")).ok).toBe(true);
    const before = await databaseSnapshot(db.prisma);
    const burst: Promise<Ack<unknown>>[] = [];
    for (let i = 0; i < 3000; i++) {
      const kind = i % 4;
      if (kind === 0) burst.push(fire(student, "answer:submit", { activityIndex: 0, answer: { kind: "pitfall", choiceId: "a" } }));
      else if (kind === 1) burst.push(fire(student, "session:sync", {}));
      else if (kind === 2) burst.push(fire(student, `x:${i}`, { i }));
      else burst.push(fire(student, "host:command", { sessionId: session.sessionId, command: { type: "start" } }));
    }
    const acks = await Promise.all(burst);
    expect(acks).toHaveLength(3000);
    const counts: Record<string, number> = {};
    for (const a of acks) {
      const key = a.ok ? "ok" : a.error.code;
      counts[key] = (counts[key] ?? 0) + 1;
      if (!a.ok) expect(CODES.has(a.error.code)).toBe(true);
    }
    // Answers: the first few are refused by the phase, then by the rate limit; syncs succeed; the rest refused.
    expect(counts.RATE_LIMITED).toBeGreaterThanOrEqual(700);
    expect(counts.ok).toBe(750);
    expect(counts.UNAUTHORIZED).toBe(750);
    expect(counts.INVALID_PAYLOAD).toBe(750);
    expect(student.socket.connected).toBe(true);
    await healthy();
    expect(await databaseSnapshot(db.prisma)).toEqual(before);
  });

  it("answer spam spread over several connections of one participant shares that participant's one budget", async () => {
    const first = client();
    await first.connected();
    const joined = await first.join(session.code, "Hydra");
    expect(joined.ok).toBe(true);
    // Three more connections with the same participant token: a spammer's way around a per-connection limit.
    const heads = [first, client({ token: first.token! }), client({ token: first.token! }), client({ token: first.token! })];
    await Promise.all(heads.map((c) => c.connected()));
    const before = await databaseSnapshot(db.prisma);
    const acks = await Promise.all(
      heads.flatMap((c) => Array.from({ length: 10 }, () => fire(c, "answer:submit", { activityIndex: 0, answer: { kind: "pitfall", choiceId: "a" } }))),
    );
    const limited = acks.filter((a) => !a.ok && a.error.code === "RATE_LIMITED");
    // Capacity 5 (refill 1/s: at most one more token during the burst), whichever connection they came through.
    expect(acks.length - limited.length, JSON.stringify(acks.slice(0, 3))).toBeLessThanOrEqual(6);
    for (const a of limited) expect(!a.ok && a.error.message).toBe("Too many answers; slow down.");
    expect(heads.every((c) => c.socket.connected)).toBe(true);
    expect(await databaseSnapshot(db.prisma)).toEqual(before);
  });

  it("a code guesser flooding joins is cut off after 20 wrong codes; a real join from elsewhere is unaffected in kind", async () => {
    const before = await databaseSnapshot(db.prisma);
    const guesser = client();
    await guesser.connected();
    const acks = await Promise.all(Array.from({ length: 500 }, (_, i) => fire(guesser, "session:join", { code: `Q${String(i).padStart(5, "0")}`, nickname: "g" })));
    const notFound = acks.filter((a) => !a.ok && a.error.code === "NOT_FOUND").length;
    const limited = acks.filter((a) => !a.ok && a.error.code === "RATE_LIMITED").length;
    expect(notFound).toBeLessThanOrEqual(21);
    expect(notFound + limited).toBe(500);
    expect(await databaseSnapshot(db.prisma)).toEqual(before);
    await healthy();
  });

  it("200 connections opened and dropped at once: the server keeps serving", async () => {
    const churn = Array.from({ length: 200 }, () => client());
    await Promise.allSettled(churn.map((c) => c.connected()));
    for (const c of churn) c.close();
    await healthy();
  });
});

describe("raw protocol garbage on a websocket", () => {
  function raw(): Promise<WebSocket> {
    const ws = new WebSocket(`${server.url.replace("http", "ws")}/socket.io/?EIO=4&transport=websocket`);
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(ws));
      ws.once("error", reject);
    });
  }

  it.each([
    ["a socket.io event with broken JSON", "42[\"session:join\",{"],
    ["an unknown engine.io packet type", "9hello"],
    ["an unknown socket.io packet type", "49[]"],
    ["an event whose name is not a string", "42[{\"a\":1},{}]"],
    ["a binary-event header with no attachment", "451-[\"answer:submit\",{\"_placeholder\":true,\"num\":0}]"],
    ["an empty frame", ""],
    ["a huge number", "42[\"time:sync\",{\"clientSentAt\":1e999999}]"],
    ["a deeply nested payload", `42["time:sync",${"[".repeat(5000)}${"]".repeat(5000)}]`],
  ])("%s: that connection may be closed, the server stays up and nothing is stored", async (_what, frame) => {
    const before = await databaseSnapshot(db.prisma);
    const ws = await raw();
    ws.send("40"); // socket.io CONNECT to the main namespace
    await new Promise((r) => setTimeout(r, 50));
    ws.send(frame);
    await new Promise((r) => setTimeout(r, 100));
    ws.terminate();
    await healthy();
    expect(await databaseSnapshot(db.prisma)).toEqual(before);
  });

  it("an oversized participant token is refused at the handshake without being verified", async () => {
    const huge = client({ token: "x".repeat(10_000) });
    expect(await huge.refused()).toMatchObject({ code: "UNAUTHORIZED" });
    await healthy();
  });
});
