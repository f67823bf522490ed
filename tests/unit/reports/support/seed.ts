import type { ActivitySpec } from "@/lib/activities/types";
import type { PrismaClient } from "@/lib/db/client";
import { FIXTURE } from "./fixture-catalog";

/**
 * One finished class, written by hand so every figure of its report can be computed by hand (see report.test.ts):
 *
 *   activity 0  pitfall   fixture/token-not-mounted (in the bank; correct "b"; tests step 3)
 *   activity 1  which-step fixture/trust-sub-mismatch (in the bank; correct step 6)
 *   activity 2  pitfall   missing/gone-scenario (NOT in the bank: raw ids as labels)
 *
 *   participant  act 0            act 1             act 2            score
 *   Ana          b ✓ 2000 ms 967  6 ✓ 4000 933+100  x ✓ 3000 950+200  3150
 *   Ben          a ✗ 5000 ms      4 ✗ 6000          x ✓ 1000 983       983
 *   =cmd|' ...   b ✓ 3000 ms 950  —                 y ✗ 2000           950
 *   Dee (kicked) a ✗ 1000 ms      —                 —                    0
 *   Eve          —                —                 —                    0
 */
export const NICK_FORMULA = "=cmd|' /C calc'!A0";

export const ACTIVITIES: ActivitySpec[] = [
  { kind: "pitfall", scenarioId: FIXTURE.pitfall.scenarioId, config: {}, timeLimitSec: 30, pointsMultiplier: 1 },
  { kind: "which-step", scenarioId: FIXTURE.flow.scenarioId, config: {}, timeLimitSec: 30, pointsMultiplier: 1 },
  { kind: "pitfall", scenarioId: "missing/gone-scenario", config: {}, timeLimitSec: 30, pointsMultiplier: 1 },
];

type R = [activity: number, answer: object, correct: boolean, ms: number, points: number, bonus: number, picked?: number, correctStep?: number];

const PEOPLE: { nickname: string; score: number; streak: number; kicked?: boolean; responses: R[] }[] = [
  {
    nickname: "Ana",
    score: 3150,
    streak: 3,
    responses: [
      [0, { kind: "pitfall", choiceId: "b" }, true, 2000, 967, 0],
      [1, { kind: "which-step", step: 6 }, true, 4000, 933, 100, 6, 6],
      [2, { kind: "pitfall", choiceId: "x" }, true, 3000, 950, 200],
    ],
  },
  {
    nickname: "Ben",
    score: 983,
    streak: 1,
    responses: [
      [0, { kind: "pitfall", choiceId: "a" }, false, 5000, 0, 0],
      [1, { kind: "which-step", step: 4, errorCode: "AccessDenied" }, false, 6000, 0, 0, 4, 6],
      [2, { kind: "pitfall", choiceId: "x" }, true, 1000, 983, 0],
    ],
  },
  {
    nickname: NICK_FORMULA,
    score: 950,
    streak: 0,
    responses: [
      [0, { kind: "pitfall", choiceId: "b" }, true, 3000, 950, 0],
      [2, { kind: "pitfall", choiceId: "y" }, false, 2000, 0, 0],
    ],
  },
  { nickname: "Dee", score: 0, streak: 0, kicked: true, responses: [[0, { kind: "pitfall", choiceId: "a" }, false, 1000, 0, 0]] },
  { nickname: "Eve", score: 0, streak: 0, responses: [] },
];

export async function seedInstructor(prisma: PrismaClient, email: string): Promise<string> {
  const i = await prisma.instructor.create({ data: { email, name: email.split("@")[0] ?? email, passwordHash: "x" } });
  return i.id;
}

export async function seedDeck(prisma: PrismaClient, instructorId: string, title = "IRSA pitfalls — week 3"): Promise<string> {
  const deck = await prisma.deck.create({
    data: {
      instructorId,
      title,
      activities: {
        create: ACTIVITIES.map((a, position) => ({ position, kind: a.kind, scenarioId: a.scenarioId, config: "{}" })),
      },
    },
  });
  return deck.id;
}

/** The class above; returns the session id and participant ids by nickname. */
export async function seedClassSession(
  prisma: PrismaClient,
  opts: { instructorId: string; deckId: string; code?: string; createdAt?: Date; status?: "live" | "ended" },
): Promise<{ sessionId: string; ids: Record<string, string> }> {
  const createdAt = opts.createdAt ?? new Date("2026-11-02T09:00:00Z");
  const ended = (opts.status ?? "ended") === "ended";
  const session = await prisma.liveSession.create({
    data: {
      code: opts.code ?? "ABCDEF",
      instructorId: opts.instructorId,
      deckId: opts.deckId,
      deckTitle: "IRSA pitfalls — week 3",
      activities: JSON.stringify(ACTIVITIES),
      status: ended ? "ended" : "live",
      phaseState: JSON.stringify({
        phase: ended ? { type: "ended", endedAt: createdAt.getTime() + 600_000 } : { type: "reveal", activityIndex: 2 },
        timeLimitsSec: [30, 30, 30],
        lobbyLocked: false,
        allowLateJoin: true,
      }),
      createdAt,
      endedAt: ended ? new Date(createdAt.getTime() + 600_000) : null,
    },
  });
  const ids: Record<string, string> = {};
  let minute = 0;
  for (const p of PEOPLE) {
    const row = await prisma.participant.create({
      data: {
        sessionId: session.id,
        nickname: p.nickname,
        score: p.score,
        streak: p.streak,
        kicked: p.kicked ?? false,
        joinedAt: new Date(createdAt.getTime() + minute++ * 1000),
      },
    });
    ids[p.nickname] = row.id;
    for (const [activityIndex, answer, correct, ms, points, bonus, picked, correctStep] of p.responses) {
      await prisma.response.create({
        data: {
          sessionId: session.id,
          participantId: row.id,
          activityIndex,
          answer: JSON.stringify(answer),
          correct,
          points,
          streakBonus: bonus,
          timeTakenMs: ms,
          pickedStep: picked ?? null,
          correctStep: correctStep ?? null,
          createdAt: new Date(createdAt.getTime() + 60_000 * (activityIndex + 1) + ms),
        },
      });
    }
  }
  return { sessionId: session.id, ids };
}
