import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { Ack, HostView } from "@/lib/contract";
import { createTestDb, seedSession, TestClient, untilAll, type TestDb } from "./support/harness";
import { TEST_SCENARIOS } from "./support/test-catalog";

/**
 * Issue 6, "Faults": the server process is killed with SIGKILL in the middle of a question while answers are in
 * flight. Every answer that was acknowledged is in the database; a new process resumes the session; students
 * come back with their tokens and find their scores.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const children: ChildProcess[] = [];
const clients: TestClient[] = [];
let db: TestDb;

async function startChild(url: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "tests/integration/support/child-server.ts")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
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

afterAll(async () => {
  for (const c of clients) c.close();
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await db?.cleanup();
});

describe("SIGKILL mid-question", () => {
  it("keeps every acknowledged answer and resumes", async () => {
    db = await createTestDb();
    const session = await seedSession(db.prisma, {
      deck: [{ scenarioId: TEST_SCENARIOS[0]!, kind: "pitfall", timeLimitSec: 120, pointsMultiplier: 1 }],
    });
    const first = await startChild(db.url);
    const host = new TestClient(first.base, { cookie: session.cookie });
    clients.push(host);
    await host.connected();
    expect((await host.emit("host:watch", { sessionId: session.sessionId })).ok).toBe(true);
    const students = Array.from({ length: 12 }, () => new TestClient(first.base));
    clients.push(...students);
    await Promise.all(students.map((s) => s.connected()));
    await Promise.all(students.map((s, i) => s.join(session.code, `Kid ${i}`)));
    expect((await host.command(session.sessionId, { type: "start" })).ok).toBe(true);
    await untilAll(students, (s) => s.view?.phase.type === "question", "the question");

    // Half answer and get their acks; the other half answer while the process is killed.
    const acked: number[] = [];
    await Promise.all(
      students.slice(0, 6).map(async (s, i) => {
        const r = await s.answer({ activityIndex: 0, answer: { kind: "pitfall", choiceId: "a" } });
        if (r.ok) acked.push(i);
      }),
    );
    const inFlight = students.slice(6).map((s, j) =>
      s.answer({ activityIndex: 0, answer: { kind: "pitfall", choiceId: "a" } }).then((r: Ack<unknown>) => {
        if (r.ok) acked.push(6 + j);
      }),
    );
    await new Promise((r) => setTimeout(r, 3));
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));
    void Promise.allSettled(inFlight);
    expect(acked.length).toBeGreaterThanOrEqual(6);

    const participants = await db.prisma.participant.findMany({ where: { sessionId: session.sessionId } });
    const idOf = (i: number) => participants.find((p) => p.nickname === `Kid ${i}`)!.id;
    const rows = await db.prisma.response.findMany({ where: { sessionId: session.sessionId } });
    for (const i of acked) expect(rows.some((r) => r.participantId === idOf(i)), `acked answer of Kid ${i}`).toBe(true);

    const second = await startChild(db.url);
    const back = students.map((s) => new TestClient(second.base, { token: s.token! }));
    clients.push(...back);
    await Promise.all(back.map((s) => s.connected()));
    await untilAll(back, (s) => s.view?.phase.type === "question", "the same question after the restart");
    const scores = await db.prisma.participant.findMany({ where: { sessionId: session.sessionId } });
    for (const [i, s] of back.entries()) {
      expect(s.view!.me.score).toBe(scores.find((p) => p.id === idOf(i))!.score);
      if (acked.includes(i)) expect(s.view!.me.answered).toEqual({ kind: "pitfall", choiceId: "a" });
    }
    const host2 = new TestClient(second.base, { cookie: session.cookie });
    clients.push(host2);
    await host2.connected();
    const view = await host2.emit<HostView>("host:watch", { sessionId: session.sessionId });
    expect(view.ok && view.data.progress?.answered).toBe(rows.length);
    second.child.kill("SIGKILL");
  });
});
