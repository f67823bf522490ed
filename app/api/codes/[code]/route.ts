import { clientAddress, errorResponse, handler } from "@/lib/auth/route";
import { getPrisma } from "@/lib/db/client";
import { joinCodeStatus, type JoinCodeStatus } from "@/lib/db/join-codes";
import { normalizeJoinCode } from "@/lib/quiz";
import { codeLookupLimiters } from "@/lib/auth/code-lookup-limits";

/**
 * GET /api/codes/CODE → 200 `{ status: "live" | "ended" | "unknown" }`: lets the join form say at once that a typed
 * code leads nowhere, or to a session that has ended, before the student picks a nickname. It answers that word
 * and nothing else (lib/db/join-codes.ts), and it is rate-limited per client address like joining
 * (lib/auth/code-lookup-limits.ts): 429 RATE_LIMITED with Retry-After.
 */
export const GET = handler("codes", async (req, ctx: { params: Promise<{ code: string }> }) => {
  const { code: raw } = await ctx.params;
  const ip = clientAddress(req);
  const limits = codeLookupLimiters();
  const wait = Math.max(await limits.perClient.retryAfterMs(ip), await limits.wrongPerClient.retryAfterMs(ip));
  if (wait > 0) {
    return errorResponse(429, "RATE_LIMITED", "Too many code checks; wait a minute.", {
      headers: { "retry-after": String(Math.ceil(wait / 1000)) },
    });
  }
  await limits.perClient.recordFailure(ip);
  const code = normalizeJoinCode(raw.slice(0, 32));
  const status: JoinCodeStatus = code ? await joinCodeStatus(getPrisma(), code, new Date()) : "unknown";
  // Only codes that lead to no live session drain this budget: a class joining a real session never meets it.
  if (status !== "live") await limits.wrongPerClient.recordFailure(ip);
  return Response.json({ status }, { headers: { "cache-control": "no-store" } });
});
