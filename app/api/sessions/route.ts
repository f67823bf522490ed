import { randomInt } from "node:crypto";
import { createSessionSchema, type CreatedSessionDto } from "@/lib/contract";
import { errorResponse, handler, parseBody, requireInstructor } from "@/lib/auth/route";
import { getConfig } from "@/lib/config";
import { getPrisma } from "@/lib/db/client";
import { SessionRepository } from "@/lib/db/sessions";

/** Join codes are what stands between a stranger and a class: draw them from the CSPRNG. */
const secureRandom = () => randomInt(0, 2 ** 32) / 2 ** 32;

function publicBase(req: Request): string {
  return (getConfig().publicUrl ?? new URL(req.url).origin).replace(/\/+$/, "");
}

/**
 * POST /api/sessions {deckId, scoring, allowLateJoin} → 201 CreatedSessionDto: a live session from a deck the
 * instructor may run (theirs or the demo deck), with a snapshot of its activities and a join code unique among
 * live sessions.
 */
export const POST = handler("sessions", async (req) => {
  const auth = await requireInstructor(req);
  if (!auth.ok) return auth.response;
  const body = await parseBody(req, createSessionSchema);
  if (!body.ok) return body.response;
  const created = await new SessionRepository(getPrisma()).createSession({
    instructorId: auth.instructorId,
    deckId: body.data.deckId,
    scoring: body.data.scoring,
    allowLateJoin: body.data.allowLateJoin,
    random: secureRandom,
  });
  if (!created.ok) return errorResponse(created.code === "NOT_FOUND" ? 404 : 409, created.code, created.message);
  const dto: CreatedSessionDto = {
    sessionId: created.value.sessionId,
    code: created.value.code,
    joinUrl: `${publicBase(req)}/join/${created.value.code}`,
  };
  return Response.json(dto, { status: 201 });
});

/** GET /api/sessions → `{ sessions: SessionListItemDto[] }`: the instructor's sessions, newest first. */
export const GET = handler("sessions", async (req) => {
  const auth = await requireInstructor(req);
  if (!auth.ok) return auth.response;
  const sessions = await new SessionRepository(getPrisma()).listForInstructor(auth.instructorId);
  return Response.json({ sessions }, { headers: { "cache-control": "no-store" } });
});
