import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ANSWER_WRITER_ENV,
  AnswerWorkerExitedError,
  AnswerWriter,
  SqliteCommitError,
  type AnswerRecord,
  type AnswerWriterMode,
} from "@/lib/db/answer-writer";
import { sqlitePathFromUrl } from "@/lib/db/client";
import { createTestDb, seedSession, type TestDb } from "./support/harness";

let db: TestDb;
const postgres = Boolean(process.env.TEST_POSTGRES_URL);

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => db.cleanup());

/** A live session with `n` participants, ordered by nickname. */
async function seedParticipants(n: number): Promise<{ sessionId: string; participantIds: string[] }> {
  const sessionId = (await seedSession(db.prisma)).sessionId;
  await db.prisma.participant.createMany({ data: Array.from({ length: n }, (_, i) => ({ sessionId, nickname: `p${String(i).padStart(4, "0")}` })) });
  const participantIds = (await db.prisma.participant.findMany({ where: { sessionId }, orderBy: { nickname: "asc" } })).map((p) => p.id);
  return { sessionId, participantIds };
}

const record = (sessionId: string, participantId: string, activityIndex: number, score: number, choiceId = "a"): AnswerRecord => ({
  sessionId,
  participantId,
  activityIndex,
  answer: { kind: "pitfall", choiceId },
  correct: true,
  points: score,
  streakBonus: 0,
  timeTakenMs: 1234,
  scoreAfter: score,
  streakAfter: 1,
});

