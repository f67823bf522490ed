import { withScenarioTitles } from "@/lib/activities/shared-catalog";
import { deckInputSchema } from "@/lib/contract";
import { deckNotFound, demoDeckReadOnly, refuseForeignScenarios } from "@/lib/auth/deck-errors";
import { handler, parseBody, requireInstructor } from "@/lib/auth/route";
import { getPrisma } from "@/lib/db/client";
import { deleteDeck, findReadableDeck, replaceDeck } from "@/lib/db/decks";
import { refuseUnplayableActivities } from "../_lib/playable";

type Context = { params: Promise<{ id: string }> };

/** GET /api/decks/:id → `{ deck }` (own or the demo deck). */
export const GET = handler("decks/[id]", async (req, { params }: Context) => {
  const auth = await requireInstructor(req);
  if (!auth.ok) return auth.response;
  const found = await findReadableDeck(getPrisma(), (await params).id, auth.instructorId);
  if (!found) return deckNotFound();
  return Response.json({ deck: await withScenarioTitles(found.deck) }, { headers: { "cache-control": "no-store" } });
});

/** PUT /api/decks/:id DeckInput → `{ deck }`: title, description and activities replaced in one transaction. */
export const PUT = handler("decks/[id]", async (req, { params }: Context) => {
  const auth = await requireInstructor(req);
  if (!auth.ok) return auth.response;
  const body = await parseBody(req, deckInputSchema);
  if (!body.ok) return body.response;
  const refused = (await refuseForeignScenarios(auth.instructorId, body.data.activities)) ?? (await refuseUnplayableActivities(body.data.activities));
  if (refused) return refused;
  const result = await replaceDeck(getPrisma(), (await params).id, auth.instructorId, body.data);
  if (!result.ok) return result.reason === "READ_ONLY" ? demoDeckReadOnly() : deckNotFound();
  return Response.json({ deck: await withScenarioTitles(result.deck) });
});

/** DELETE /api/decks/:id → `{ ok: true }` (own decks only). Sessions keep their snapshot of the deck. */
export const DELETE = handler("decks/[id]", async (req, { params }: Context) => {
  const auth = await requireInstructor(req);
  if (!auth.ok) return auth.response;
  const result = await deleteDeck(getPrisma(), (await params).id, auth.instructorId);
  if (!result.ok) return result.reason === "READ_ONLY" ? demoDeckReadOnly() : deckNotFound();
  return Response.json({ ok: true });
});
