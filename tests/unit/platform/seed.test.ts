import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { DEMO_DECK_TITLE } from "@/lib/db/decks";
import { DEMO_INSTRUCTOR, seedDatabase } from "@/prisma/seed";
import { useTempDatabase } from "./helpers";

let db: Awaited<ReturnType<typeof useTempDatabase>>;
beforeAll(async () => {
  db = await useTempDatabase();
});
afterAll(() => db.cleanup());

describe("seedDatabase", () => {
  it("creates the demo deck and the demo instructor on an empty database", async () => {
    const result = await seedDatabase(db.prisma);
    expect(result.demoInstructor).toEqual({ email: "demo@irsa.local", password: "irsa-demo-password" });
    const deck = await db.prisma.deck.findUniqueOrThrow({
      where: { id: result.demoDeckId },
      include: { activities: { orderBy: { position: "asc" } } },
    });
    expect(deck.instructorId).toBeNull();
    expect(deck.title).toBe(DEMO_DECK_TITLE);
    expect(new Set(deck.activities.map((a) => a.kind))).toEqual(new Set(["pitfall", "which-step"]));
    expect(deck.activities.map((a) => a.position)).toEqual(deck.activities.map((_, i) => i));
    const demo = await db.prisma.instructor.findUniqueOrThrow({ where: { email: DEMO_INSTRUCTOR.email } });
    expect(await verifyPassword(DEMO_INSTRUCTOR.password, demo.passwordHash)).toBe(true);
  });

  it("is idempotent", async () => {
    const first = await db.prisma.deck.findFirstOrThrow({ where: { instructorId: null } });
    const again = await seedDatabase(db.prisma);
    expect(again.demoDeckId).toBe(first.id);
    expect(again.demoInstructor).toBeNull();
    expect(await db.prisma.deck.count({ where: { instructorId: null } })).toBe(1);
    expect(await db.prisma.instructor.count()).toBe(1);
  });

  it("does not create the demo instructor when instructors exist", async () => {
    await db.prisma.instructor.deleteMany();
    await db.prisma.instructor.create({ data: { email: "real@example.org", name: "Real", passwordHash: "x" } });
    expect((await seedDatabase(db.prisma)).demoInstructor).toBeNull();
    expect(await db.prisma.instructor.count({ where: { email: DEMO_INSTRUCTOR.email } })).toBe(0);
  });
});
