import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HostView, ParticipantView } from "@/lib/contract";
import { createCatalog } from "@/lib/activities/catalog";
import type { AppServer } from "@/server/app-server";
import { createTestDb, seedSession, startTestServer, TestClient, TestClock, untilAll, type TestDb } from "./support/harness";

/**
 * The lab's kinds in a live session on the real server with the real scenario bank: a flow replay the
 * instructor steps through (one shared `session:phase` per step, no step status before the reveal), a
 * chain fix judged by the simulator per submission (its verdict shown to its author), a node-role
 * multi-select with partial credit.
 */
describe("activity kinds live: flow replay in sync, chain-fix verdicts, node-role credit", () => {
  let db: TestDb;
  let server: AppServer;
  let session: Awaited<ReturnType<typeof seedSession>>;
  let host: TestClient;
  let a: TestClient;
  let b: TestClient;
  const clock = new TestClock();

  beforeAll(async () => {
    db = await createTestDb();
    session = await seedSession(db.prisma, {
      deck: [
        { scenarioId: "pitfalls/17-audience-typo", kind: "flow-replay", timeLimitSec: 30, pointsMultiplier: 1 },
        { scenarioId: "pitfalls/20-sub-namespace-typo", kind: "chain-fix", timeLimitSec: 30, pointsMultiplier: 1 },
        { scenarioId: "node-role/frontend-after", kind: "node-role", timeLimitSec: 30, pointsMultiplier: 1 },
      ],
    });
    server = await startTestServer(db.prisma, { clock, catalog: await createCatalog() });
    host = new TestClient(server.url, { cookie: session.cookie });
    a = new TestClient(server.url);
    b = new TestClient(server.url);
    await Promise.all([host.connected(), a.connected(), b.connected()]);
    expect((await host.emit<HostView>("host:watch", { sessionId: session.sessionId })).ok).toBe(true);
    expect((await a.join(session.code, "Ada")).ok).toBe(true);
    expect((await b.join(session.code, "Bob")).ok).toBe(true);
  }, 60_000);

  afterAll(async () => {
    for (const c of [host, a, b]) c?.close();
    await server?.close();
    await db?.cleanup();
  });

  const phase = (c: TestClient) => (c.view as ParticipantView).phase;

  it("flow-replay: predictions before the replay; no step status leaks before the reveal", async () => {
    expect((await host.command(session.sessionId, { type: "start" })).ok).toBe(true);
    await untilAll([a, b], (c) => phase(c).type === "question", "question 1");
    const early = await host.command(session.sessionId, { type: "replayStep", step: 1 });
    expect(!early.ok && early.error.code).toBe("CONFLICT");

    expect((await a.answer({ activityIndex: 0, answer: { kind: "flow-replay", step: 5, errorCode: "InvalidIdentityToken" } })).ok).toBe(true);
    expect((await b.answer({ activityIndex: 0, answer: { kind: "flow-replay", step: 6 } })).ok).toBe(true);
    // Everything a phone received so far: labels of the nine steps, never how they ran.
    for (const c of [a, b]) {
      const seen = c.frames.map((f) => f.raw).join("\n");
      expect(seen).not.toMatch(/"status":"(ok|fail|skipped|warn)"/);
      expect(seen).not.toContain('"correct":{"kind":"flow-replay"');
    }
  });

  it("flow-replay: the instructor steps the replay; every phone follows with one shared update per step", async () => {
    expect((await host.command(session.sessionId, { type: "reveal" })).ok).toBe(true);
    await untilAll([a, b], (c) => phase(c).type === "reveal", "reveal 1");
    const p0 = phase(a);
    expect(p0.type === "reveal" && p0.replayStep).toBe(0);
    expect(a.view?.me.lastResult?.correct).toBe(true);
    expect(b.view?.me.lastResult?.correct).toBe(false);

    const sharedBefore = a.events.filter((e) => e.event === "session:phase").length;
    for (const step of [1, 2, 5]) {
      const r = await host.command(session.sessionId, { type: "replayStep", step });
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.data.phase.type === "reveal" && r.data.phase.replayStep).toBe(step);
      await untilAll([a, b], (c) => { const p = phase(c); return p.type === "reveal" && p.replayStep === step; }, `replay step ${step}`);
    }
    expect(a.events.filter((e) => e.event === "session:phase").length - sharedBefore).toBe(3);
    // The personal part survives the shared updates.
    expect(a.view?.me.lastResult?.correct).toBe(true);
    const p = phase(b);
    expect(p.type === "reveal" && p.reveal.steps?.find((s) => s.n === 5)?.status).toBe("fail");

    const bad = await host.command(session.sessionId, { type: "replayStep", step: 10 } as never);
    expect(!bad.ok && bad.error.code).toBe("INVALID_PAYLOAD");
  });

  it("chain-fix: the simulator judges each submission and tells its author why", async () => {
    expect((await host.command(session.sessionId, { type: "next" })).ok).toBe(true);
    await untilAll([a, b], (c) => phase(c).type === "question" && (c.view as ParticipantView).phase.type === "question" && (phase(c) as { activityIndex: number }).activityIndex === 1, "question 2");
    const notReplay = await host.command(session.sessionId, { type: "replayStep", step: 1 });
    expect(!notReplay.ok && notReplay.error.code).toBe("CONFLICT");
    expect((await a.answer({ activityIndex: 1, answer: { kind: "chain-fix", fields: { subValue: "system:serviceaccount:payments:billing-svc" } } })).ok).toBe(true);
    expect((await b.answer({ activityIndex: 1, answer: { kind: "chain-fix", fields: { saName: "billing" } } })).ok).toBe(true);
    // During the question no verdict reaches the phone.
    expect(a.frames.map((f) => f.raw).join("\n")).not.toContain("With your fields");
    expect((await host.command(session.sessionId, { type: "reveal" })).ok).toBe(true);
    await untilAll([a, b], (c) => phase(c).type === "reveal" && c.view?.me.lastResult !== null, "reveal 2");
    expect(a.view?.me.lastResult).toMatchObject({ correct: true, verdict: expect.stringContaining("succeeds") as unknown });
    expect(b.view?.me.lastResult).toMatchObject({ correct: false, verdict: expect.stringMatching(/fails at step \d/) as unknown });
    const p = phase(a);
    expect(p.type === "reveal" && "replayStep" in p).toBe(false);
  });

  it("node-role: partial credit reaches the phone and the score", async () => {
    expect((await host.command(session.sessionId, { type: "next" })).ok).toBe(true);
    await untilAll([a, b], (c) => phase(c).type === "question" && (phase(c) as { activityIndex: number }).activityIndex === 2, "question 3");
    expect((await a.answer({ activityIndex: 2, answer: { kind: "node-role", selected: ["assets-read"] } })).ok).toBe(true);
    expect((await b.answer({ activityIndex: 2, answer: { kind: "node-role", selected: ["assets-read", "users-read"] } })).ok).toBe(true);
    expect((await host.command(session.sessionId, { type: "reveal" })).ok).toBe(true);
    await untilAll([a, b], (c) => phase(c).type === "reveal" && c.view?.me.lastResult !== null, "reveal 3");
    expect(a.view?.me.lastResult).toMatchObject({ correct: true });
    expect(a.view?.me.lastResult?.credit).toBeUndefined();
    expect(b.view?.me.lastResult).toMatchObject({ correct: false, credit: 0.5 });
    expect(b.view?.me.lastResult?.points).toBeGreaterThan(0);

    const rows = await db.prisma.response.findMany({ where: { sessionId: session.sessionId }, orderBy: [{ activityIndex: "asc" }] });
    expect(rows).toHaveLength(6);
  });
});
