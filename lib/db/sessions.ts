import { z } from "zod";
import {
  ACTIVITY_KINDS,
  answerSchema,
  type Answer,
  type ErrorCode,
  type ScoringMode,
  type SessionListItemDto,
} from "@/lib/contract";
import type { ActivitySpec } from "@/lib/activities/types";
import { generateJoinCode, initialState, parseState, serializeState, type SessionState } from "@/lib/quiz";
import { Prisma } from "@/generated/prisma/client";
import type { PrismaClient } from "./client";

/**
 * The repository of live sessions, participants and responses (STYLE.md §1: lib/db is the only code that talks
 * to Prisma). Accepted answers are written by {@link AnswerWriter} (answer-writer.ts), in batches.
 */

export interface StoredSession {
  id: string;
  code: string;
  instructorId: string;
  deckTitle: string;
  activities: ActivitySpec[];
  scoring: ScoringMode;
  status: "live" | "ended";
  state: SessionState;
  createdAt: Date;
}

export interface StoredParticipant {
  id: string;
  nickname: string;
  score: number;
  streak: number;
  kicked: boolean;
  joinedAt: Date;
}

export interface StoredResponse {
  participantId: string;
  activityIndex: number;
  answer: Answer;
  correct: boolean;
  points: number;
  streakBonus: number;
  timeTakenMs: number;
  /** Flow activities: the step picked and the step that fails, as the check gave them (null for other kinds). */
  pickedStep?: number | null;
  correctStep?: number | null;
}

export type RepoResult<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

const activitySpecSchema = z.object({
  // Every kind of the contract; the catalog's prepare() refuses a scenario that cannot be played as it.
  kind: z.enum(ACTIVITY_KINDS),
  scenarioId: z.string(),
  config: z.record(z.string(), z.unknown()),
  timeLimitSec: z.number().int().min(1),
  pointsMultiplier: z.number().min(0),
});
const activitiesSchema = z.array(activitySpecSchema);

/** How long the first join of a batch waits for company (ms), and the most joins one INSERT carries. */
const JOIN_TICK_MS = 5;
const JOIN_BATCH_MAX = 200;

interface QueuedJoin {
  sessionId: string;
  nickname: string;
  resolve: (result: RepoResult<StoredParticipant>) => void;
  reject: (error: unknown) => void;
}

