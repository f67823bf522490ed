import { describe, expect, it } from "vitest";
import type { HostView, MeUpdate, ParticipantView, PhaseUpdate } from "@/lib/contract";
import type { AnswerRecord } from "@/lib/db/answer-writer";
import type { StoredParticipant, StoredSession } from "@/lib/db/sessions";
import { initialState, type SessionState } from "@/lib/quiz";
import { HOST_PARTICIPANTS_MAX, Room, type RoomTransport } from "@/server/rooms/room";
import { TestClock } from "./support/harness";
import { createTestCatalog, TEST_SCENARIOS } from "./support/test-catalog";

/**
 * The room with a fake store and transport (no socket, no database): what it sends, to whom, how often.
 * Designed for 5,000 phones: a question opening is ONE shared payload; per-person views go only to connected
 * participants, once each; the dashboard is throttled while answers stream in.
 */

async function makeRoom(n: number, opts: { personalParts?: boolean } = {}) {
  const clock = new TestClock();
  const sent = {
    shared: [] as PhaseUpdate[],
    personal: [] as { id: string; view: ParticipantView }[],
    me: [] as { id: string; update: MeUpdate }[],
    host: [] as HostView[],
    kicked: [] as string[],
  };
  const transport: RoomTransport = {
    ...(opts.personalParts ? { toParticipantMe: (_s: string, id: string, update: MeUpdate) => void sent.me.push({ id, update }) } : {}),
    toParticipant: (_s, id, view) => sent.personal.push({ id, view }),
    toAllParticipants: (_s, update) => sent.shared.push(update),
    toHosts: (_s, view) => sent.host.push(view),
    hasHosts: () => true,
    kick: (_s, id) => sent.kicked.push(id),
  };
  const saved: SessionState[] = [];
  const written: AnswerRecord[] = [];
  let nextId = 0;
  const store = {
    createParticipant: async (_s: string, nickname: string) => ({
      ok: true as const,
      value: { id: `p${nextId++}`, nickname, score: 0, streak: 0, kicked: false, joinedAt: new Date() } satisfies StoredParticipant,
    }),
    savePhase: async (_s: string, state: SessionState) => void saved.push(state),
    kickParticipant: async () => undefined,
  };
  const catalog = createTestCatalog();
  const specs = [
    { kind: "pitfall" as const, scenarioId: TEST_SCENARIOS[0]!, config: {}, timeLimitSec: 30, pointsMultiplier: 1 },
    { kind: "pitfall" as const, scenarioId: TEST_SCENARIOS[1]!, config: {}, timeLimitSec: 30, pointsMultiplier: 1 },
  ];
  const session: StoredSession = {
    id: "s1",
    code: "ABCDEF",
    instructorId: "i1",
    deckTitle: "Deck",
    activities: specs,
    scoring: "speed",
    status: "live",
    state: initialState([30, 30], { allowLateJoin: true }),
    createdAt: new Date(),
  };
  const room = await Room.restore({ session, participants: [], responses: [] }, await Promise.all(specs.map((s) => catalog.prepare(s))), {
    store,
    answers: { write: async (r) => void written.push(r) },
    transport,
    clock,
    log: { error: () => undefined, warn: () => undefined, info: () => undefined },
    joinUrl: (code) => `http://x/join/${code}`,
  });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await room.join(`Student ${i}`);
    if (!r.ok) throw new Error(r.message);
    ids.push(r.participantId);
    if (i % 10 !== 0) room.connected(r.participantId); // every 10th phone is asleep
  }
  return { room, sent, saved, written, ids, clock };
}

