import { clientAddress, errorResponse, handler } from "@/lib/auth/route";
import { getPrisma } from "@/lib/db/client";
import { joinCodeStatus, type JoinCodeStatus } from "@/lib/db/join-codes";
import { normalizeJoinCode } from "@/lib/quiz";
import { codeLookupLimiters } from "@/lib/auth/code-lookup-limits";
import { joinedSessions } from "@/lib/auth/joined-sessions";

/**
 * GET /api/codes/CODE → 200 `{ status: "live" | "ended" | "unknown" }`: lets the join form say at once that a typed
 * code leads nowhere, or to a session that has ended, before the student picks a nickname. It answers that word
 * and nothing else (lib/db/join-codes.ts), and it is rate-limited per client address as `session:join` is
 * (lib/auth/code-lookup-limits.ts): every lookup counts against the address's lookup budget, and only
 * `CODE_LOOKUP_LIMITS.wrongPerClient.limit` answers that a code leads to no live session are given per window —
 * past that, such lookups get 429 RATE_LIMITED with Retry-After. Past that budget a live code is still answered
 * for a session already joined from the address (a class behind one campus NAT address must not be locked out by
 * its own typos) and refused for any other, as joining does (lib/auth/joined-sessions.ts).
 */
export const GET = handler("codes", async (req, ctx: { params: Promise<{ code: string }> }) => {
  const { code: raw } = await ctx.params;
  const ip = clientAddress(req);
  const limits = codeLookupLimiters();
  const wait = await limits.perClient.retryAfterMs(ip);
  if (wait > 0) return tooMany(wait);
  await limits.perClient.recordFailure(ip);
  const code = normalizeJoinCode(raw.slice(0, 32));
  const { status, liveSessionId } = code ? await joinCodeStatus(getPrisma(), code, new Date()) : UNKNOWN;
  if (liveSessionId) {
    // Past its misses, an address is told only about sessions it has joined (its class's): otherwise a guesser
    // would go on learning live codes here at the lookup rate (lib/auth/joined-sessions.ts).
    const missWait = await limits.wrongPerClient.retryAfterMs(ip);
    if (missWait > 0 && !(await joinedSessions().has(ip, liveSessionId))) return tooMany(missWait);
  } else {
    // Recorded, then checked: lookups running in parallel each find their own miss counted, so no more misses are
    // answered per window than the budget, however many are in flight.
    await limits.wrongPerClient.recordFailure(ip);
    const missWait = await limits.wrongPerClient.retryAfterMs(ip);
    if (missWait > 0) return tooMany(missWait);
  }
  return Response.json({ status }, { headers: { "cache-control": "no-store" } });
});

const UNKNOWN = { status: "unknown", liveSessionId: null } as const satisfies { status: JoinCodeStatus; liveSessionId: null };

function tooMany(waitMs: number): Response {
  return errorResponse(429, "RATE_LIMITED", "Too many code checks; wait a minute.", {
    headers: { "retry-after": String(Math.ceil(waitMs / 1000)) },
  });
}
