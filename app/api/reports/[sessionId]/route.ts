import { errorResponse, handler } from "@/lib/auth/route";
import { getPrisma } from "@/lib/db/client";
import { deleteSession } from "@/lib/db/reports";
import { toReportDto, toStudentDetail } from "@/lib/reports/dto";
import { forgetReport, instructorReport, instructorSession, NO_STORE, sessionNotFound, type SessionContext } from "../_lib/shared";

/**
 * GET /api/reports/:sessionId → `{ report: ReportDto }`, computed from the database (works for any session, after
 * any restart). With `?student=<participantId>` → `{ student, answers }`: that student's every answer, labelled.
 * Only the session's own instructor; anyone else gets 404 (a session id reveals nothing).
 */
export const GET = handler("reports/[sessionId]", async (req, { params }: SessionContext) => {
  const loaded = await instructorReport(req, params);
  if (!loaded.ok) return loaded.response;

  const student = new URL(req.url).searchParams.get("student");
  if (student !== null) {
    const detail = toStudentDetail(loaded.report, student);
    if (!detail) return errorResponse(404, "NOT_FOUND", "No such student in this session.");
    return Response.json(detail, { headers: NO_STORE });
  }
  return Response.json({ report: toReportDto(loaded.report) }, { headers: NO_STORE });
});

/**
 * DELETE /api/reports/:sessionId → `{ ok: true }`: the session, its participants and every response are deleted
 * (ON DELETE CASCADE). A live session is refused with 409: end it first.
 */
export const DELETE = handler("reports/[sessionId]", async (req, { params }: SessionContext) => {
  const session = await instructorSession(req, params);
  if (!session.ok) return session.response;
  const result = await deleteSession(getPrisma(), session.sessionId, session.instructorId);
  forgetReport(session.sessionId);
  if (!result.ok) {
    return result.reason === "LIVE"
      ? errorResponse(409, "CONFLICT", "This session is still live. End it from the console before deleting it.")
      : sessionNotFound();
  }
  return Response.json({ ok: true }, { headers: NO_STORE });
});
