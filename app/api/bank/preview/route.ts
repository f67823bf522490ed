import { z } from "zod";
import { ACTIVITY_KINDS } from "@/lib/contract";
import { getSharedCatalog, provideCustomScenarios } from "@/lib/activities/shared-catalog";
import { errorResponse, handler, requireInstructor, zodIssues } from "@/lib/auth/route";
import { getPrisma } from "@/lib/db/client";
import { CUSTOM_PREFIX, customScenarioYaml, findOwnCustomScenario } from "@/lib/db/scenarios";

const querySchema = z.object({
  scenarioId: z.string().min(1).max(200),
  kind: z.enum(ACTIVITY_KINDS),
});

/**
 * GET /api/bank/preview?scenarioId=&kind= → `{ prompt }`: the activity as a phone would show it while it is open.
 * Only the prompt: the answer stays on the server (an instructor may project the preview). A custom scenario
 * previews for its own author only.
 */
export const GET = handler("bank/preview", async (req) => {
  const auth = await requireInstructor(req);
  if (!auth.ok) return auth.response;
  const url = new URL(req.url);
  const q = querySchema.safeParse({ scenarioId: url.searchParams.get("scenarioId") ?? "", kind: url.searchParams.get("kind") ?? "" });
  if (!q.success) return errorResponse(400, "INVALID_PAYLOAD", "Give a scenarioId and a kind.", { issues: zodIssues(q.error) });
  const { scenarioId, kind } = q.data;
  if (scenarioId.startsWith(CUSTOM_PREFIX) && !(await findOwnCustomScenario(getPrisma(), scenarioId.slice(CUSTOM_PREFIX.length), auth.instructorId))) {
    return errorResponse(404, "NOT_FOUND", "No such scenario.");
  }
  provideCustomScenarios((id) => customScenarioYaml(getPrisma(), id));
  const catalog = await getSharedCatalog();
  try {
    const activity = await catalog.prepare({ kind, scenarioId, config: {}, timeLimitSec: 30, pointsMultiplier: 1 });
    return Response.json({ prompt: activity.prompt }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    // The catalog refuses unknown scenarios and kinds a scenario cannot be played as, with a sentence that says so.
    return errorResponse(404, "NOT_FOUND", error instanceof Error ? error.message.split("\n")[0] ?? "No such activity." : "No such activity.");
  }
});
