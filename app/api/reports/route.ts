import { z } from "zod";
import { errorResponse, handler, requireInstructor, zodIssues } from "@/lib/auth/route";
import { getPrisma } from "@/lib/db/client";
import { listHistory } from "@/lib/db/reports";
import { getReportLabeler, NO_STORE } from "./_lib/shared";

const querySchema = z.object({
  /** Part of the deck title. */
  q: z.string().trim().max(120).optional(),
  /** ISO instants; the page sends the bounds of a day in the instructor's time zone. */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/** GET /api/reports?q=&from=&to= → `{ sessions: HistoryItem[] }`: the instructor's sessions, newest first. */
export const GET = handler("reports", async (req) => {
  const auth = await requireInstructor(req);
  if (!auth.ok) return auth.response;
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const query = querySchema.safeParse(params);
  if (!query.success) {
    return errorResponse(400, "INVALID_PAYLOAD", "The search is not valid.", { issues: zodIssues(query.error) });
  }
  // The history is where a report is opened from: start loading the scenario bank now (once per process; the
  // simulator judges every scenario), so the report the instructor picks next does not wait for it.
  getReportLabeler();
  const { q, from, to } = query.data;
  const sessions = await listHistory(getPrisma(), auth.instructorId, {
    q: q || undefined,
    from: from ? new Date(from) : undefined,
    to: to ? new Date(to) : undefined,
  });
  return Response.json({ sessions }, { headers: NO_STORE });
});
