import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack, HostCommand, HostView } from "@/lib/contract";
import { ACTIVITY_KINDS } from "@/lib/contract";
import { createCatalog } from "@/lib/activities/catalog";
import type { ActivityCatalog, ActivitySpec, PreparedActivity } from "@/lib/activities/types";
import { INSTRUCTOR_COOKIE } from "@/lib/auth/cookies";
import { signInstructorToken, signParticipantToken } from "@/lib/auth/tokens";
import type { AppServer } from "@/server/app-server";
import { createTestDb, SECRET_KEY, seedSession, startTestServer, TestClient, untilAll, type DeckActivityInput, type TestDb } from "../support/harness";
import { databaseSnapshot } from "./support";

/**
 * Authorisation over the socket, event by event, and the answer key's secrecy with the real activity catalog
 * (issue 6). Identity comes only from the handshake (participant token, instructor cookie): nothing in a
 * payload can change who is acting or in which session.
 */

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});
function track<T extends TestClient>(c: T): T {
  cleanups.push(() => c.close());
  return c;
}
const code = (a: Ack<unknown>) => (a.ok ? "ok" : a.error.code);

const COMMANDS: HostCommand[] = [
  { type: "start" },
  { type: "next" },
  { type: "close" },
  { type: "addTime", seconds: 30 },
  { type: "skip" },
  { type: "reveal" },
  { type: "leaderboard" },
  { type: "end" },
  { type: "kick", participantId: "x" },
  { type: "lockLobby", locked: true },
  { type: "allowLateJoin", allowed: false },
  { type: "replayStep", step: 1 },
] as HostCommand[];

