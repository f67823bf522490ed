import { ACTIVITY_KINDS, type ActivityKind, type DeckDto, type DeckInput } from "@/lib/contract";
import type { PrismaClient } from "./client";

/** Title of the shared, read-only demo deck seeded on first start (instructorId null). */
export const DEMO_DECK_TITLE = "IRSA on EKS — pitfalls demo";

/**
 * A readable fallback title derived from the scenario id ("pitfalls/20-sub-namespace-typo" → "20 sub namespace typo").
 * Route handlers replace it with the bank's own title (lib/activities/shared-catalog.ts `withScenarioTitles`);
 * this stays for ids the bank no longer has.
 */
export function activityTitle(scenarioId: string): string {
  const last = scenarioId.split(/[/:]/).filter(Boolean).pop() ?? scenarioId;
  const words = last.replace(/[-_]+/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : scenarioId;
}

const deckInclude = { activities: { orderBy: { position: "asc" } } } as const;

type DeckRow = {
  id: string;
  instructorId: string | null;
  title: string;
  description: string;
  updatedAt: Date;
  activities: {
    id: string;
    position: number;
    kind: string;
    scenarioId: string;
    config: string;
    timeLimitSec: number;
    pointsMultiplier: number;
  }[];
};

const KINDS: readonly ActivityKind[] = ACTIVITY_KINDS;

function parseConfig(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function toDeckDto(row: DeckRow): DeckDto {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    ownerId: row.instructorId,
    updatedAt: row.updatedAt.toISOString(),
    activities: row.activities.map((a) => ({
      id: a.id,
      position: a.position,
      // Rows are only written from validated DeckInput; anything else would be a hand-edited database.
      kind: KINDS.includes(a.kind as ActivityKind) ? (a.kind as ActivityKind) : "pitfall",
      scenarioId: a.scenarioId,
      config: parseConfig(a.config),
      timeLimitSec: a.timeLimitSec,
      pointsMultiplier: a.pointsMultiplier === 0 || a.pointsMultiplier === 2 ? a.pointsMultiplier : 1,
      title: activityTitle(a.scenarioId),
    })),
  };
}

function activityRows(activities: DeckInput["activities"]) {
  return activities.map((a, position) => ({
    position,
    kind: a.kind,
    scenarioId: a.scenarioId,
    config: JSON.stringify(a.config ?? {}),
    timeLimitSec: a.timeLimitSec,
    pointsMultiplier: a.pointsMultiplier,
  }));
}

/**
 * What an instructor may do with a deck: their own ("owner": read, edit, delete), the shared demo deck
 * ("demo": read, run, copy) or someone else's ("none": behaves as if it did not exist).
 */
export type DeckAccess = "owner" | "demo" | "none";
export function deckAccess(deck: { instructorId: string | null }, instructorId: string): DeckAccess {
  if (deck.instructorId === null) return "demo";
  return deck.instructorId === instructorId ? "owner" : "none";
}

/** The instructor's decks, newest first, then the shared demo deck(s). */
export async function listDecks(prisma: PrismaClient, instructorId: string): Promise<DeckDto[]> {
  const rows = await prisma.deck.findMany({
    where: { OR: [{ instructorId }, { instructorId: null }] },
    include: deckInclude,
    orderBy: { updatedAt: "desc" },
  });
  const own = rows.filter((d) => d.instructorId !== null);
  const demo = rows.filter((d) => d.instructorId === null);
  return [...own, ...demo].map(toDeckDto);
}

/** A deck the instructor may read (own or demo), or null. */
export async function findReadableDeck(
  prisma: PrismaClient,
  id: string,
  instructorId: string,
): Promise<{ deck: DeckDto; access: Exclude<DeckAccess, "none"> } | null> {
  const row = await prisma.deck.findUnique({ where: { id }, include: deckInclude });
  if (!row) return null;
  const access = deckAccess(row, instructorId);
  return access === "none" ? null : { deck: toDeckDto(row), access };
}

export async function createDeck(prisma: PrismaClient, instructorId: string | null, input: DeckInput): Promise<DeckDto> {
  const row = await prisma.deck.create({
    data: {
      instructorId,
      title: input.title,
      description: input.description,
      activities: { create: activityRows(input.activities) },
    },
    include: deckInclude,
  });
  return toDeckDto(row);
}

export type DeckWriteResult = { ok: true; deck: DeckDto } | { ok: false; reason: "NOT_FOUND" | "READ_ONLY" };

/**
 * Replace title, description and the whole activity list of the instructor's own deck, in one transaction
 * (a reader never sees a half-replaced deck).
 */
export async function replaceDeck(
  prisma: PrismaClient,
  id: string,
  instructorId: string,
  input: DeckInput,
): Promise<DeckWriteResult> {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.deck.findUnique({ where: { id }, select: { instructorId: true } });
    if (!existing) return { ok: false, reason: "NOT_FOUND" } as const;
    const access = deckAccess(existing, instructorId);
    if (access === "none") return { ok: false, reason: "NOT_FOUND" } as const;
    if (access === "demo") return { ok: false, reason: "READ_ONLY" } as const;
    await tx.deckActivity.deleteMany({ where: { deckId: id } });
    const row = await tx.deck.update({
      where: { id },
      data: {
        title: input.title,
        description: input.description,
        activities: { create: activityRows(input.activities) },
      },
      include: deckInclude,
    });
    return { ok: true, deck: toDeckDto(row) } as const;
  });
}

