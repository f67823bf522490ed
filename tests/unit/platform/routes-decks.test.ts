import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as signUp } from "@/app/api/auth/signup/route";
import { DELETE as deleteDeck, GET as getDeck, PUT as putDeck } from "@/app/api/decks/[id]/route";
import { POST as copyDeck } from "@/app/api/decks/[id]/copy/route";
import { GET as listDecks, POST as createDeck } from "@/app/api/decks/route";
import type { DeckDto, DeckInput } from "@/lib/contract";
import { DEMO_DECK_TITLE } from "@/lib/db/decks";
import { seedDatabase } from "@/prisma/seed";
import { jsonRequest, sessionCookieFrom, useTempDatabase } from "./helpers";

let db: Awaited<ReturnType<typeof useTempDatabase>>;
let alice: string;
let bob: string;
let demoDeckId: string;

const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

async function signUpAs(email: string): Promise<string> {
  const res = await signUp(jsonRequest("POST", "/api/auth/signup", { email, name: email, password: "long-enough-pw" }));
  return sessionCookieFrom(res);
}

beforeAll(async () => {
  db = await useTempDatabase();
  demoDeckId = (await seedDatabase(db.prisma)).demoDeckId;
  alice = await signUpAs("alice@example.org");
  bob = await signUpAs("bob@example.org");
});
afterAll(() => db.cleanup());

const input: DeckInput = {
  title: "Week 3",
  description: "Trust policies",
  activities: [
    { kind: "pitfall", scenarioId: "pitfall/audience-mismatch", config: {}, timeLimitSec: 20, pointsMultiplier: 2 },
    { kind: "which-step", scenarioId: "flow/no-oidc-provider", config: { errorPart: true }, timeLimitSec: 60, pointsMultiplier: 1 },
  ],
};

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

