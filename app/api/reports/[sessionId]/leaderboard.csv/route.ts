import { handler, requireInstructor } from "@/lib/auth/route";
import { leaderboardCsv } from "@/lib/reports/csv";
import { download, downloadName, reportFor, idSchema, sessionNotFound, type SessionContext } from "../../_lib/shared";

/** GET /api/reports/:sessionId/leaderboard.csv — RFC 4180, UTF-8 with BOM, CRLF; text cells guarded against formulas. */
export const GET = handler("reports/[sessionId]/leaderboard.csv", async (req, { params }: SessionContext) => {
  const auth = await requireInstructor(req);
  if (!auth.ok) return auth.response;
  const id = idSchema.safeParse((await params).sessionId);
  if (!id.success) return sessionNotFound();
  const loaded = await reportFor(id.data, { instructorId: auth.instructorId });
  if (!loaded) return sessionNotFound();
  return download(
    leaderboardCsv(loaded.report),
    downloadName(loaded.rows.session, "leaderboard.csv"),
    // RFC 4180 §3 registers text/csv; "header=present" says the first record names the fields.
    "text/csv; charset=utf-8; header=present",
  );
});
