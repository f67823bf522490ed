/**
 * Idempotent seed (npm run db:seed, run by `npm start` on every start):
 * - the shared, read-only demo deck (no owner) titled "IRSA on EKS — pitfalls demo";
 * - a demo instructor demo@irsa.local / irsa-demo-password, only while the database has no instructor at all.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { DeckInput } from "@/lib/contract";
import { hashPassword } from "@/lib/auth/password";
import { createPrisma, type PrismaClient } from "@/lib/db/client";
import { ensureDemoDeck } from "@/lib/db/decks";
import { countInstructors, createInstructor } from "@/lib/db/instructors";

export const DEMO_INSTRUCTOR = { email: "demo@irsa.local", name: "Demo Instructor", password: "irsa-demo-password" } as const;

/**
 * TODO(lead): replace with the scenario bank (lib/activities/catalog.ts `demoDeckActivities()`), which the seed
 * prefers as soon as it exists. Until then, the demo deck is built from these placeholder scenario ids.
 */
export const PLACEHOLDER_DEMO_DECK_ACTIVITIES: DeckInput["activities"] = [
  { kind: "pitfall", scenarioId: "pitfall/trust-policy-wrong-service-account", config: {}, timeLimitSec: 45, pointsMultiplier: 1 },
  { kind: "which-step", scenarioId: "flow/trust-policy-wrong-service-account", config: {}, timeLimitSec: 45, pointsMultiplier: 1 },
  { kind: "pitfall", scenarioId: "pitfall/missing-role-arn-annotation", config: {}, timeLimitSec: 45, pointsMultiplier: 1 },
  { kind: "which-step", scenarioId: "flow/oidc-provider-not-registered", config: {}, timeLimitSec: 45, pointsMultiplier: 1 },
  { kind: "pitfall", scenarioId: "pitfall/audience-mismatch", config: {}, timeLimitSec: 45, pointsMultiplier: 1 },
  { kind: "which-step", scenarioId: "flow/permissions-policy-missing-action", config: {}, timeLimitSec: 45, pointsMultiplier: 2 },
];

const CATALOG_FILE = fileURLToPath(new URL("../lib/activities/catalog.ts", import.meta.url));

/** The demo deck's activities: from the scenario bank when it exists, else the placeholders above. */
export async function demoDeckActivities(): Promise<DeckInput["activities"]> {
  if (!existsSync(CATALOG_FILE)) return PLACEHOLDER_DEMO_DECK_ACTIVITIES;
  const catalog = (await import(pathToFileURL(CATALOG_FILE).href)) as {
    demoDeckActivities?: () => DeckInput["activities"] | Promise<DeckInput["activities"]>;
  };
  if (typeof catalog.demoDeckActivities !== "function") return PLACEHOLDER_DEMO_DECK_ACTIVITIES;
  return (await catalog.demoDeckActivities()).map((a) => ({
    kind: a.kind,
    scenarioId: a.scenarioId,
    config: a.config ?? {},
    timeLimitSec: a.timeLimitSec ?? 30,
    pointsMultiplier: a.pointsMultiplier ?? 1,
  }));
}

export interface SeedResult {
  demoDeckId: string;
  /** Set when the demo instructor was created just now. */
  demoInstructor: { email: string; password: string } | null;
}

export async function seedDatabase(prisma: PrismaClient): Promise<SeedResult> {
  const demoDeckId = await ensureDemoDeck(prisma, await demoDeckActivities());
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
