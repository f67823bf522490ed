import type { ActivitySpec } from "@/lib/activities/types";
import { errorResponse, handler, requireInstructor } from "@/lib/auth/route";
import { getPrisma } from "@/lib/db/client";
import { loadDeckRuns } from "@/lib/db/reports";
import { compareSessions } from "@/lib/reports/compare";
import { getReportLabeler, idSchema, NO_STORE } from "../_lib/shared";

/**
 * GET /api/reports/compare?deckId=… → `{ comparison: DeckComparison }`: per-activity accuracy of every run of the
 * deck by this instructor, side by side, oldest first.
 */
export const GET = handler("reports/compare", async (req) => {
  const auth = await requireInstructor(req);
  if (!auth.ok) return auth.response;
  const deckId = idSchema.safeParse(new URL(req.url).searchParams.get("deckId"));
  if (!deckId.success) return errorResponse(400, "INVALID_PAYLOAD", "Say which deck to compare: ?deckId=…");
  const runs = await loadDeckRuns(getPrisma(), deckId.data, auth.instructorId);
  if (!runs) return errorResponse(404, "NOT_FOUND", "No such deck among yours.");
  const specs = new Map<string, ActivitySpec>();
  for (const s of runs.sessions) for (const a of s.activities) specs.set(`${a.kind}:${a.scenarioId}`, a);
  const labels = await getReportLabeler().label([...specs.values()]);
  const byKey = new Map(labels.map((l) => [`${l.kind}:${l.scenarioId}`, l]));
  const comparison = compareSessions(runs.deck, runs.sessions, (spec) => byKey.get(`${spec.kind}:${spec.scenarioId}`)!);
  return Response.json({ comparison }, { headers: NO_STORE });
});
