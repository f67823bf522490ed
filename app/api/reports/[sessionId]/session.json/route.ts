import { handler } from "@/lib/auth/route";
import { sessionJson } from "@/lib/reports/json";
import { download, downloadName, instructorReport, type SessionContext } from "../../_lib/shared";

/** GET /api/reports/:sessionId/session.json — the whole session (activities, participants, responses, report). */
export const GET = handler("reports/[sessionId]/session.json", async (req, { params }: SessionContext) => {
  const r = await instructorReport(req, params);
  if (!r.ok) return r.response;
  return download(sessionJson(r.rows, r.report), downloadName(r.rows.session, "session.json"), "application/json; charset=utf-8");
});