/** How many codes to draw before giving up; with 31^6 codes a clash among live sessions is very rare. */
const CODE_ATTEMPTS = 20;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export class SessionRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Creates a live session from a deck the instructor may run (their own or the shared demo deck), with a
   * snapshot of its activities (later deck edits never change a running session or its report) and a join code
   * unique among live sessions. The check and the insert run in one transaction: SQLite serialises writers, so
   * two creations cannot take the same code.
   */
  async createSession(input: {
    instructorId: string;
    deckId: string;
    scoring: ScoringMode;
    allowLateJoin: boolean;
    random: () => number;
  }): Promise<RepoResult<{ sessionId: string; code: string }>> {
    const deck = await this.prisma.deck.findFirst({
      where: { id: input.deckId, OR: [{ instructorId: input.instructorId }, { instructorId: null }] },
      include: { activities: { orderBy: { position: "asc" } } },
    });
    if (!deck) return { ok: false, code: "NOT_FOUND", message: "No such deck." };
    if (deck.activities.length === 0) return { ok: false, code: "CONFLICT", message: "This deck has no activities yet." };
    const activities: ActivitySpec[] = deck.activities.map((a) => ({
      kind: a.kind as ActivitySpec["kind"],
      scenarioId: a.scenarioId,
      config: parseConfig(a.config),
      timeLimitSec: a.timeLimitSec,
      pointsMultiplier: a.pointsMultiplier,
    }));
    const state = initialState(
      activities.map((a) => a.timeLimitSec),
      { allowLateJoin: input.allowLateJoin },
    );
    return this.prisma.$transaction(async (tx) => {
      for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
        const code = generateJoinCode(input.random);
        const clash = await tx.liveSession.findFirst({ where: { code, status: "live" }, select: { id: true } });
        if (clash) continue;
        const created = await tx.liveSession.create({
          data: {
            code,
            instructorId: input.instructorId,
            deckId: deck.id,
            deckTitle: deck.title,
            activities: JSON.stringify(activities),
            scoring: input.scoring,
            phaseState: serializeState(state),
            allowLateJoin: input.allowLateJoin,
          },
          select: { id: true, code: true },
        });
        return { ok: true as const, value: { sessionId: created.id, code: created.code } };
      }
      return { ok: false as const, code: "CONFLICT" as const, message: "Could not find a free join code; try again." };
    });
  }

  async listForInstructor(instructorId: string, take = 100): Promise<SessionListItemDto[]> {
    const rows = await this.prisma.liveSession.findMany({
      where: { instructorId },
      orderBy: { createdAt: "desc" },
      take,
      select: { id: true, code: true, deckId: true, deckTitle: true, status: true, createdAt: true, _count: { select: { participants: true } } },
    });
    return rows.map((r) => ({
      sessionId: r.id,
      code: r.code,
      deckId: r.deckId,
      deckTitle: r.deckTitle,
      status: r.status === "ended" ? "ended" : "live",
      createdAt: r.createdAt.toISOString(),
      participants: r._count.participants,
    }));
  }

  /** The live session with this join code (already normalised), if any. */
  async findLiveByCode(code: string): Promise<{ id: string } | null> {
    return this.prisma.liveSession.findFirst({ where: { code, status: "live" }, select: { id: true } });
  }

  /** Everything a room needs to resume: the session, its participants and every committed response. */
  async loadSession(
    sessionId: string,
  ): Promise<{ session: StoredSession; participants: StoredParticipant[]; responses: StoredResponse[] } | null> {
    const row = await this.prisma.liveSession.findUnique({ where: { id: sessionId } });
    if (!row) return null;
    const [participants, responses] = await Promise.all([
      this.prisma.participant.findMany({
        where: { sessionId },
        orderBy: { joinedAt: "asc" },
        select: { id: true, nickname: true, score: true, streak: true, kicked: true, joinedAt: true },
      }),
      this.prisma.response.findMany({
        where: { sessionId },
        orderBy: { activityIndex: "asc" },
        select: {
          participantId: true,
          activityIndex: true,
          answer: true,
          correct: true,
          points: true,
          streakBonus: true,
          timeTakenMs: true,
          pickedStep: true,
          correctStep: true,
        },
      }),
    ]);
    const state = parseState(row.phaseState);
    return {
      session: {
        id: row.id,
        code: row.code,
        instructorId: row.instructorId,
        deckTitle: row.deckTitle,
        activities: activitiesSchema.parse(JSON.parse(row.activities)) as ActivitySpec[],
        scoring: row.scoring === "accuracy" ? "accuracy" : "speed",
        status: row.status === "ended" ? "ended" : "live",
        // The columns are the source of truth for the flags an HTTP route might also change.
        state: { ...state, lobbyLocked: row.lobbyLocked, allowLateJoin: row.allowLateJoin },
        createdAt: row.createdAt,
      },
      participants,
      responses: responses.map((r) => ({ ...r, answer: answerSchema.parse(JSON.parse(r.answer)) })),
    };
  }

  /**
   * A new participant; NICKNAME_TAKEN if the exact nickname exists (the room checks case-insensitively first).
   *
   * Joins arriving together (a class typing the code at once) are inserted in one statement per short tick,
   * as the answer writer does for answers: one INSERT per join through the driver adapter was ~2 ms of blocked
   * event loop each, 10 s of the 26 s it took 5,000 students to join in the live bench. Each call still
   * resolves only once its row is committed. If a batch fails (a nickname clash), its joins are retried one by one.
   */
  createParticipant(sessionId: string, nickname: string): Promise<RepoResult<StoredParticipant>> {
    return new Promise((resolve, reject) => {
      this.joins.push({ sessionId, nickname, resolve, reject });
      if (this.joins.length >= JOIN_BATCH_MAX) this.scheduleJoins(0);
      else if (!this.joinTimer) this.scheduleJoins(JOIN_TICK_MS);
    });
  }

  private joins: QueuedJoin[] = [];
  private joinTimer: ReturnType<typeof setTimeout> | null = null;
  private joinsRunning: Promise<void> = Promise.resolve();

  private scheduleJoins(ms: number): void {
    if (this.joinTimer) clearTimeout(this.joinTimer);
    this.joinTimer = setTimeout(() => {
      this.joinTimer = null;
      const batch = this.joins.splice(0, JOIN_BATCH_MAX);
      if (this.joins.length > 0) this.scheduleJoins(this.joins.length >= JOIN_BATCH_MAX ? 0 : JOIN_TICK_MS);
      this.joinsRunning = this.joinsRunning.then(() => this.insertJoins(batch));
    }, ms);
  }

  private async insertJoins(batch: QueuedJoin[]): Promise<void> {
    if (batch.length === 1) {
      const [only] = batch as [QueuedJoin];
      await this.insertOne(only.sessionId, only.nickname).then(only.resolve, only.reject);
      return;
    }
    try {
      const rows = await this.prisma.participant.createManyAndReturn({
        data: batch.map((j) => ({ sessionId: j.sessionId, nickname: j.nickname })),
        select: { id: true, sessionId: true, nickname: true, score: true, streak: true, kicked: true, joinedAt: true },
      });
      const byKey = new Map(rows.map((r) => [`${r.sessionId}\u0000${r.nickname}`, r]));
      for (const j of batch) {
        const row = byKey.get(`${j.sessionId}\u0000${j.nickname}`);
        if (!row) {
          j.reject(new Error("a batched participant insert returned no row"));
          continue;
        }
        const { sessionId: _sessionId, ...value } = row;
        j.resolve({ ok: true, value });
      }
    } catch {
      // One clash fails the whole statement: insert one by one, so each join gets its own answer.
      for (const j of batch) await this.insertOne(j.sessionId, j.nickname).then(j.resolve, j.reject);
    }
  }

  private async insertOne(sessionId: string, nickname: string): Promise<RepoResult<StoredParticipant>> {
    try {
      const p = await this.prisma.participant.create({
        data: { sessionId, nickname },
        select: { id: true, nickname: true, score: true, streak: true, kicked: true, joinedAt: true },
      });
      return { ok: true, value: p };
    } catch (error) {
      if (isUniqueViolation(error)) return { ok: false, code: "NICKNAME_TAKEN", message: "That nickname is taken." };
      throw error;
    }
  }

  /**
   * Persists a transition: the phase state, the flags, the status. When a question closes, the streak of every
   * participant without a response to it is reset in the same transaction (a missing answer breaks a streak).
   */
  async savePhase(sessionId: string, state: SessionState, opts: { resetStreaksFor?: number } = {}): Promise<void> {
    const ended = state.phase.type === "ended";
    const update = this.prisma.liveSession.update({
      where: { id: sessionId },
      data: {
        phaseState: serializeState(state),
        lobbyLocked: state.lobbyLocked,
        allowLateJoin: state.allowLateJoin,
        ...(ended ? { status: "ended", endedAt: new Date(state.phase.type === "ended" ? state.phase.endedAt : Date.now()) } : {}),
      },
    });
    if (opts.resetStreaksFor === undefined) {
      await update;
      return;
    }
    await this.prisma.$transaction([
      update,
      this.prisma.participant.updateMany({
        where: { sessionId, streak: { not: 0 }, responses: { none: { activityIndex: opts.resetStreaksFor } } },
        data: { streak: 0 },
      }),
    ]);
  }

  async kickParticipant(sessionId: string, participantId: string): Promise<void> {
    await this.prisma.participant.updateMany({ where: { id: participantId, sessionId }, data: { kicked: true } });
  }

  /** Read-only helpers for reports and tests. */
  async responsesOf(sessionId: string) {
    return this.prisma.response.findMany({ where: { sessionId }, orderBy: [{ activityIndex: "asc" }, { participantId: "asc" }] });
  }
}

function parseConfig(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
