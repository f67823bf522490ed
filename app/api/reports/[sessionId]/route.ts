import { errorResponse, handler, requireInstructor } from "@/lib/auth/route";
import { getPrisma } from "@/lib/db/client";
import { deleteSession } from "@/lib/db/reports";
import { toReportDto, toStudentDetail } from "@/lib/reports/dto";
import { forgetReport, idSchema, NO_STORE, reportFor, sessionNotFound, type SessionContext } from "../_lib/shared";

/**
 * GET /api/reports/:sessionId → `{ report: ReportDto }`, computed from the database (works for any session, after
 * any restart). With `?student=<participantId>` → `{ student, answers }`: that student's every answer, labelled.
 * Only the session's own instructor; anyone else gets 404 (a session id reveals nothing).
 */
export const GET = handler("reports/[sessionId]", async (req, { params }: SessionContext) => {
  const auth = await requireInstructor(req);
  if (!auth.ok) return auth.response;
  const id = idSchema.safeParse((await params).sessionId);
  if (!id.success) return sessionNotFound();
  const loaded = await reportFor(id.data, { instructorId: auth.instructorId });
  if (!loaded) return sessionNotFound();

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
  const auth = await requireInstructor(req);
  if (!auth.ok) return auth.response;
  const id = idSchema.safeParse((await params).sessionId);
  if (!id.success) return sessionNotFound();
  const result = await deleteSession(getPrisma(), id.data, auth.instructorId);
  forgetReport(id.data);
  if (!result.ok) {
    return result.reason === "LIVE"
      ? errorResponse(409, "CONFLICT", "This session is still live. End it from the console before deleting it.")
      : sessionNotFound();
  }
  return Response.json({ ok: true }, { headers: NO_STORE });
});
