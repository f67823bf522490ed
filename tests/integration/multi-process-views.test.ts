import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HostView } from "@/lib/contract";
import { createPrisma } from "@/lib/db/client";
import type { AppServer } from "@/server/app-server";
import { createTestDb, seedSession, startTestServer, TestClient, untilAll, type TestDb } from "./support/harness";
import { startRedis, type TestRedis } from "./support/redis-server";
import { TEST_SCENARIOS } from "./support/test-catalog";

/**
 * Issue 6, "Beyond one machine": the holder of a session sends each participant's personal view (the reveal, with
 * their result) only to the processes that hold a connection of that participant, on that process's own Redis
 * channel — not to every process. Three realtime servers in this test process, each with its own Redis
 * connections and socket.io adapter (they share nothing but Redis and the database): A holds the session,
 * students sit on B and C, one of B's students also on C.
 */

let redis: TestRedis;
let db: TestDb;
const servers: AppServer[] = [];
const clients: TestClient[] = [];

beforeAll(async () => {
  redis = await startRedis();
  db = await createTestDb();
});

afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.allSettled(servers.map((s) => s.close()));
  await redis?.kill();
  await db?.cleanup();
});

async function server(): Promise<AppServer> {
  const s = await startTestServer(createPrisma(db.url), { redisUrl: redis.url });
  servers.push(s);
  return s;
}

function client(s: AppServer, opts: { token?: string; cookie?: string } = {}): TestClient {
  const c = new TestClient(s.url, opts);
  clients.push(c);
  return c;
}

async function until(predicate: () => boolean, what: string): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("per-participant views across processes", () => {
  it("go only to the processes holding that participant's connections", async () => {
    const session = await seedSession(db.prisma, {
      deck: [
        { scenarioId: TEST_SCENARIOS[0]!, kind: "pitfall", timeLimitSec: 120, pointsMultiplier: 1 },
        { scenarioId: TEST_SCENARIOS[1]!, kind: "pitfall", timeLimitSec: 120, pointsMultiplier: 1 },
      ],
    });
    const [a, b, c] = await Promise.all([server(), server(), server()]);
    const stats = (s: AppServer) => s.cluster!.viewStats;

    // The instructor watches on A first: A becomes the session's holder.
    const host = client(a, { cookie: session.cookie });
    await host.connected();
    expect((await host.emit<HostView>("host:watch", { sessionId: session.sessionId })).ok).toBe(true);

    const onA = [client(a), client(a)];
    const onB = [client(b), client(b), client(b)];
    const onC = [client(c), client(c), client(c)];
    const students = [...onA, ...onB, ...onC];
    await Promise.all(students.map((s) => s.connected()));
    const joins = await Promise.all(students.map((s, i) => s.join(session.code, `Kid ${i}`)));
    for (const j of joins) expect(j.ok, JSON.stringify(j)).toBe(true);
    await host.until(() => host.hostView?.participants.filter((p) => p.connected).length === 8, "8 connected on the dashboard");

    // B's first student opens a second connection, on C. Its `session:sync` is forwarded to A after C reported the
    // connection (both go from C's command connection to A's RPC channel, in that order).
    const twin = client(c, { token: onB[0]!.token! });
    await twin.connected();
    expect((await twin.emit("session:sync", {})).ok).toBe(true);

    expect((await host.command(session.sessionId, { type: "start" })).ok).toBe(true);
    await untilAll([...students, twin], (s) => s.view?.phase.type === "question", "the first question everywhere");
    const acks = await Promise.all(students.map((s) => s.answer({ activityIndex: 0, answer: { kind: "pitfall", choiceId: "a" } })));
    for (const r of acks) expect(r.ok, JSON.stringify(r)).toBe(true);

    // The reveal's personal views reach every student, on every process, and both connections of the twin.
    expect((await host.command(session.sessionId, { type: "reveal" })).ok).toBe(true);
    await untilAll([...students, twin], (s) => s.view?.phase.type === "reveal" && s.view.me.lastResult !== null, "each result");
    expect(twin.view?.me.participantId).toBe(onB[0]!.view?.me.participantId);
    expect(twin.view?.me.lastResult).toEqual(onB[0]!.view?.me.lastResult);

    // Every view the holder sent has been received...
    await until(() => stats(b).received + stats(c).received === stats(a).sent, "every view sent to be received");
    // ...the holder sent one per participant connected elsewhere: B's three (to B), C's three and the twin (to C)...
    expect(stats(a).sent).toBe(7);
    expect(stats(b).received).toBe(3);
    expect(stats(c).received).toBe(4);
    // ...and no process got a view for a participant it has no connection of (sent to all, B would have got
    // C's three and the twin's, C B's other two). The holder sends to itself nothing: its sockets are local.
    expect(stats(b).receivedWithoutConnection).toBe(0);
    expect(stats(c).receivedWithoutConnection).toBe(0);
    expect(stats(a).received).toBe(0);

    // A kick still reaches the connections on the other processes, after the views (same Redis connections).
    const kicked = onB[1]!;
    expect((await host.command(session.sessionId, { type: "kick", participantId: kicked.view!.me.participantId })).ok).toBe(true);
    await kicked.until(() => kicked.kicked !== null, "the kick on B");
    expect(kicked.kicked).toBe("The instructor removed you from this session.");
  });
});