describe("authorisation over the socket", () => {
  let db: TestDb;
  let server: AppServer;
  let a: Awaited<ReturnType<typeof seedSession>>;
  let b: Awaited<ReturnType<typeof seedSession>>;
  let hostA: TestClient;
  let hostB: TestClient;
  let anon: TestClient;
  let alice: TestClient;
  let bobInB: TestClient;
  let carol: TestClient;

  beforeAll(async () => {
    db = await createTestDb();
    cleanups.push(() => db.cleanup());
    a = await seedSession(db.prisma);
    b = await seedSession(db.prisma);
    server = await startTestServer(db.prisma);
    cleanups.push(() => server.close());
    hostA = track(new TestClient(server.url, { cookie: a.cookie }));
    hostB = track(new TestClient(server.url, { cookie: b.cookie }));
    anon = track(new TestClient(server.url));
    alice = track(new TestClient(server.url));
    carol = track(new TestClient(server.url));
    bobInB = track(new TestClient(server.url));
    await Promise.all([hostA, hostB, anon, alice, carol, bobInB].map((c) => c.connected()));
    expect((await hostA.emit("host:watch", { sessionId: a.sessionId })).ok).toBe(true);
    expect((await alice.join(a.code, "Alice")).ok).toBe(true);
    expect((await carol.join(a.code, "Carol")).ok).toBe(true);
    expect((await bobInB.join(b.code, "Bob")).ok).toBe(true);
  });

  it("no student, anonymous socket or other instructor can send any instructor command or watch", async () => {
    const before = await databaseSnapshot(db.prisma);
    const rows: [string, TestClient, string][] = [
      ["a student of the session", alice, "UNAUTHORIZED"],
      ["a student of another session", bobInB, "UNAUTHORIZED"],
      ["an anonymous socket", anon, "UNAUTHORIZED"],
      ["another instructor", hostB, "FORBIDDEN"],
    ];
    for (const [who, client, expected] of rows) {
      expect(code(await client.emit("host:watch", { sessionId: a.sessionId })), `${who} host:watch`).toBe(expected);
      for (const command of COMMANDS) {
        const ack = await client.command(a.sessionId, command);
        expect(code(ack), `${who} ${command.type}`).toBe(expected);
      }
    }
    expect(hostA.hostView === null || hostA.hostView.phase.type === "lobby").toBe(true);
    expect(await databaseSnapshot(db.prisma)).toEqual(before);
    // …and no host view ever reached them.
    for (const c of [alice, bobInB, anon, hostB]) expect(c.frames.some((f) => f.raw.includes('"host:view"'))).toBe(false);
  });

  it("an anonymous socket may only join and read the clock", async () => {
    expect(code(await anon.emit("time:sync", { clientSentAt: 1 }))).toBe("ok");
    expect(code(await anon.emit("session:sync", {}))).toBe("UNAUTHORIZED");
    expect(code(await anon.answer({ activityIndex: 0, answer: { kind: "pitfall", choiceId: "a" } }))).toBe("UNAUTHORIZED");
  });

  it("an instructor cookie is no participant, and a participant token is no instructor", async () => {
    const asCookie = track(new TestClient(server.url, { cookie: `${INSTRUCTOR_COOKIE}=${alice.token}` }));
    await asCookie.connected();
    expect(code(await asCookie.emit("host:watch", { sessionId: a.sessionId }))).toBe("UNAUTHORIZED");
    const instructorToken = await signInstructorToken({ instructorId: a.instructorId }, SECRET_KEY);
    const asToken = track(new TestClient(server.url, { token: instructorToken }));
    expect(await asToken.refused()).toMatchObject({ code: "UNAUTHORIZED" });
    const otherKey = await signParticipantToken({ participantId: alice.view!.me.participantId, sessionId: a.sessionId }, new TextEncoder().encode("another-server-key-0123456789abcdef"));
    const forged = track(new TestClient(server.url, { token: otherKey }));
    expect(await forged.refused()).toMatchObject({ code: "UNAUTHORIZED" });
    // A genuine token naming a participant of session A but claiming session B: that pair does not exist.
    const mixed = await signParticipantToken({ participantId: alice.view!.me.participantId, sessionId: b.sessionId }, SECRET_KEY);
    const crossed = track(new TestClient(server.url, { token: mixed }));
    expect(await crossed.refused()).toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("identity comes from the token only: payload and handshake fields naming someone else change nothing", async () => {
    expect((await hostA.command(a.sessionId, { type: "start" })).ok).toBe(true);
    expect((await hostB.command(b.sessionId, { type: "start" })).ok).toBe(true);
    await untilAll([alice, carol], (c) => c.view?.phase.type === "question", "the question");
    await bobInB.until(() => bobInB.view?.phase.type === "question", "B's question");
    const carolId = carol.view!.me.participantId;
    const bobId = bobInB.view!.me.participantId;

    // Alice answers with Carol's and Bob's ids and session B's id in the payload.
    const spoof = await alice.emit("answer:submit", {
      activityIndex: 0,
      answer: { kind: "pitfall", choiceId: "a" },
      participantId: carolId,
      sessionId: b.sessionId,
      me: { participantId: bobId },
    });
    expect(["ok", "INVALID_PAYLOAD"]).toContain(code(spoof));
    // A second socket holding Alice's token, whose handshake also names Carol.
    const twin = track(new TestClient(server.url, { token: alice.token! }));
    (twin.socket.auth as Record<string, unknown>).participantId = carolId;
    await twin.connected();
    const twice = await twin.answer({ activityIndex: 0, answer: { kind: "pitfall", choiceId: "b" } });
    expect(code(twice)).toBe(spoof.ok ? "ALREADY_ANSWERED" : "ok");

    const rows = await db.prisma.response.findMany({ select: { participantId: true, sessionId: true } });
    const aliceId = alice.view!.me.participantId;
    expect(rows.every((r) => r.participantId === aliceId && r.sessionId === a.sessionId), JSON.stringify(rows)).toBe(true);
    expect(rows).toHaveLength(1);
    // Carol and Bob can still answer for themselves.
    expect(code(await carol.answer({ activityIndex: 0, answer: { kind: "pitfall", choiceId: "a" } }))).toBe("ok");
    expect(code(await bobInB.answer({ activityIndex: 0, answer: { kind: "pitfall", choiceId: "a" } }))).toBe("ok");
  });

  it("a token of session A cannot join, sync or act in session B", async () => {
    expect(code(await alice.join(b.code, "Alice again"))).toBe("CONFLICT");
    const sync = await alice.emit<{ me: { participantId: string } }>("session:sync", { sessionId: b.sessionId });
    if (sync.ok) expect(sync.data.me.participantId).toBe(alice.view!.me.participantId);
    expect(await db.prisma.participant.count({ where: { sessionId: b.sessionId } })).toBe(1);
    expect(await db.prisma.response.count({ where: { sessionId: b.sessionId, participantId: alice.view!.me.participantId } })).toBe(0);
  });

  it("an instructor cannot kick another session's participant through their own session", async () => {
    const before = await databaseSnapshot(db.prisma);
    const bobId = bobInB.view!.me.participantId;
    const kick = await hostA.command(a.sessionId, { type: "kick", participantId: bobId });
    expect(code(kick)).toBe("NOT_FOUND");
    expect(code(await hostA.command(b.sessionId, { type: "kick", participantId: bobId }))).toBe("FORBIDDEN");
    await new Promise((r) => setTimeout(r, 50));
    expect(bobInB.socket.connected && bobInB.kicked === null).toBe(true);
    expect(await databaseSnapshot(db.prisma)).toEqual(before);
    expect(code(await bobInB.emit("session:sync", {}))).toBe("ok");
  });

  it("a kicked participant's other open sockets are cut too, and none of them can answer again", async () => {
    const second = track(new TestClient(server.url, { token: carol.token! }));
    await second.connected();
    const kick = await hostA.command(a.sessionId, { type: "kick", participantId: carol.view!.me.participantId });
    expect(kick.ok).toBe(true);
    await untilAll([carol, second], (c) => !c.socket.connected, "every socket of the kicked participant to close");
    const back = track(new TestClient(server.url, { token: carol.token! }));
    expect(await back.refused()).toMatchObject({ code: "KICKED" });
  });
});

/**
 * One playable activity per kind of the real catalog, each on a different scenario: two kinds of one scenario
 * share its explanation, so the first reveal would legitimately show text the second one also reveals.
 */
async function oneOfEachKind(catalog: ActivityCatalog): Promise<{ spec: ActivitySpec; prepared: PreparedActivity }[]> {
  const out: { spec: ActivitySpec; prepared: PreparedActivity }[] = [];
  const used = new Set<string>();
  for (const kind of ACTIVITY_KINDS) {
    for (const entry of catalog.list().filter((e) => e.kinds.includes(kind) && !used.has(e.scenarioId))) {
      const spec: ActivitySpec = { kind, scenarioId: entry.scenarioId, config: {}, timeLimitSec: 60, pointsMultiplier: 1 };
      const prepared = await catalog.prepare(spec).catch(() => null);
      if (prepared) {
        used.add(entry.scenarioId);
        out.push({ spec, prepared });
        break;
      }
    }
  }
  return out;
}

/** The strings that would give an activity's answer away: the correct answer as sent, the explanation. */
function secretsOf(p: PreparedActivity): string[] {
  const secrets = [JSON.stringify(p.reveal.correct), JSON.stringify(JSON.stringify(p.reveal.correct)).slice(1, -1)];
  if (p.reveal.explanation.length >= 12) secrets.push(p.reveal.explanation.slice(0, 60));
  // The label too, unless the prompt itself shows it (a choice's own text is on the screen by design).
  const label = p.reveal.correctLabel;
  if (label.length >= 12 && !JSON.stringify(p.prompt).includes(label)) secrets.push(label.slice(0, 60));
  return secrets;
}

describe("no correct answer in any frame before its reveal (real catalog, every activity kind)", () => {
  it("records every engine.io packet two students receive through a whole session", async () => {
    const catalog = await createCatalog();
    const activities = await oneOfEachKind(catalog);
    expect(activities.map((x) => x.spec.kind).sort()).toEqual([...ACTIVITY_KINDS].sort());
    const db = await createTestDb();
    cleanups.push(() => db.cleanup());
    const deck = activities.map(({ spec }) => ({ ...spec, config: undefined }) as unknown as DeckActivityInput);
    const session = await seedSession(db.prisma, { deck });
    const server = await startTestServer(db.prisma, { catalog });
    cleanups.push(() => server.close());
    const host = track(new TestClient(server.url, { cookie: session.cookie }));
    const students = [track(new TestClient(server.url)), track(new TestClient(server.url))];
    await Promise.all([host, ...students].map((c) => c.connected()));
    expect((await host.emit("host:watch", { sessionId: session.sessionId })).ok).toBe(true);
    for (const [i, s] of students.entries()) expect((await s.join(session.code, `Student ${i}`)).ok).toBe(true);

    const revealedAt: number[][] = [];
    /** Everything the phones that came back or joined late during question q received (all before its reveal). */
    const midQuestion: { q: number; frames: { raw: string }[] }[] = [];
    const answeredAt: number[] = [];
    for (let q = 0; q < activities.length; q++) {
      const open = await host.command(session.sessionId, q === 0 ? { type: "start" } : { type: "next" });
      expect(open.ok, JSON.stringify(open)).toBe(true);
      await untilAll(students, (s) => s.view?.phase.type === "question" && s.view.phase.activityIndex === q, `question ${q}`);
      // The first student answers whatever the prompt makes easiest to send: a refusal is fine, a leak is not.
      answeredAt.push(students[0]!.frames.length);
      await students[0]!.answer({ activityIndex: q, answer: activities[q]!.prepared.reveal.correct }).catch(() => undefined);
      // Every other way a phone is sent state while the question is open: a sync, time added (a shared
      // session:phase), a phone coming back with its token (its view on connect), a late joiner (its join ack).
      expect((await students[1]!.emit("session:sync", {})).ok).toBe(true);
      expect((await host.command(session.sessionId, { type: "addTime", seconds: 5 })).ok).toBe(true);
      const back = track(new TestClient(server.url, { token: students[1]!.token! }));
      const late = track(new TestClient(server.url));
      await Promise.all([back.connected(), late.connected()]);
      expect((await late.join(session.code, `Late ${q}`)).ok).toBe(true);
      await back.until(() => back.view?.phase.type === "question", `the returning phone's view of question ${q}`);
      expect((await late.emit("session:sync", {})).ok).toBe(true);
      await new Promise((r) => setTimeout(r, 50));
      back.close();
      late.close();
      midQuestion.push({ q, frames: [...back.frames, ...late.frames] });
      revealedAt.push(students.map((s) => s.frames.length));
      expect((await host.command(session.sessionId, { type: "close" })).ok).toBe(true);
      await untilAll(students, (s) => s.view?.phase.type === "reveal", `reveal ${q}`);
      expect((await host.command(session.sessionId, { type: "leaderboard" })).ok).toBe(true);
    }
    expect((await host.command(session.sessionId, { type: "end" })).ok).toBe(true);

    for (const [si, s] of students.entries()) {
      for (const [q, { spec, prepared }] of activities.entries()) {
        // A string another activity also reveals (two scenarios failing at the same step share "Step 2 — …")
        // proves nothing once that one was revealed: only this activity's own secrets are scanned for.
        const others = new Set(activities.filter((_, i) => i !== q).flatMap((x) => secretsOf(x.prepared)));
        // Student 0 sent the correct answer itself, and its own answer is echoed back to it (`me.answered`).
        const own = si === 0 ? secretsOf(prepared).slice(0, 2) : [];
        const secrets = secretsOf(prepared).filter((x) => !others.has(x) && !own.includes(x));
        expect(secrets.length, `${spec.kind}: something to look for`).toBeGreaterThan(0);
        // Frames received before this question's reveal (per student, counted when the host closed it).
        const before = s.frames.slice(0, revealedAt[q]![si]);
        for (const secret of secrets) {
          const leak = before.find((f) => f.raw.includes(secret));
          expect(leak, `${spec.kind} ${spec.scenarioId}: "${secret.slice(0, 40)}" sent before the reveal`).toBeUndefined();
        }
        // Nor a verdict on the answer it sent: nothing between its answer and the reveal says right or wrong.
        const afterAnswer = si === 0 ? s.frames.slice(answeredAt[q], revealedAt[q]![si]) : [];
        expect(afterAnswer.find((f) => /"correct":(true|false)|"lastResult":\{/.test(f.raw))?.raw.slice(0, 300), `${spec.kind}: verdict before the reveal`).toBeUndefined();
        // …and it is sent at the reveal (the scan would be vacuous otherwise).
        expect(s.frames.some((f) => f.raw.includes(prepared.reveal.explanation.slice(0, 40))), `${spec.kind} reveal`).toBe(true);
      }
      expect(s.frames.some((f) => f.raw.includes("answerKey"))).toBe(false);
    }
    for (const { q, frames } of midQuestion) {
      const { spec, prepared } = activities[q]!;
      const others = new Set(activities.filter((_, i) => i !== q).flatMap((x) => secretsOf(x.prepared)));
      const secrets = secretsOf(prepared).filter((x) => !others.has(x));
      expect(frames.some((f) => f.raw.includes('"session:view"')), `${spec.kind}: the returning phone got its view`).toBe(true);
      for (const secret of secrets) {
        const leak = frames.find((f) => f.raw.includes(secret));
        expect(leak?.raw.slice(0, 300), `${spec.kind} ${spec.scenarioId}: "${secret.slice(0, 40)}" sent to a returning or late phone`).toBeUndefined();
      }
      expect(frames.some((f) => f.raw.includes("answerKey") || /"correct":(true|false)/.test(f.raw)), `${spec.kind}: a verdict or key mid-question`).toBe(false);
    }
    const hv = host.hostView as HostView | null;
    expect(hv).not.toBeNull();
  }, 120_000);
});
