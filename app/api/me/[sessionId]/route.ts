import { errorResponse, handler } from "@/lib/auth/route";
import { getAuthSecret } from "@/lib/auth/secret";
import { verifyParticipantToken } from "@/lib/auth/tokens";
import { toMyResults } from "@/lib/reports/dto";
import { reportFor, idSchema, NO_STORE, type SessionContext } from "../../reports/_lib/shared";

/**
 * GET /api/me/:sessionId with `Authorization: Bearer <participantToken>` (RFC 6750 §2.1) → `{ results: MyResultsDto }`:
 * the student's final rank, their answers with explanations, and the top of the final leaderboard.
 * Only once the session has ended: before that, the explanations would give answers away.
 */
export const GET = handler("me/[sessionId]", async (req, { params }: SessionContext) => {
  const id = idSchema.safeParse((await params).sessionId);
  const header = req.headers.get("authorization") ?? "";
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const claims = token ? await verifyParticipantToken(token, getAuthSecret()) : null;
  if (!claims) {
    return errorResponse(401, "UNAUTHORIZED", "This device has no valid place in that session. Results open on the phone that joined.", {
      headers: { "www-authenticate": 'Bearer realm="irsa-classroom"' },
    });
  }
  if (!id.success || claims.sessionId !== id.data) {
    return errorResponse(403, "FORBIDDEN", "This device joined a different session.");
  }
  const loaded = await reportFor(id.data, { participantId: claims.participantId });
  if (!loaded) return errorResponse(404, "NOT_FOUND", "This session no longer exists.");
  if (loaded.report.session.status !== "ended") {
    return errorResponse(409, "CONFLICT", "Your results appear here when the instructor ends the session.");
  }
  const results = toMyResults(loaded.report, claims.participantId);
  if (!results) return errorResponse(403, "KICKED", "The instructor removed you from this session.");
  return Response.json({ results }, { headers: NO_STORE });
});
