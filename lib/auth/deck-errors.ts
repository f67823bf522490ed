import { getPrisma } from "@/lib/db/client";
import { foreignCustomIds } from "@/lib/db/scenarios";
import { errorResponse } from "./route";

/** The answers of app/api/decks/** when a deck cannot be read or written. */
export function deckNotFound(): Response {
  return errorResponse(404, "NOT_FOUND", "This deck does not exist, or it is not yours.");
}

export function demoDeckReadOnly(): Response {
  return errorResponse(
    403,
    "FORBIDDEN",
    "The demo deck is shared and read-only. Copy it to get your own version you can edit.",
  );
}

/**
 * A deck may use the instructor's own authored scenarios only: a `custom:<id>` of someone else's (or one that
 * does not exist) is refused with 400 naming the activity, as if it did not exist.
 */
export async function refuseForeignScenarios(instructorId: string, activities: readonly { scenarioId: string }[]): Promise<Response | null> {
  const foreign = new Set(await foreignCustomIds(getPrisma(), instructorId, activities.map((a) => a.scenarioId)));
  if (foreign.size === 0) return null;
  return errorResponse(400, "INVALID_PAYLOAD", "This deck uses an authored scenario that does not exist or is not yours.", {
    issues: activities.flatMap((a, i) => (foreign.has(a.scenarioId) ? [{ path: `activities.${i}.scenarioId`, message: `unknown scenario ${a.scenarioId}` }] : [])),
  });
}
