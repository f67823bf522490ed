import type { PrismaClient } from "./client";

/** An instructor-authored pitfall scenario (CustomScenario): validated by the simulator before it is stored. */
export interface CustomScenarioRow {
  id: string;
  name: string;
  yaml: string;
  createdAt: Date;
}

/** The scenario id decks use for a custom scenario ("custom:<CustomScenario.id>"). */
export const CUSTOM_PREFIX = "custom:";
export const customScenarioId = (id: string): string => `${CUSTOM_PREFIX}${id}`;

export async function createCustomScenario(prisma: PrismaClient, instructorId: string, input: { name: string; yaml: string }): Promise<CustomScenarioRow> {
  return prisma.customScenario.create({ data: { instructorId, name: input.name, yaml: input.yaml }, select: { id: true, name: true, yaml: true, createdAt: true } });
}

/** The instructor's own scenarios, newest first. */
export async function listCustomScenarios(prisma: PrismaClient, instructorId: string): Promise<CustomScenarioRow[]> {
  return prisma.customScenario.findMany({ where: { instructorId }, orderBy: { createdAt: "desc" }, select: { id: true, name: true, yaml: true, createdAt: true } });
}

/** One of the instructor's own scenarios; someone else's is null, as if it did not exist. */
export async function findOwnCustomScenario(prisma: PrismaClient, id: string, instructorId: string): Promise<CustomScenarioRow | null> {
  return prisma.customScenario.findFirst({ where: { id, instructorId }, select: { id: true, name: true, yaml: true, createdAt: true } });
}

export async function deleteCustomScenario(prisma: PrismaClient, id: string, instructorId: string): Promise<boolean> {
  const r = await prisma.customScenario.deleteMany({ where: { id, instructorId } });
  return r.count > 0;
}

/**
 * The YAML of a custom scenario by id, for the activity catalog's `resolveCustom` (no ownership check: a live
 * session plays the snapshot its instructor saved; decks only accept the instructor's own ids).
 */
export async function customScenarioYaml(prisma: PrismaClient, id: string): Promise<string | null> {
  const row = await prisma.customScenario.findUnique({ where: { id }, select: { yaml: true } });
  return row?.yaml ?? null;
}

/** The `custom:<id>` scenario ids among `scenarioIds` that are not this instructor's (to refuse them in a deck). */
export async function foreignCustomIds(prisma: PrismaClient, instructorId: string, scenarioIds: readonly string[]): Promise<string[]> {
  const ids = [...new Set(scenarioIds.filter((s) => s.startsWith(CUSTOM_PREFIX)).map((s) => s.slice(CUSTOM_PREFIX.length)))];
  if (ids.length === 0) return [];
  const own = await prisma.customScenario.findMany({ where: { id: { in: ids }, instructorId }, select: { id: true } });
  const mine = new Set(own.map((r) => r.id));
  return ids.filter((id) => !mine.has(id)).map(customScenarioId);
}
