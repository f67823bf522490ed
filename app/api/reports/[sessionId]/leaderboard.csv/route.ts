import { handler } from "@/lib/auth/route";
import { leaderboardCsv } from "@/lib/reports/csv";
import { CSV_CONTENT_TYPE, download, downloadName, instructorReport, type SessionContext } from "../../_lib/shared";

/** GET /api/reports/:sessionId/leaderboard.csv — RFC 4180, UTF-8 with BOM, CRLF; text cells guarded against formulas. */
export const GET = handler("reports/[sessionId]/leaderboard.csv", async (req, { params }: SessionContext) => {
  const r = await instructorReport(req, params);
  if (!r.ok) return r.response;
  return download(leaderboardCsv(r.report), downloadName(r.rows.session, "leaderboard.csv"), CSV_CONTENT_TYPE);
});
