import { handler } from "@/lib/auth/route";
import { responsesCsv } from "@/lib/reports/csv";
import { CSV_CONTENT_TYPE, download, downloadName, instructorReport, type SessionContext } from "../../_lib/shared";

/** GET /api/reports/:sessionId/responses.csv — RFC 4180, UTF-8 with BOM, CRLF; text cells guarded against formulas. */
export const GET = handler("reports/[sessionId]/responses.csv", async (req, { params }: SessionContext) => {
  const r = await instructorReport(req, params);
  if (!r.ok) return r.response;
  return download(responsesCsv(r.report), downloadName(r.rows.session, "responses.csv"), CSV_CONTENT_TYPE);
});
