import type { PrismaClient } from "./client";
import { SessionRepository } from "./sessions";

/**
 * What a typed join code leads to, for the join form's early check (GET /api/codes/CODE): a live session, one that
 * ended recently, or nothing. Deliberately nothing more — no session id, title, size or instructor — so the lookup
 * tells a stranger no more than a join attempt with that code would.
 */
export type JoinCodeStatus = "live" | "ended" | "unknown";

/**
 * How long an ended session still answers "ended" for its code. A code is reused once its session has ended, and a
 * student who typed last week's code is better told "no live session" than "ended"; within a day, "ended" is the
 * likely truth (the class has just finished, or the student came late).
 */
export const ENDED_RECENTLY_MS = 24 * 60 * 60 * 1000;

/**
 * The status, and for the server's own use the live session's id (the route's rate limit needs it; the response
 * never carries it).
 * @example await joinCodeStatus(prisma, "K7QX2M", new Date()) // → { status: "live", liveSessionId: "…" }
 */
export async function joinCodeStatus(
  prisma: PrismaClient,
  code: string,
  now: Date,
): Promise<{ status: JoinCodeStatus; liveSessionId: string | null }> {
  // The repository's lookup, the one joining falls back to: the early check and a join never disagree about "live".
  const live = await new SessionRepository(prisma).findLiveByCode(code);
  if (live) return { status: "live", liveSessionId: live.id };
  const ended = await prisma.liveSession.findFirst({
    where: { code, status: "ended", endedAt: { gte: new Date(now.getTime() - ENDED_RECENTLY_MS) } },
    select: { id: true },
  });
  return { status: ended ? "ended" : "unknown", liveSessionId: null };
}
