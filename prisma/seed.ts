/**
 * Idempotent seed (npm run db:seed, run by `npm start` on every start):
 * - the shared, read-only demo deck (no owner) titled "IRSA on EKS — pitfalls demo";
 * - a demo instructor demo@irsa.local / irsa-demo-password, only while the database has no instructor at all.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DeckInput } from "@/lib/contract";
import { demoDeckActivities as bankDemoDeckActivities } from "@/lib/activities/catalog";
import { hashPassword } from "@/lib/auth/password";
import { createPrisma, type PrismaClient } from "@/lib/db/client";
import { ensureDemoDeck } from "@/lib/db/decks";
import { countInstructors, createInstructor } from "@/lib/db/instructors";

export const DEMO_INSTRUCTOR = { email: "demo@irsa.local", name: "Demo Instructor", password: "irsa-demo-password" } as const;

/** The demo deck's activities: a tour of the nine steps chosen from the scenario bank (lib/activities). */
export function demoDeckActivities(): DeckInput["activities"] {
  return bankDemoDeckActivities().map((a) => ({
    kind: a.kind,
    scenarioId: a.scenarioId,
    config: a.config,
    timeLimitSec: a.timeLimitSec,
    pointsMultiplier: a.pointsMultiplier === 0 || a.pointsMultiplier === 2 ? a.pointsMultiplier : 1,
  }));
}

export interface SeedResult {
  demoDeckId: string;
  /** Set when the demo instructor was created just now. */
  demoInstructor: { email: string; password: string } | null;
}

export async function seedDatabase(prisma: PrismaClient): Promise<SeedResult> {
  const demoDeckId = await ensureDemoDeck(prisma, demoDeckActivities());
  let demoInstructor: SeedResult["demoInstructor"] = null;
  if ((await countInstructors(prisma)) === 0) {
    const created = await createInstructor(prisma, {
      email: DEMO_INSTRUCTOR.email,
      name: DEMO_INSTRUCTOR.name,
      passwordHash: await hashPassword(DEMO_INSTRUCTOR.password),
    });
    if (created !== "EMAIL_TAKEN") demoInstructor = { email: DEMO_INSTRUCTOR.email, password: DEMO_INSTRUCTOR.password };
  }
  return { demoDeckId, demoInstructor };
}

async function main(): Promise<void> {
  const { loadConfig } = await import("@/lib/config");
  const config = loadConfig();
  const prisma = createPrisma(config.databaseUrl);
  try {
    const result = await seedDatabase(prisma);
    console.log(`db:seed: demo deck ready (${result.demoDeckId})`);
    if (result.demoInstructor) {
      console.log(
        `db:seed: created the demo instructor ${result.demoInstructor.email} / ${result.demoInstructor.password} (change it, or sign up your own)`,
      );
    }
  } finally {
    await prisma.$disconnect();
  }
}

const isEntry = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntry) {
  main().catch((error: unknown) => {
    console.error(`db:seed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
