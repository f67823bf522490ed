import { withScenarioTitles } from "@/lib/activities/shared-catalog";
import { deckInputSchema } from "@/lib/contract";
import { handler, parseBody, requireInstructor } from "@/lib/auth/route";
import { refuseForeignScenarios } from "@/lib/auth/deck-errors";
import { getPrisma } from "@/lib/db/client";
import { createDeck, listDecks } from "@/lib/db/decks";
import { refuseUnplayableActivities } from "./_lib/playable";

/** GET /api/decks → `{ decks }`: the instructor's decks, newest first, then the shared demo deck. */
export const GET = handler("decks", async (req) => {
  const auth = await requireInstructor(req);
  if (!auth.ok) return auth.response;
  return Response.json({ decks: await Promise.all((await listDecks(getPrisma(), auth.instructorId)).map(withScenarioTitles)) }, { headers: { "cache-control": "no-store" } });
});

/** POST /api/decks DeckInput → 201 `{ deck }`. */
export const POST = handler("decks", async (req) => {
  const auth = await requireInstructor(req);
  if (!auth.ok) return auth.response;
  const body = await parseBody(req, deckInputSchema);
  if (!body.ok) return body.response;
  const refused = (await refuseForeignScenarios(auth.instructorId, body.data.activities)) ?? (await refuseUnplayableActivities(body.data.activities));
  if (refused) return refused;
  return Response.json({ deck: await withScenarioTitles(await createDeck(getPrisma(), auth.instructorId, body.data)) }, { status: 201 });
});
