import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnswerWriter, type AnswerRecord } from "@/lib/db/answer-writer";
import { createTestDb, seedSession, type TestDb } from "./support/harness";

let db: TestDb;
let sessionId: string;
let participantIds: string[];

beforeAll(async () => {
  db = await createTestDb();
  sessionId = (await seedSession(db.prisma)).sessionId;
  await db.prisma.participant.createMany({ data: Array.from({ length: 500 }, (_, i) => ({ sessionId, nickname: `p${i}` })) });
  participantIds = (await db.prisma.participant.findMany({ where: { sessionId }, orderBy: { nickname: "asc" } })).map((p) => p.id);
});
afterAll(() => db.cleanup());

const record = (participantId: string, activityIndex: number, score: number): AnswerRecord => ({
  sessionId,
  participantId,
  activityIndex,
  answer: { kind: "pitfall", choiceId: "a" },
  correct: true,
  points: score,
  streakBonus: 0,
  timeTakenMs: 1234,
  scoreAfter: score,
  streakAfter: 1,
});

describe("AnswerWriter", () => {
  it("commits 500 concurrent answers in a few batches; each promise resolves once its row is in the database", async () => {
    const writer = new AnswerWriter(db.prisma, { tickMs: 10, maxBatch: 200, onError: () => undefined });
    await Promise.all(
      participantIds.map(async (id, i) => {
        await writer.write(record(id, 0, 100 + i));
        // Resolved means committed: the row and the new score are visible.
        const p = await db.prisma.participant.findUniqueOrThrow({ where: { id } });
        expect(p.score).toBe(100 + i);
      }),
    );
    expect(writer.stats.answers).toBe(500);
    expect(writer.stats.batches).toBeLessThanOrEqual(5);
    expect(writer.stats.maxBatch).toBeLessThanOrEqual(200);
    expect(await db.prisma.response.count({ where: { sessionId, activityIndex: 0 } })).toBe(500);
    await writer.close();
  });

  it("a bad record fails alone: the database's unique (participant, activity) refuses a double answer", async () => {
    const writer = new AnswerWriter(db.prisma, { tickMs: 10, onError: () => undefined });
    const results = await Promise.allSettled([
      writer.write(record(participantIds[0]!, 0, 1)), // already answered activity 0
      writer.write(record(participantIds[1]!, 1, 2)),
      writer.write(record(participantIds[2]!, 1, 3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    expect(await db.prisma.response.count({ where: { sessionId, activityIndex: 1 } })).toBe(2);
    await writer.close();
    await expect(writer.write(record(participantIds[3]!, 1, 4))).rejects.toThrow(/closed/);
  });

  it("close() flushes what is queued", async () => {
    const writer = new AnswerWriter(db.prisma, { tickMs: 10_000, onError: () => undefined });
    const pending = writer.write(record(participantIds[5]!, 2, 9));
    expect(writer.pending).toBe(1);
    await writer.close();
    await pending;
    expect(await db.prisma.response.count({ where: { sessionId, activityIndex: 2 } })).toBe(1);
  });
});
