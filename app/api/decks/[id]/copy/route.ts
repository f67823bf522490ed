import { withScenarioTitles } from "@/lib/activities/shared-catalog";
import { deckNotFound } from "@/lib/auth/deck-errors";
import { handler, requireInstructor } from "@/lib/auth/route";
import { getPrisma } from "@/lib/db/client";
import { copyDeck } from "@/lib/db/decks";

type Context = { params: Promise<{ id: string }> };

/** POST /api/decks/:id/copy → 201 `{ deck }`: a copy of the demo deck or one's own, owned by the instructor. */
export const POST = handler("decks/[id]/copy", async (req, { params }: Context) => {
  const auth = await requireInstructor(req);
  if (!auth.ok) return auth.response;
  const deck = await copyDeck(getPrisma(), (await params).id, auth.instructorId);
  if (!deck) return deckNotFound();
  return Response.json({ deck: await withScenarioTitles(deck) }, { status: 201 });
});
