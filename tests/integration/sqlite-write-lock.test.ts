import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlitePathFromUrl } from "@/lib/db/client";
import { createTestDb, type TestDb } from "./support/harness";

/**
 * The app's SQLite transactions take the write lock when they begin (lib/db/client.ts beginImmediate): with the
 * answer writer committing on its own connection, a transaction that read first and wrote second could not
 * upgrade after another connection's commit and failed with SQLITE_BUSY at once.
 */
describe.skipIf(Boolean(process.env.TEST_POSTGRES_URL))("SQLite transactions and a second connection (the answer writer's worker)", () => {
  let db: TestDb;
  let other: Database.Database;

  beforeAll(async () => {
    db = await createTestDb();
    // Another connection to the same file, as the worker has; it gives up on a lock after 50 ms.
    other = new Database(sqlitePathFromUrl(db.url), { timeout: 50 });
    other.pragma("journal_mode = WAL");
  });
  afterAll(async () => {
    other.close();
    await db.cleanup();
  });

  const insertFromOther = () =>
    other.prepare(`INSERT INTO "Instructor" ("id","email","name","passwordHash","createdAt") VALUES (?,?,?,?,?)`).run(
      crypto.randomUUID(),
      `${crypto.randomUUID()}@example.org`,
      "Other",
      "x",
      new Date().toISOString(),
    );

  it("a read-then-write transaction holds the write lock from its start, so another commit cannot slip in between", async () => {
    let otherError: unknown = null;
    await db.prisma.$transaction(async (tx) => {
      await tx.instructor.count();
      try {
        insertFromOther();
      } catch (error) {
        otherError = error;
      }
      await tx.instructor.create({ data: { email: "lead@example.org", name: "Lead", passwordHash: "x" } });
    });
    expect((otherError as { code?: string } | null)?.code).toMatch(/^SQLITE_BUSY/);
    expect(await db.prisma.instructor.count({ where: { email: "lead@example.org" } })).toBe(1);
  });

  it("the other connection writes again once the transaction ended", async () => {
    expect(() => insertFromOther()).not.toThrow();
  });
});
