import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as signUp } from "@/app/api/auth/signup/route";
import { GET as listSessions, POST as createSession } from "@/app/api/sessions/route";
import type { CreatedSessionDto, SessionListItemDto } from "@/lib/contract";
import { parseState } from "@/lib/quiz";
import { seedDatabase } from "@/prisma/seed";
import { jsonRequest, sessionCookieFrom, useTempDatabase } from "../unit/platform/helpers";

let db: Awaited<ReturnType<typeof useTempDatabase>>;
let alice: string;
let bob: string;
let demoDeckId: string;

async function signUpAs(email: string): Promise<string> {
  return sessionCookieFrom(await signUp(jsonRequest("POST", "/api/auth/signup", { email, name: email, password: "long-enough-pw" })));
}

beforeAll(async () => {
  db = await useTempDatabase();
  demoDeckId = (await seedDatabase(db.prisma)).demoDeckId;
  alice = await signUpAs("alice-sessions@example.org");
  bob = await signUpAs("bob-sessions@example.org");
});
afterAll(() => db.cleanup());

describe("/api/sessions", () => {
  it("creates a live session from the demo deck with a join code and a snapshot of its activities", async () => {
    const res = await createSession(jsonRequest("POST", "/api/sessions", { deckId: demoDeckId, scoring: "accuracy", allowLateJoin: false }, { cookie: alice }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as CreatedSessionDto;
    expect(body.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
    expect(body.joinUrl).toBe(`http://localhost:3000/join/${body.code}`);
    const row = await db.prisma.liveSession.findUniqueOrThrow({ where: { id: body.sessionId } });
    const deckActivities = await db.prisma.deckActivity.count({ where: { deckId: demoDeckId } });
    expect(JSON.parse(row.activities)).toHaveLength(deckActivities);
    expect(row).toMatchObject({ scoring: "accuracy", allowLateJoin: false, status: "live" });
    expect(parseState(row.phaseState)).toMatchObject({ phase: { type: "lobby" }, allowLateJoin: false, lobbyLocked: false });
  });

  it("gives different codes to live sessions", async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const res = await createSession(jsonRequest("POST", "/api/sessions", { deckId: demoDeckId }, { cookie: alice }));
      codes.add(((await res.json()) as CreatedSessionDto).code);
    }
    expect(codes.size).toBe(10);
  });

  it("lists only the caller's sessions", async () => {
    const a = (await (await listSessions(jsonRequest("GET", "/api/sessions", undefined, { cookie: alice }))).json()) as { sessions: SessionListItemDto[] };
    expect(a.sessions).toHaveLength(11);
    expect(a.sessions[0]).toMatchObject({ status: "live", participants: 0, deckId: demoDeckId });
    const b = (await (await listSessions(jsonRequest("GET", "/api/sessions", undefined, { cookie: bob }))).json()) as { sessions: SessionListItemDto[] };
    expect(b.sessions).toEqual([]);
  });

  it.each([
    ["no cookie", { deckId: "x" }, undefined, 401, "UNAUTHORIZED"],
    ["a missing deck id", {}, "alice", 400, "INVALID_PAYLOAD"],
    ["an unknown scoring mode", { deckId: "x", scoring: "luck" }, "alice", 400, "INVALID_PAYLOAD"],
    ["a deck that does not exist", { deckId: "nope" }, "alice", 404, "NOT_FOUND"],
  ])("refuses %s", async (_n, body, who, status, code) => {
    const res = await createSession(jsonRequest("POST", "/api/sessions", body, { cookie: who === "alice" ? alice : undefined }));
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it("refuses another instructor's deck", async () => {
    const own = await db.prisma.deck.create({
      data: { instructorId: (await db.prisma.instructor.findFirstOrThrow({ where: { email: "bob-sessions@example.org" } })).id, title: "Bob's", activities: { create: [{ position: 0, kind: "pitfall", scenarioId: "x" }] } },
    });
    const res = await createSession(jsonRequest("POST", "/api/sessions", { deckId: own.id }, { cookie: alice }));
    expect(res.status).toBe(404);
  });
});
