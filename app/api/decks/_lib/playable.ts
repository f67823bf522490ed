import type { DeckInput } from "@/lib/contract";
import { deckActivityIssues } from "@/lib/activities/deck-check";
import { getSharedCatalog, provideCustomScenarios } from "@/lib/activities/shared-catalog";
import { errorResponse } from "@/lib/auth/route";
import { getPrisma } from "@/lib/db/client";
import { customScenarioYaml } from "@/lib/db/scenarios";

/**
 * A deck whose activities cannot be played as saved (a config field the kind does not take, a scenario played as a
 * kind it cannot be — an authored chain fix whose break is not in the chain, say) is refused with 400, one issue per
 * activity and field, in the simulator's words. Null when every activity can be played.
 */
export async function refuseUnplayableActivities(activities: DeckInput["activities"]): Promise<Response | null> {
  const issues = await deckActivityIssues(activities, () => {
    provideCustomScenarios((id) => customScenarioYaml(getPrisma(), id));
    return getSharedCatalog();
  });
  if (issues.length === 0) return null;
  return errorResponse(400, "INVALID_PAYLOAD", "Some activities cannot be played as saved. Fix the points below and save again.", { issues: issues.slice(0, 20) });
}
