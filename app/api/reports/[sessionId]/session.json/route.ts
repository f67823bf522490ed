import { handler, requireInstructor } from "@/lib/auth/route";
import { sessionJson } from "@/lib/reports/json";
import { download, downloadName, reportFor, idSchema, sessionNotFound, type SessionContext } from "../../_lib/shared";

/** GET /api/reports/:sessionId/session.json — the whole session (activities, participants, responses, report). */
export const GET = handler("reports/[sessionId]/session.json", async (req, { params }: SessionContext) => {
  const auth = await requireInstructor(req);
  if (!auth.ok) return auth.response;
  const id = idSchema.safeParse((await params).sessionId);
  if (!id.success) return sessionNotFound();
  const loaded = await reportFor(id.data, { instructorId: auth.instructorId });
  if (!loaded) return sessionNotFound();
  return download(sessionJson(loaded.rows, loaded.report), downloadName(loaded.rows.session, "session.json"), "application/json; charset=utf-8");
});