describe("deck routes", () => {
  let deckId: string;

  it("refuse every request without the instructor cookie", async () => {
    const results = await Promise.all([
      listDecks(jsonRequest("GET", "/api/decks")),
      createDeck(jsonRequest("POST", "/api/decks", input)),
      getDeck(jsonRequest("GET", `/api/decks/${demoDeckId}`), ctx(demoDeckId)),
      putDeck(jsonRequest("PUT", `/api/decks/${demoDeckId}`, input), ctx(demoDeckId)),
      deleteDeck(jsonRequest("DELETE", `/api/decks/${demoDeckId}`), ctx(demoDeckId)),
      copyDeck(jsonRequest("POST", `/api/decks/${demoDeckId}/copy`), ctx(demoDeckId)),
    ]);
    expect(results.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401]);
  });

  it("POST creates a deck with ordered activities and titles", async () => {
    const res = await createDeck(jsonRequest("POST", "/api/decks", input, { cookie: alice }));
    expect(res.status).toBe(201);
    const { deck } = await json<{ deck: DeckDto }>(res);
    deckId = deck.id;
    expect(deck).toMatchObject({ title: "Week 3", description: "Trust policies", ownerId: expect.any(String) as string });
    expect(deck.activities.map((a) => [a.position, a.kind, a.scenarioId, a.timeLimitSec, a.pointsMultiplier, a.title])).toEqual([
      [0, "pitfall", "pitfall/audience-mismatch", 20, 2, "Audience mismatch"],
      [1, "which-step", "flow/no-oidc-provider", 60, 1, "No oidc provider"],
    ]);
    expect(deck.activities[1]?.config).toEqual({ errorPart: true });
  });

  it("POST validates the body", async () => {
    const res = await createDeck(
      jsonRequest("POST", "/api/decks", { ...input, activities: [{ kind: "essay", scenarioId: "x" }] }, { cookie: alice }),
    );
    expect(res.status).toBe(400);
    expect((await json<{ error: { issues: { path: string }[] } }>(res)).error.issues[0]?.path).toBe("activities.0.kind");
  });

  it("GET lists the instructor's decks, then the demo deck, and not other instructors' decks", async () => {
    const mine = await json<{ decks: DeckDto[] }>(await listDecks(jsonRequest("GET", "/api/decks", undefined, { cookie: alice })));
    expect(mine.decks.map((d) => d.title)).toEqual(["Week 3", DEMO_DECK_TITLE]);
    expect(mine.decks[1]?.ownerId).toBeNull();
    expect(mine.decks[1]?.activities.map((a) => a.kind)).toEqual(expect.arrayContaining(["pitfall", "which-step"]));
    const theirs = await json<{ decks: DeckDto[] }>(await listDecks(jsonRequest("GET", "/api/decks", undefined, { cookie: bob })));
    expect(theirs.decks.map((d) => d.title)).toEqual([DEMO_DECK_TITLE]);
  });

  it("GET /:id reads own and demo decks; another instructor's is 404", async () => {
    expect((await getDeck(jsonRequest("GET", `/api/decks/${deckId}`, undefined, { cookie: alice }), ctx(deckId))).status).toBe(200);
    expect((await getDeck(jsonRequest("GET", `/api/decks/${demoDeckId}`, undefined, { cookie: bob }), ctx(demoDeckId))).status).toBe(200);
    const res = await getDeck(jsonRequest("GET", `/api/decks/${deckId}`, undefined, { cookie: bob }), ctx(deckId));
    expect(res.status).toBe(404);
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe("NOT_FOUND");
    expect((await getDeck(jsonRequest("GET", "/api/decks/nope", undefined, { cookie: alice }), ctx("nope"))).status).toBe(404);
  });

  it("PUT replaces title, description and activities", async () => {
    const next: DeckInput = {
      title: "Week 3 (revised)",
      description: "",
      activities: [{ kind: "which-step", scenarioId: "flow/x", config: {}, timeLimitSec: 30, pointsMultiplier: 0 }],
    };
    const res = await putDeck(jsonRequest("PUT", `/api/decks/${deckId}`, next, { cookie: alice }), ctx(deckId));
    expect(res.status).toBe(200);
    const { deck } = await json<{ deck: DeckDto }>(res);
    expect(deck.title).toBe("Week 3 (revised)");
    expect(deck.activities.map((a) => [a.position, a.scenarioId, a.pointsMultiplier])).toEqual([[0, "flow/x", 0]]);
    expect(await db.prisma.deckActivity.count({ where: { deckId } })).toBe(1);
  });

  it("PUT and DELETE on the demo deck are 403 with a hint to copy it; on another's deck 404", async () => {
    const put = await putDeck(jsonRequest("PUT", `/api/decks/${demoDeckId}`, input, { cookie: alice }), ctx(demoDeckId));
    expect(put.status).toBe(403);
    expect((await json<{ error: { code: string; message: string } }>(put)).error).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/read-only.*Copy it/) as string,
    });
    const del = await deleteDeck(jsonRequest("DELETE", `/api/decks/${demoDeckId}`, undefined, { cookie: alice }), ctx(demoDeckId));
    expect(del.status).toBe(403);
    expect((await putDeck(jsonRequest("PUT", `/api/decks/${deckId}`, input, { cookie: bob }), ctx(deckId))).status).toBe(404);
    expect((await deleteDeck(jsonRequest("DELETE", `/api/decks/${deckId}`, undefined, { cookie: bob }), ctx(deckId))).status).toBe(404);
  });

  it("POST /:id/copy copies the demo deck to the instructor, editable", async () => {
    const res = await copyDeck(jsonRequest("POST", `/api/decks/${demoDeckId}/copy`, undefined, { cookie: bob }), ctx(demoDeckId));
    expect(res.status).toBe(201);
    const { deck } = await json<{ deck: DeckDto }>(res);
    const demo = await json<{ deck: DeckDto }>(
      await getDeck(jsonRequest("GET", `/api/decks/${demoDeckId}`, undefined, { cookie: bob }), ctx(demoDeckId)),
    );
    expect(deck.title).toBe(`${DEMO_DECK_TITLE} (copy)`);
    expect(deck.ownerId).not.toBeNull();
    expect(deck.activities.map((a) => a.scenarioId)).toEqual(demo.deck.activities.map((a) => a.scenarioId));
    const put = await putDeck(jsonRequest("PUT", `/api/decks/${deck.id}`, input, { cookie: bob }), ctx(deck.id));
    expect(put.status).toBe(200);
    expect((await copyDeck(jsonRequest("POST", `/api/decks/${deckId}/copy`, undefined, { cookie: bob }), ctx(deckId))).status).toBe(404);
  });

  it("DELETE removes an own deck and its activities", async () => {
    const res = await deleteDeck(jsonRequest("DELETE", `/api/decks/${deckId}`, undefined, { cookie: alice }), ctx(deckId));
    expect(res.status).toBe(200);
    expect(await db.prisma.deck.findUnique({ where: { id: deckId } })).toBeNull();
    expect(await db.prisma.deckActivity.count({ where: { deckId } })).toBe(0);
    expect((await deleteDeck(jsonRequest("DELETE", `/api/decks/${deckId}`, undefined, { cookie: alice }), ctx(deckId))).status).toBe(404);
  });
});
