import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack, HostView, ParticipantView } from "@/lib/contract";
import { createTestDb, seedSession, TestClient, untilAll, type TestDb } from "./support/harness";
import { startRedis, type TestRedis } from "./support/redis-server";
import { JOIN_CODE_ALPHABET } from "@/lib/quiz/join-code";
import { bucketTtlMs } from "@/server/rate-limit";
import type { RealtimeLimits } from "@/server/realtime";
import { createClient } from "redis";
import { TEST_SCENARIOS } from "./support/test-catalog";

/**
 * Issue 6, "Beyond one machine": two server processes share Redis (socket.io's Redis adapter + one holder per
 * session) and one database. Students of ONE session sit on both; the question reaches all of them, every answer
 * is acked and counted once (also when the same student tries again on the other process), the scores are in the
 * database, the instructor's dashboard counts answers from both, and when the holder dies the other process
 * takes the session over from the database.
 *
 * The test starts Debian's redis-server itself (scripts/test.sh and .ci/run install it).
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const children: ChildProcess[] = [];
const clients: TestClient[] = [];
let redis: TestRedis | null = null;
let db: TestDb;

async function startChild(env: Record<string, string> = {}): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "tests/integration/support/child-server.ts")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: db.url, REDIS_URL: redis!.url, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`child exited with ${code} before listening`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

function client(base: string, opts: { token?: string; cookie?: string } = {}): TestClient {
  const c = new TestClient(base, opts);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  redis = await startRedis();
  db = await createTestDb();
});

afterAll(async () => {
  for (const c of clients) c.close();
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await redis?.kill();
  await db?.cleanup();
});

const PITFALL_A = { activityIndex: 0, answer: { kind: "pitfall", choiceId: "a" } } as const;

async function stop(...processes: { child: ChildProcess }[]): Promise<void> {
  await Promise.all(
    processes.map(({ child }) => {
      if (child.exitCode !== null) return null;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      return exited;
    }),
  );
}

describe("several server processes on one Redis", () => {
  it("gives a client address ONE wrong-code budget across processes: join-code guessing spread over both is bounded", async () => {
    const capacity = 6;
    const limits: Partial<RealtimeLimits> = {
      joinPerIp: { capacity: 1000, refillPerSec: 100 },
      // Refills one token in ~17 minutes: none comes back during the test.
      badCodePerIp: { capacity, refillPerSec: 0.001 },
      answersPerParticipant: { capacity: 20, refillPerSec: 10 },
    };
    const session = await seedSession(db.prisma);
    const env = { TEST_LIMITS: JSON.stringify(limits) };
    const [a, b] = await Promise.all([startChild(env), startChild(env)]);
    // The class's first student joins on A before anyone mistypes (every client here is 127.0.0.1).
    const first = client(a.base);
    await first.connected();
    expect((await first.join(session.code, "First")).ok).toBe(true);
    const guessers = [client(a.base), client(b.base)];
    await Promise.all(guessers.map((g) => g.connected()));

    // Four budgets' worth of well-formed codes that open no session, alternating between the processes.
    const wrong = [...JOIN_CODE_ALPHABET].map((c) => `${c}${c}${c}${c}${c}${c}`).filter((code) => code !== session.code);
    const refused: string[][] = [[], []];
    let notFound = 0;
    for (let i = 0; i < 4 * capacity; i++) {
      const r = await guessers[i % 2]!.join(wrong[i]!, `Guess ${i}`);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      if (r.error.code === "NOT_FOUND") notFound++;
      else refused[i % 2]!.push(`${r.error.code}: ${r.error.message}`);
    }
    // Per process, each would have allowed `capacity`: 2 × 6 = 12. Shared, the address gets 6 in all.
    expect(notFound).toBe(capacity);
    for (const onProcess of refused) {
      expect(onProcess.length).toBeGreaterThan(0);
      expect(new Set(onProcess)).toEqual(new Set(["RATE_LIMITED: Too many wrong codes; wait a minute."]));
    }

    // The bucket is one Redis key per address, with a TTL (a missing key is a full bucket).
    const redisClient = createClient({ url: redis!.url });
    await redisClient.connect();
    try {
      const keys = await redisClient.keys("irsa:rl:badcode:*");
      expect(keys).toHaveLength(1);
      const ttl = await redisClient.pTTL(keys[0]!);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(bucketTtlMs(limits.badCodePerIp!));
    } finally {
      await redisClient.close();
    }

    // Past the budget, the address still reaches the session it joined (on A), on both processes; another live
    // session — one a guess might hit — is refused on both, like a wrong code.
    const other = await seedSession(db.prisma);
    for (const g of guessers) {
      const hit = await g.join(other.code, `Hit ${guessers.indexOf(g)}`);
      expect(hit.ok ? "ok" : hit.error.code).toBe("RATE_LIMITED");
    }
    for (const g of guessers) expect((await g.join(session.code, `Right ${guessers.indexOf(g)}`)).ok).toBe(true);
    await stop(a, b);
    // The next tests start with this address's budgets full again.
    const cleanup = createClient({ url: redis!.url });
    await cleanup.connect();
    try {
      const keys = await cleanup.keys("irsa:rl:*");
      if (keys.length) await cleanup.del(keys);
    } finally {
      await cleanup.close();
    }
  });

  it("stops counting the connections of a process killed for good: its students show offline until they come back", async () => {
    const session = await seedSession(db.prisma);
    const [a, c] = await Promise.all([startChild(), startChild()]);
    const host = client(a.base, { cookie: session.cookie });
    await host.connected();
    expect((await host.emit<HostView>("host:watch", { sessionId: session.sessionId })).ok).toBe(true);
    const onA = client(a.base);
    const onC = [client(c.base), client(c.base)];
    await Promise.all([onA, ...onC].map((s) => s.connected()));
    for (const [i, s] of [onA, ...onC].entries()) expect((await s.join(session.code, `Kid ${i}`)).ok).toBe(true);
    const online = () => new Set(host.hostView?.participants.filter((p) => p.connected).map((p) => p.nickname));
    await host.until(() => online().size === 3, "3 connected on the dashboard");

    // C dies and never comes back: nothing tells the holder (A) that its two students are gone but the sweep.
    await stop(c);
    // The sweep runs every third of the lease (10 s) and needs two misses in a row: within the lease.
    await host.until(() => online().size === 1, "C's students shown offline", 15_000);
    expect([...online()]).toEqual(["Kid 0"]);

    // One of them reconnects on A with its token: counted again, once.
    const back = client(a.base, { token: onC[0]!.token! });
    await back.connected();
    await host.until(() => online().size === 2, "the returning student shown online");
    expect(online()).toEqual(new Set(["Kid 0", "Kid 1"]));
    await stop(a);
  }, 40_000);

  it("shares one session across two processes: broadcasts, answers counted once, scores, dashboard, takeover", async () => {
    const session = await seedSession(db.prisma, {
      deck: [
        { scenarioId: TEST_SCENARIOS[0]!, kind: "pitfall", timeLimitSec: 120, pointsMultiplier: 1 },
        { scenarioId: TEST_SCENARIOS[1]!, kind: "pitfall", timeLimitSec: 120, pointsMultiplier: 1 },
      ],
    });
    const [a, b] = await Promise.all([startChild(), startChild()]);

    // The instructor watches on A (A becomes the session's holder); students join on both.
    const host = client(a.base, { cookie: session.cookie });
    await host.connected();
    expect((await host.emit<HostView>("host:watch", { sessionId: session.sessionId })).ok).toBe(true);
    const onA = Array.from({ length: 4 }, () => client(a.base));
    const onB = Array.from({ length: 4 }, () => client(b.base));
    const students = [...onA, ...onB];
    await Promise.all(students.map((s) => s.connected()));
    const joins = await Promise.all(students.map((s, i) => s.join(session.code, `Kid ${i}`)));
    for (const j of joins) expect(j.ok, JSON.stringify(j)).toBe(true);
    // A nickname is unique across processes (the holder decides).
    const clash = client(b.base);
    await clash.connected();
    const taken = await clash.join(session.code, "kid 0");
    expect(taken.ok || taken.error.code).toBe("NICKNAME_TAKEN");

    await host.until(() => host.hostView?.participants.filter((p) => p.connected).length === 8, "8 connected on the dashboard");

    // Broadcast: the question reaches the students of both processes.
    expect((await host.command(session.sessionId, { type: "start" })).ok).toBe(true);
    await untilAll(students, (s) => s.view?.phase.type === "question", "the first question on both processes");

    // Answers from both processes, each acked once committed.
    const acks = await Promise.all(students.map((s) => s.answer(PITFALL_A)));
    for (const r of acks) expect(r.ok, JSON.stringify(r)).toBe(true);

    // The same student again, on the other process: refused, not counted.
    const again = client(a.base, { token: onB[0]!.token! });
    await again.connected();
    const retry = await again.answer(PITFALL_A);
    expect(retry.ok ? "accepted" : retry.error.code).toBe("ALREADY_ANSWERED");

    // The reveal's personal views (result, score) reach the students of the other process too; scores match the DB.
    expect((await host.command(session.sessionId, { type: "reveal" })).ok).toBe(true);
    await untilAll(students, (s) => s.view?.phase.type === "reveal" && s.view.me.lastResult !== null, "the reveal with each result");
    const participants = await db.prisma.participant.findMany({ where: { sessionId: session.sessionId } });
    for (const s of students) {
      const me = (s.view as ParticipantView).me;
      expect(me.score).toBe(participants.find((p) => p.id === me.participantId)!.score);
    }
    expect(participants.filter((p) => p.score > 0).length).toBeGreaterThan(0);

    // The second question: one student sends the same answer on both processes at once; exactly one counts.
    expect((await host.command(session.sessionId, { type: "next" })).ok).toBe(true);
    await untilAll(students, (s) => s.view?.phase.type === "question" && s.view.phase.activityIndex === 1, "question 2");
    const twin = client(b.base, { token: onA[1]!.token! });
    await twin.connected();
    const second = { activityIndex: 1, answer: { kind: "pitfall", choiceId: "a" } } as const;
    const race = await Promise.all([onA[1]!.answer(second), twin.answer(second)]);
    expect(race.filter((r: Ack<unknown>) => r.ok)).toHaveLength(1);

    // The dashboard counts the answers from both processes.
    await host.until(() => host.hostView?.progress?.answered === 1, "the dashboard counting question 2's answer");
    const rows = await db.prisma.response.findMany({ where: { sessionId: session.sessionId } });
    expect(rows.filter((r) => r.activityIndex === 0)).toHaveLength(8);
    expect(rows.filter((r) => r.activityIndex === 1)).toHaveLength(1);
    expect(new Set(rows.map((r) => `${r.participantId}:${r.activityIndex}`)).size).toBe(rows.length);

    expect((await host.command(session.sessionId, { type: "reveal" })).ok).toBe(true);
    await untilAll(students, (s) => s.view?.phase.type === "reveal" && s.view.phase.activityIndex === 1, "the second reveal");
    await untilAll([onA[1]!, twin], (s) => s.view?.me.lastResult !== null, "the result of question 2 on both connections");

    // The holder (A) dies. B's students stay connected; B takes the session over from the database.
    a.child.kill("SIGKILL");
    await new Promise((r) => a.child.once("exit", r));
    const sync = await onB[0]!.emit<ParticipantView>("session:sync", {});
    expect(sync.ok, JSON.stringify(sync)).toBe(true);
    const host2 = client(b.base, { cookie: session.cookie });
    await host2.connected();
    const watched = await host2.emit<HostView>("host:watch", { sessionId: session.sessionId });
    expect(watched.ok && watched.data.phase.type).toBe("reveal");
    expect(watched.ok && watched.data.progress?.answered).toBe(1);
    expect((await host2.command(session.sessionId, { type: "end" })).ok).toBe(true);
    await untilAll(onB, (s) => s.view?.phase.type === "ended", "the end on B after the takeover");
    const ended = await db.prisma.liveSession.findUniqueOrThrow({ where: { id: session.sessionId } });
    expect(ended.status).toBe("ended");
  });
});