// Both modes on SQLite. On PostgreSQL the writer is inline whatever is asked (the pg driver's I/O is async already).
describe.each<AnswerWriterMode>(["worker", "inline"])("AnswerWriter (%s)", (mode) => {
  let sessionId: string;
  let participantIds: string[];
  const rec = (i: number, activityIndex: number, score: number) => record(sessionId, participantIds[i]!, activityIndex, score);

  beforeAll(async () => {
    ({ sessionId, participantIds } = await seedParticipants(500));
  });

  it("commits 500 concurrent answers in a few batches; each promise resolves once its row is in the database", async () => {
    const writer = new AnswerWriter(db.prisma, { tickMs: 10, maxBatch: 200, onError: () => undefined, mode });
    expect(writer.mode).toBe(postgres ? "inline" : mode);
    await Promise.all(
      participantIds.map(async (id, i) => {
        await writer.write(record(sessionId, id, 0, 100 + i));
        // Resolved means committed: the row and the new score are visible (from the server's own connection).
        const p = await db.prisma.participant.findUniqueOrThrow({ where: { id } });
        expect(p.score).toBe(100 + i);
      }),
    );
    expect(writer.stats.answers).toBe(500);
    expect(writer.stats.batches).toBeLessThanOrEqual(5);
    expect(writer.stats.maxBatch).toBeLessThanOrEqual(200);
    expect(await db.prisma.response.count({ where: { sessionId, activityIndex: 0 } })).toBe(500);
    // The rows read back through Prisma as Prisma's own writes do (booleans, dates, JSON text).
    const row = await db.prisma.response.findFirstOrThrow({ where: { sessionId, participantId: participantIds[7]! } });
    expect(row).toMatchObject({ activityIndex: 0, correct: true, points: 107, timeTakenMs: 1234, pickedStep: null });
    expect(row.createdAt).toBeInstanceOf(Date);
    expect(JSON.parse(row.answer)).toEqual({ kind: "pitfall", choiceId: "a" });
    await writer.close();
  });

  it("a bad record fails alone: the database's unique (participant, activity) refuses a double answer", async () => {
    const errors: string[] = [];
    const writer = new AnswerWriter(db.prisma, { tickMs: 10, onError: (_e, context) => errors.push(context), mode });
    const results = await Promise.allSettled([
      writer.write(rec(0, 0, 1)), // already answered activity 0
      writer.write(rec(1, 1, 2)),
      writer.write(rec(2, 1, 3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    expect(errors).toEqual(["commit of a batch of 3 failed; retrying one by one", "commit of one answer failed"]);
    if (writer.mode === "worker") {
      const reason = (results[0] as PromiseRejectedResult).reason as unknown;
      expect(reason).toBeInstanceOf(SqliteCommitError);
      expect((reason as SqliteCommitError).code).toBe("SQLITE_CONSTRAINT_UNIQUE");
    }
    expect(await db.prisma.response.count({ where: { sessionId, activityIndex: 1 } })).toBe(2);
    // The failed batch changed nobody's score: the retry committed the two good answers only.
    expect((await db.prisma.participant.findUniqueOrThrow({ where: { id: participantIds[0]! } })).score).toBe(100);
    expect((await db.prisma.participant.findUniqueOrThrow({ where: { id: participantIds[2]! } })).score).toBe(3);
    await writer.close();
    await expect(writer.write(rec(3, 1, 4))).rejects.toThrow(/closed/);
  });

  it("close() flushes what is queued", async () => {
    const writer = new AnswerWriter(db.prisma, { tickMs: 10_000, onError: () => undefined, mode });
    const pending = writer.write(rec(5, 2, 9));
    expect(writer.pending).toBe(1);
    await writer.close();
    await pending;
    expect(await db.prisma.response.count({ where: { sessionId, activityIndex: 2 } })).toBe(1);
  });

  it("close() drains everything: the batch being committed and all that queued behind it", async () => {
    const writer = new AnswerWriter(db.prisma, { tickMs: 1, maxBatch: 50, onError: () => undefined, mode });
    const first = participantIds.slice(0, 120).map((_, i) => writer.write(rec(i, 3, 1000 + i)));
    // Let the first batch start, then queue more behind it and close at once.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = participantIds.slice(120, 300).map((_, i) => writer.write(rec(120 + i, 3, 2000 + i)));
    await writer.close();
    const settled = await Promise.allSettled([...first, ...second]);
    expect(settled.every((r) => r.status === "fulfilled")).toBe(true);
    expect(writer.pending).toBe(0);
    expect(await db.prisma.response.count({ where: { sessionId, activityIndex: 3 } })).toBe(300);
    expect(writer.stats.answers).toBe(300);
  });

  it("abandon() drops what is queued: nothing of it is acknowledged or written", async () => {
    const writer = new AnswerWriter(db.prisma, { tickMs: 10_000, onError: () => undefined, mode });
    let settled = false;
    void writer.write(rec(9, 4, 1)).finally(() => (settled = true));
    writer.abandon();
    await writer.flush();
    expect(settled).toBe(false);
    expect(await db.prisma.response.count({ where: { sessionId, activityIndex: 4 } })).toBe(0);
    await expect(writer.write(rec(10, 4, 1))).rejects.toThrow(/closed/);
  });
});

describe.skipIf(postgres)("AnswerWriter's worker thread (SQLite)", () => {
  let sessionId: string;
  let participantIds: string[];
  const rec = (i: number, activityIndex: number, score: number, choiceId?: string) =>
    record(sessionId, participantIds[i]!, activityIndex, score, choiceId);

  beforeAll(async () => {
    ({ sessionId, participantIds } = await seedParticipants(60));
  });

  it("is the default on an SQLite file; IRSA_ANSWER_WRITER=inline keeps the commit on the calling thread", async () => {
    const saved = process.env[ANSWER_WRITER_ENV];
    try {
      delete process.env[ANSWER_WRITER_ENV];
      expect(new AnswerWriter(db.prisma).mode).toBe("worker");
      process.env[ANSWER_WRITER_ENV] = "inline";
      expect(new AnswerWriter(db.prisma).mode).toBe("inline");
      expect(new AnswerWriter(db.prisma, { mode: "worker" }).mode).toBe("worker"); // the option wins
      process.env[ANSWER_WRITER_ENV] = "threads";
      expect(() => new AnswerWriter(db.prisma)).toThrow(`IRSA_ANSWER_WRITER must be "worker" or "inline" (got "threads")`);
    } finally {
      if (saved === undefined) delete process.env[ANSWER_WRITER_ENV];
      else process.env[ANSWER_WRITER_ENV] = saved;
    }
  });

  it("a worker that dies mid-batch rejects that batch's answers (none committed); the next batch commits on a new worker", async () => {
    const errors: { error: unknown; context: string }[] = [];
    const writer = new AnswerWriter(db.prisma, {
      tickMs: 10,
      mode: "worker",
      workerUrl: new URL("./support/crashing-answer-worker.mjs", import.meta.url),
      onError: (error, context) => errors.push({ error, context }),
    });
    // One batch: the worker runs its INSERT and UPDATE, then exits before COMMIT.
    const crashed = await Promise.allSettled([rec(0, 0, 10, "crash"), rec(1, 0, 20), rec(2, 0, 30)].map((r) => writer.write(r)));
    for (const r of crashed) {
      expect(r.status).toBe("rejected");
      const reason = (r as PromiseRejectedResult).reason as Error;
      expect(reason).toBeInstanceOf(AnswerWorkerExitedError);
      expect(reason.message).toMatch(/worker thread stopped \(exit code 3\) before confirming the commit/);
    }
    expect(errors.map((e) => e.context)).toEqual([
      "the answer worker stopped during a batch of 3; its answers are refused, a new worker takes the next batch",
    ]);
    expect(await db.prisma.response.count({ where: { sessionId, activityIndex: 0 } })).toBe(0);
    expect((await db.prisma.participant.findUniqueOrThrow({ where: { id: participantIds[1]! } })).score).toBe(0);

    // The crashed transaction left no lock behind: the next batch commits, the students' second tries included.
    await Promise.all([rec(1, 0, 21), rec(2, 0, 31), rec(3, 0, 41)].map((r) => writer.write(r)));
    expect(await db.prisma.response.count({ where: { sessionId, activityIndex: 0 } })).toBe(3);
    expect((await db.prisma.participant.findUniqueOrThrow({ where: { id: participantIds[1]! } })).score).toBe(21);
    await writer.close();
  });

  it("ready() proves the worker can commit, and falls back to the calling thread when it cannot", async () => {
    const ok = new AnswerWriter(db.prisma, { mode: "worker" });
    await ok.ready();
    expect(ok.mode).toBe("worker");
    await ok.close();

    const errors: string[] = [];
    const broken = new AnswerWriter(db.prisma, {
      tickMs: 10,
      mode: "worker",
      workerUrl: new URL("./support/no-such-answer-worker.mjs", import.meta.url),
      onError: (_error, context) => errors.push(context),
    });
    await broken.ready();
    expect(broken.mode).toBe("inline");
    expect(errors).toEqual(["the answer worker cannot commit; answers will be committed on the server's thread instead"]);
    // Answers are committed, not refused.
    await broken.write(rec(7, 6, 40));
    expect(await db.prisma.response.count({ where: { sessionId, activityIndex: 6 } })).toBe(1);
    await broken.close();
  });

  it("a worker that dies between COMMIT and its reply: the batch is in the database, so its answers are acked", async () => {
    const errors: string[] = [];
    const writer = new AnswerWriter(db.prisma, {
      tickMs: 10,
      mode: "worker",
      workerUrl: new URL("./support/crashing-answer-worker.mjs", import.meta.url),
      onError: (_error, context) => errors.push(context),
    });
    await Promise.all([rec(4, 5, 10, "crash-after-commit"), rec(5, 5, 20)].map((r) => writer.write(r)));
    expect(errors).toEqual(["the answer worker stopped right after committing a batch of 2; acked, a new worker takes the next batch"]);
    expect(await db.prisma.response.count({ where: { sessionId, activityIndex: 5 } })).toBe(2);
    // The next batch goes to a new worker.
    await writer.write(rec(6, 5, 30));
    expect(await db.prisma.response.count({ where: { sessionId, activityIndex: 5 } })).toBe(3);
    expect(writer.stats.answers).toBe(3);
    await writer.close();
  });

  it("waits out another connection's write lock (busy_timeout) instead of failing the batch", async () => {
    const writer = new AnswerWriter(db.prisma, { tickMs: 1, mode: "worker", onError: () => undefined });
    await writer.write(rec(10, 1, 1)); // the worker is up
    const other = new Database(sqlitePathFromUrl(db.url));
    try {
      other.exec("BEGIN IMMEDIATE");
      let committed = false;
      const writes = Promise.all([rec(11, 1, 2), rec(12, 1, 3)].map((r) => writer.write(r))).then(() => (committed = true));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(committed).toBe(false); // still waiting for the lock, not refused
      other.exec("COMMIT");
      await writes;
    } finally {
      other.close();
    }
    // Meanwhile the server's own connection writes too (as joins and phase saves do): neither side loses a write.
    await Promise.all([
      ...participantIds.slice(20, 50).map((_, i) => writer.write(rec(20 + i, 1, 100 + i))),
      ...participantIds.slice(50, 60).map((id, i) => db.prisma.participant.update({ where: { id }, data: { nickname: `renamed-${i}` } })),
    ]);
    expect(await db.prisma.response.count({ where: { sessionId, activityIndex: 1 } })).toBe(33);
    expect(await db.prisma.participant.count({ where: { sessionId, nickname: { startsWith: "renamed-" } } })).toBe(10);
    await writer.close();
  });
});