describe("Room fan-out", () => {
  it("a question opening is one shared payload for everyone, without the answer", async () => {
    const { room, sent, saved } = await makeRoom(2000);
    sent.personal.length = 0;
    sent.shared.length = 0;
    const r = await room.command({ type: "start" });
    expect(r.ok).toBe(true);
    expect(sent.shared).toHaveLength(1);
    expect(sent.personal).toHaveLength(0);
    expect(JSON.stringify(sent.shared[0])).not.toContain("SECRET");
    expect(saved.at(-1)?.phase.type).toBe("question");
  });

  it("the reveal sends one personal view per connected participant; the dashboard is throttled", async () => {
    const { room, sent, ids, written, clock } = await makeRoom(2000);
    await room.command({ type: "start" });
    clock.advance(1000);
    sent.host.length = 0;
    const acks = await Promise.all(ids.map((id) => room.submitAnswer(id, { activityIndex: 0, answer: { kind: "pitfall", choiceId: "a" } })));
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(written).toHaveLength(2000);
    // 2,000 answers, at most a couple of dashboard frames (throttled at 250 ms), not 2,000.
    expect(sent.host.length).toBeLessThanOrEqual(2);

    sent.personal.length = 0;
    await room.command({ type: "close" });
    expect(sent.personal).toHaveLength(1800);
    expect(new Set(sent.personal.map((p) => p.id)).size).toBe(1800);
    const view = sent.personal[0]!.view;
    expect(view.me.lastResult).toEqual({ correct: true, points: 983, streakBonus: 0 }); // round(1000 × (1 − (1/30)/2))
    expect(view.me.rank).toBe(1);
    // The shared parts are one object, serialised per socket but built once.
    expect(sent.personal[1]!.view.phase).toBe(view.phase);
    const last = sent.host.at(-1)!;
    expect(last.progress).toMatchObject({ answered: 2000, total: 2000, distribution: { a: 2000 }, correctShare: 1 });
  });

  it("with personal parts: the reveal is a small session:me per connected phone, then ONE shared payload", async () => {
    const { room, sent, ids, clock } = await makeRoom(2000, { personalParts: true });
    await room.command({ type: "start" });
    clock.advance(1000);
    await Promise.all(ids.map((id) => room.submitAnswer(id, { activityIndex: 0, answer: { kind: "pitfall", choiceId: "a" } })));
    sent.shared.length = 0;
    await room.command({ type: "close" });
    expect(sent.personal).toHaveLength(0);
    expect(sent.me).toHaveLength(1800);
    expect(sent.me[0]!.update.me.lastResult).toMatchObject({ correct: true, points: 983, streakBonus: 0 });
    expect(JSON.stringify(sent.me[0]!.update)).not.toContain("SECRET");
    expect(sent.shared).toHaveLength(1);
    expect(sent.shared[0]!.phase.type).toBe("reveal");
  });

  it("a large session's dashboard carries counts for everyone and a page of participants, not waiting first", async () => {
    const { room, ids, clock } = await makeRoom(2000);
    await room.command({ type: "start" });
    clock.advance(1000);
    await Promise.all(ids.slice(0, 1500).map((id) => room.submitAnswer(id, { activityIndex: 0, answer: { kind: "pitfall", choiceId: "a" } })));
    const view = room.hostView();
    expect(view.counts).toEqual({ joined: 2000, online: 1800, answeredCurrent: 1500 });
    expect(view.participants).toHaveLength(HOST_PARTICIPANTS_MAX);
    expect(view.participantsOmitted).toBe(2000 - HOST_PARTICIPANTS_MAX);
    expect(view.participants.every((p) => !p.answeredCurrent)).toBe(true); // 500 have not answered: they come first
    expect(view.progress).toMatchObject({ answered: 1500, total: 2000 });
    expect(JSON.stringify(view).length).toBeLessThan(60_000);

    const small = (await makeRoom(30)).room.hostView();
    expect(small.participants).toHaveLength(30);
    expect(small.participantsOmitted).toBe(0);
  });

  it("a closing question waits for answers whose commit is in flight", async () => {
    const { room, ids } = await makeRoom(3);
    await room.command({ type: "start" });
    const pending = room.submitAnswer(ids[0]!, { activityIndex: 0, answer: { kind: "pitfall", choiceId: "a" } });
    const closed = await room.command({ type: "close" });
    expect((await pending).ok).toBe(true);
    expect(closed.ok && closed.data.progress?.answered).toBe(1);
    const late = await room.submitAnswer(ids[1]!, { activityIndex: 0, answer: { kind: "pitfall", choiceId: "a" } });
    expect(!late.ok && late.error.code).toBe("PHASE_CLOSED");
  });
});