export async function deleteDeck(
  prisma: PrismaClient,
  id: string,
  instructorId: string,
): Promise<{ ok: true } | { ok: false; reason: "NOT_FOUND" | "READ_ONLY" }> {
  const existing = await prisma.deck.findUnique({ where: { id }, select: { instructorId: true } });
  if (!existing) return { ok: false, reason: "NOT_FOUND" };
  const access = deckAccess(existing, instructorId);
  if (access === "none") return { ok: false, reason: "NOT_FOUND" };
  if (access === "demo") return { ok: false, reason: "READ_ONLY" };
  // deleteMany with the owner in the filter: a concurrent delete is not an error, and ownership is re-checked.
  const { count } = await prisma.deck.deleteMany({ where: { id, instructorId } });
  return count === 1 ? { ok: true } : { ok: false, reason: "NOT_FOUND" };
}

/** A copy of a readable deck (own or demo), owned by the instructor, titled "<title> (copy)". */
export async function copyDeck(prisma: PrismaClient, id: string, instructorId: string): Promise<DeckDto | null> {
  const found = await findReadableDeck(prisma, id, instructorId);
  if (!found) return null;
  const { deck } = found;
  const suffix = " (copy)";
  return createDeck(prisma, instructorId, {
    title: deck.title.slice(0, 120 - suffix.length) + suffix,
    description: deck.description,
    activities: deck.activities.map((a) => ({
      kind: a.kind,
      scenarioId: a.scenarioId,
      config: a.config,
      timeLimitSec: a.timeLimitSec,
      pointsMultiplier: a.pointsMultiplier,
    })),
  });
}

/**
 * Make sure the shared demo deck exists (idempotent: found by title among decks without an owner).
 * An existing demo deck is left as it is. Returns its id.
 */
export async function ensureDemoDeck(prisma: PrismaClient, activities: DeckInput["activities"]): Promise<string> {
  const existing = await prisma.deck.findFirst({ where: { instructorId: null, title: DEMO_DECK_TITLE }, include: deckInclude });
  if (existing) {
    // The demo deck is nobody's to edit, so it follows the bank: when the bank's demo tour changed since the
    // last start, its activities are replaced (sessions already run keep their own snapshot).
    const want = activityRows(activities);
    const have = existing.activities.map(({ position, kind, scenarioId, config, timeLimitSec, pointsMultiplier }) => ({
      position, kind, scenarioId, config, timeLimitSec, pointsMultiplier,
    }));
    if (JSON.stringify(want) !== JSON.stringify(have)) {
      await prisma.$transaction([
        prisma.deckActivity.deleteMany({ where: { deckId: existing.id } }),
        prisma.deckActivity.createMany({ data: want.map((a) => ({ ...a, deckId: existing.id })) }),
      ]);
    }
    return existing.id;
  }
  const deck = await createDeck(prisma, null, {
    title: DEMO_DECK_TITLE,
    description:
      "Classic IRSA misconfigurations on EKS: read the symptoms, pick the root cause, then find the step of the token flow that fails.",
    activities,
  });
  return deck.id;
}
