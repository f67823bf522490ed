import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type PrismaClient } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { tempDir } from "./helpers";

describe("migrateDatabase + createPrisma", () => {
  const t = tempDir();
  const url = `file:${path.join(t.dir, "nested", "test.db")}`;
  let prisma: PrismaClient;

  beforeAll(async () => {
    expect(await migrateDatabase(url)).toEqual([expect.stringMatching(/^\d{14}_init$/)]);
    prisma = createPrisma(url);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    t.cleanup();
  });

  it("is idempotent", async () => {
    expect(await migrateDatabase(url)).toEqual([]);
  });

  it("sets the connection pragmas", async () => {
    const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>("PRAGMA foreign_keys");
    expect(Number(Object.values(rows[0] ?? {})[0])).toBe(1);
    const mode = await prisma.$queryRawUnsafe<Record<string, unknown>[]>("PRAGMA journal_mode");
    expect(Object.values(mode[0] ?? {})[0]).toBe("wal");
    const busy = await prisma.$queryRawUnsafe<Record<string, unknown>[]>("PRAGMA busy_timeout");
    expect(Number(Object.values(busy[0] ?? {})[0])).toBe(5000);
  });

  it("cascades deletes through foreign keys", async () => {
    const i = await prisma.instructor.create({ data: { email: "a@b.c", name: "A", passwordHash: "x" } });
    await prisma.deck.create({
      data: { instructorId: i.id, title: "D", activities: { create: [{ position: 0, kind: "pitfall", scenarioId: "s" }] } },
    });
    await prisma.instructor.delete({ where: { id: i.id } });
    expect(await prisma.deck.count()).toBe(0);
    expect(await prisma.deckActivity.count()).toBe(0);
  });
});
