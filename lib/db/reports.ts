import { z } from "zod";
import type { ActivitySpec } from "@/lib/activities/types";
import { answerSchema, type Answer } from "@/lib/contract";
import { activitiesReached, parseState } from "@/lib/quiz";
import type { CompareSessionInput } from "@/lib/reports/compare";
import { computeReport } from "@/lib/reports/compute";
import type { ActivityLabeler } from "@/lib/reports/labels";
import type { HistoryItem, ReportResponseRow, ReportRows, SessionReport } from "@/lib/reports/types";
import { sqlDialect, type PrismaClient } from "./client";

/**
 * The report's queries. Reports read the database only — never a live room — so they work after a restart and
 * for sessions of any age. Ownership is part of every query: another instructor's session reads as missing.
 */

/**
 * A stored activity snapshot. The kind is not checked against today's list: a report must open for a session
 * whatever kinds existed when it ran.
 */
const activitySpecSchema = z.object({
  kind: z.string().transform((k) => k as ActivitySpec["kind"]),
  scenarioId: z.string(),
  config: z.record(z.string(), z.unknown()).catch({}),
  timeLimitSec: z.number(),
  pointsMultiplier: z.number(),
});

/** LiveSession.activities JSON; an unreadable snapshot reads as no activities rather than breaking the report. */
export function parseActivities(json: string): ActivitySpec[] {
  try {
    const parsed = z.array(activitySpecSchema).safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function parseAnswer(json: string): Answer | null {
  try {
    const parsed = answerSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function reachedOf(phaseState: string): number | null {
  try {
    return activitiesReached(parseState(phaseState));
  } catch {
    return null;
  }
}

/**
 * A DateTime column as SQLite holds it: the adapter writes ISO 8601 text (or epoch ms in older set-ups), and a
 * column DEFAULT CURRENT_TIMESTAMP writes "YYYY-MM-DD HH:MM:SS" in UTC.
 */
function storedDate(value: string | number): Date {
  if (typeof value === "number") return new Date(value);
  // PostgreSQL's timestamp(3) arrives in JSON as "YYYY-MM-DDTHH:MM:SS.mmm", also UTC and also without a zone.
  return new Date(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/.test(value) && !/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? `${value.replace(" ", "T")}Z` : value);
}

type PackedResponse = [
  participantId: string,
  activityIndex: number,
  answer: string,
  /** 1/0 from SQLite, true/false from PostgreSQL. */
  correct: number | boolean,
  points: number,
  streakBonus: number,
  timeTakenMs: number,
  pickedStep: number | null,
  correctStep: number | null,
  createdAt: string | number,
];

/**
 * Every response of a session. A big class has tens of thousands (2,000 × 20 = 40,000): read row by row through
 * the driver adapter that costs ~300 ms of per-value conversion, so SQLite packs them into ONE JSON text
 * (json_group_array, built into SQLite) that JSON.parse reads in a few ms. The Response table's columns are
 * named here once; the unit tests compare the result with the seeded rows.
 */
async function readResponses(prisma: PrismaClient, sessionId: string): Promise<ReportResponseRow[]> {
  // PostgreSQL packs the same array with json_agg(json_build_array(…)); its identifiers are case-sensitive only
  // when quoted, so they are quoted there.
  const [row] =
    sqlDialect(prisma) === "postgresql"
      ? await prisma.$queryRaw<{ packed: string | null }[]>`
    SELECT json_agg(json_build_array(
      "participantId", "activityIndex", "answer", "correct", "points", "streakBonus", "timeTakenMs", "pickedStep",
      "correctStep", "createdAt"
    ))::text AS packed
    FROM "Response" WHERE "sessionId" = ${sessionId}`
      : await prisma.$queryRaw<{ packed: string | null }[]>`
    SELECT json_group_array(json_array(
      participantId, activityIndex, answer, correct, points, streakBonus, timeTakenMs, pickedStep, correctStep, createdAt
    )) AS packed
    FROM Response WHERE sessionId = ${sessionId}`;
  const packed = JSON.parse(row?.packed ?? "[]") as PackedResponse[];
  // Answers repeat a handful of shapes (4 choices, 9 steps): parse each distinct JSON text once.
  const answers = new Map<string, Answer | null>();
  return packed.map(([participantId, activityIndex, answerJson, correct, points, streakBonus, timeTakenMs, pickedStep, correctStep, createdAt]) => {
    let answer = answers.get(answerJson);
    if (answer === undefined) {
      answer = parseAnswer(answerJson);
      answers.set(answerJson, answer);
    }
    return {
      participantId,
      activityIndex,
      answer,
      correct: correct === true || correct === 1,
      points,
      streakBonus,
      timeTakenMs,
      pickedStep,
      correctStep,
      createdAt: storedDate(createdAt),
    };
  });
}

/**
 * Who may read a report: the session's instructor, one of its participants, or — for a caller that checks
 * ownership itself with {@link isReportOwner} (a cache shared by callers) — anyone.
 */
export type ReportOwner = { instructorId: string } | { participantId: string } | { anyOwner: true };

export function isReportOwner(rows: ReportRows, owner: ReportOwner): boolean {
  if ("anyOwner" in owner) return true;
  return "instructorId" in owner
    ? rows.session.instructorId === owner.instructorId
    : rows.participants.some((p) => p.id === owner.participantId);
}

/** Everything a session's report is computed from, or null when it does not exist or is not the owner's. */
export async function loadReportRows(prisma: PrismaClient, sessionId: string, owner: ReportOwner): Promise<ReportRows | null> {
  const row = await prisma.liveSession.findUnique({ where: { id: sessionId } });
  if (!row) return null;
  if ("instructorId" in owner && row.instructorId !== owner.instructorId) return null;
  const [participants, responses] = await Promise.all([
    prisma.participant.findMany({
      where: { sessionId },
      orderBy: { joinedAt: "asc" },
      select: { id: true, nickname: true, score: true, streak: true, kicked: true, joinedAt: true },
    }),
    readResponses(prisma, sessionId),
  ]);
  const rows: ReportRows = {
    session: {
      id: row.id,
      code: row.code,
      instructorId: row.instructorId,
      deckId: row.deckId,
      deckTitle: row.deckTitle,
      activities: parseActivities(row.activities),
      scoring: row.scoring === "accuracy" ? "accuracy" : "speed",
      status: row.status === "ended" ? "ended" : "live",
      reached: reachedOf(row.phaseState),
      createdAt: row.createdAt,
      endedAt: row.endedAt,
    },
    participants,
    responses,
  };
  return isReportOwner(rows, owner) ? rows : null;
}

export interface HistoryFilter {
  /** Part of the deck title (case-insensitive for ASCII, as SQLite's LIKE). */
  q?: string;
  from?: Date;
  to?: Date;
  take?: number;
}

/** Every session the instructor ran, newest first, with the figures of the history list. */
export async function listHistory(prisma: PrismaClient, instructorId: string, filter: HistoryFilter = {}): Promise<HistoryItem[]> {
  const sessions = await prisma.liveSession.findMany({
    where: {
      instructorId,
      // PostgreSQL's contains is case-sensitive unless asked (the SQLite client's types have no `mode`).
      ...(filter.q
        ? { deckTitle: { contains: filter.q, ...(sqlDialect(prisma) === "postgresql" ? { mode: "insensitive" } : {}) } as { contains: string } }
        : {}),
      ...(filter.from || filter.to ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(filter.take ?? 500, 1000),
    select: {
      id: true,
      code: true,
      deckId: true,
      deckTitle: true,
      status: true,
      createdAt: true,
      endedAt: true,
      activities: true,
      phaseState: true,
      _count: { select: { participants: { where: { kicked: false } } } },
    },
  });
  if (sessions.length === 0) return [];
  const ids = sessions.map((s) => s.id);
  const figures = await prisma.response.groupBy({
    by: ["sessionId", "correct"],
    where: { sessionId: { in: ids }, participant: { kicked: false } },
    _count: { _all: true },
    _max: { activityIndex: true },
  });
  const bySession = new Map<string, { answers: number; correct: number; maxIndex: number }>();
  for (const f of figures) {
    const s = bySession.get(f.sessionId) ?? { answers: 0, correct: 0, maxIndex: -1 };
    s.answers += f._count._all;
    if (f.correct) s.correct += f._count._all;
    s.maxIndex = Math.max(s.maxIndex, f._max.activityIndex ?? -1);
    bySession.set(f.sessionId, s);
  }
  return sessions.map((s) => {
    const f = bySession.get(s.id) ?? { answers: 0, correct: 0, maxIndex: -1 };
    const activityCount = parseActivities(s.activities).length;
    const reached = Math.min(activityCount, Math.max(f.maxIndex + 1, reachedOf(s.phaseState) ?? 0));
    const participants = s._count.participants;
    const slots = participants * reached;
    return {
      sessionId: s.id,
      code: s.code,
      deckId: s.deckId,
      deckTitle: s.deckTitle,
      status: s.status === "ended" ? "ended" : "live",
      createdAt: s.createdAt.toISOString(),
      endedAt: s.endedAt ? s.endedAt.toISOString() : null,
      activityCount,
      participants,
      answers: f.answers,
      averageAccuracy: slots > 0 ? f.correct / slots : null,
    };
  });
}

export type DeleteResult = { ok: true } | { ok: false; reason: "NOT_FOUND" | "LIVE" };

/**
 * Deletes one of the instructor's sessions with its participants and responses (ON DELETE CASCADE). A live
 * session is refused: its room is still running and would write answers to a session that no longer exists.
 */
export async function deleteSession(prisma: PrismaClient, sessionId: string, instructorId: string): Promise<DeleteResult> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.liveSession.findUnique({ where: { id: sessionId }, select: { instructorId: true, status: true } });
    if (!row || row.instructorId !== instructorId) return { ok: false, reason: "NOT_FOUND" } as const;
    if (row.status !== "ended") return { ok: false, reason: "LIVE" } as const;
    await tx.liveSession.delete({ where: { id: sessionId } });
    return { ok: true } as const;
  });
}

/**
 * The runs of a deck by this instructor, with answer counts per activity (one GROUP BY, not every response).
 * The deck itself may be the instructor's or the shared demo deck; null when neither is true and no session of
 * theirs used it.
 */
export async function loadDeckRuns(
  prisma: PrismaClient,
  deckId: string,
  instructorId: string,
): Promise<{ deck: { id: string; title: string }; sessions: CompareSessionInput[] } | null> {
  const [deck, sessions] = await Promise.all([
    prisma.deck.findUnique({ where: { id: deckId }, select: { id: true, title: true, instructorId: true } }),
    prisma.liveSession.findMany({
      where: { deckId, instructorId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        code: true,
        createdAt: true,
        status: true,
        deckTitle: true,
        activities: true,
        _count: { select: { participants: { where: { kicked: false } } } },
      },
    }),
  ]);
  const readable = deck && (deck.instructorId === null || deck.instructorId === instructorId);
  if (!readable && sessions.length === 0) return null;
  const counts = sessions.length
    ? await prisma.response.groupBy({
        by: ["sessionId", "activityIndex", "correct"],
        where: { sessionId: { in: sessions.map((s) => s.id) }, participant: { kicked: false } },
        _count: { _all: true },
      })
    : [];
  const bySession = new Map<string, Map<number, { answered: number; correct: number }>>();
  for (const c of counts) {
    const m = bySession.get(c.sessionId) ?? new Map<number, { answered: number; correct: number }>();
    const cell = m.get(c.activityIndex) ?? { answered: 0, correct: 0 };
    cell.answered += c._count._all;
    if (c.correct) cell.correct += c._count._all;
    m.set(c.activityIndex, cell);
    bySession.set(c.sessionId, m);
  }
  return {
    deck: { id: deckId, title: deck?.title ?? sessions.at(-1)?.deckTitle ?? deckId },
    sessions: sessions.map((s) => ({
      id: s.id,
      code: s.code,
      createdAt: s.createdAt,
      status: s.status === "ended" ? "ended" : "live",
      participants: s._count.participants,
      activities: parseActivities(s.activities),
      counts: bySession.get(s.id) ?? new Map(),
    })),
  };
}

/**
 * The report of a session for its instructor (or for one of its participants, to build their own results):
 * the rows, labelled through the scenario bank, computed. null when not found or not theirs.
 */
export async function loadReport(
  prisma: PrismaClient,
  labeler: ActivityLabeler,
  sessionId: string,
  owner: ReportOwner,
): Promise<{ rows: ReportRows; report: SessionReport } | null> {
  const rows = await loadReportRows(prisma, sessionId, owner);
  if (!rows) return null;
  return { rows, report: computeReport(rows, await labeler.label(rows.session.activities)) };
}
