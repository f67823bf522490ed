import { io as connect } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import type { Ack, MeUpdate, ParticipantView, PhaseUpdate } from "@/lib/contract";
import { applyMeUpdate, applyPhaseUpdate } from "@/lib/contract";
import type { AppServer } from "@/server/app-server";
import { createTestDb, seedSession, startTestServer, TestClient, type ClientSocket } from "./support/harness";

/**
 * socket.io's connection-state-recovery buffer (server/realtime.ts sendDirect): the shared broadcasts are kept for
 * the recovery window, the per-person packets (session:me, session:view, the dashboard) are not — at 5,000 phones
 * they were 5,000 packets per reveal kept for minutes. A phone whose network blips still ends on its own result.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** The in-memory adapter's recovery buffer (socket.io-adapter SessionAwareAdapter). */
const buffered = (server: AppServer) =>
  (server.realtime.io.of("/").adapter as unknown as { packets: { data: unknown[] }[] }).packets.map((p) => p.data[0] as string);

class Phone {
  readonly socket: ClientSocket;
  view: ParticipantView | null = null;
  token: string | null = null;
  recovered = 0;

  constructor(url: string) {
    this.socket = connect(url, {
      transports: ["websocket"],
      forceNew: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
      auth: (cb: (data: object) => void) => cb(this.token ? { participantToken: this.token } : {}),
    }) as ClientSocket;
    this.socket.on("connect", () => {
      if (this.socket.recovered) this.recovered++;
    });
    this.socket.on("session:view", (v) => (this.view = v));
    this.socket.on("session:phase", (u: PhaseUpdate) => {
      if (this.view) this.view = applyPhaseUpdate(this.view, u);
    });
    this.socket.on("session:me", (u: MeUpdate) => {
      if (this.view) this.view = applyMeUpdate(this.view, u);
    });
  }

  emit<T>(event: string, payload: unknown): Promise<Ack<T>> {
    return new Promise((resolve) => (this.socket as unknown as { emit(e: string, p: unknown, cb: (r: Ack<T>) => void): void }).emit(event, payload, resolve));
  }

  async until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const start = Date.now();
    while (!predicate()) {
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

describe("the recovery buffer", () => {
  it("keeps the shared broadcasts only; a phone that blips through the reveal still ends on its own result", async () => {
    const db = await createTestDb();
    cleanups.push(() => db.cleanup());
    const session = await seedSession(db.prisma);
    const server = await startTestServer(db.prisma);
    cleanups.push(() => server.close());
    const host = new TestClient(server.url, { cookie: session.cookie });
    cleanups.push(() => host.close());
    await host.connected();
    expect((await host.emit("host:watch", { sessionId: session.sessionId })).ok).toBe(true);

    const phones = Array.from({ length: 6 }, () => new Phone(server.url));
    for (const p of phones) cleanups.push(() => void p.socket.disconnect());
    for (const [i, p] of phones.entries()) {
      await p.until(() => p.socket.connected, "connected");
      const r = await p.emit<{ participantToken: string; view: ParticipantView }>("session:join", { code: session.code, nickname: `P${i}` });
      if (!r.ok) throw new Error(r.error.message);
      p.token = r.data.participantToken;
      p.view = r.data.view;
    }

    expect((await host.command(session.sessionId, { type: "start" })).ok).toBe(true);
    await Promise.all(phones.map((p) => p.until(() => p.view?.phase.type === "question", "the question")));
    for (const [i, p] of phones.entries()) {
      const r = await p.emit("answer:submit", { activityIndex: 0, answer: { kind: "pitfall", choiceId: i % 2 === 0 ? "a" : "d" } });
      expect(r.ok).toBe(true);
    }
    await host.until(() => host.hostView?.progress?.answered === phones.length, "the dashboard counting every answer");

    // The last phone's network drops just before the reveal and comes back after it.
    const blipper = phones[phones.length - 1]!;
    server.realtime.io.of("/").sockets.get(blipper.socket.id ?? "")?.conn.close();
    await blipper.until(() => !blipper.socket.connected, "the drop");
    expect((await host.command(session.sessionId, { type: "close" })).ok).toBe(true);
    const others = phones.slice(0, -1);
    await Promise.all(others.map((p) => p.until(() => p.view?.phase.type === "reveal" && p.view.me.lastResult !== null, "the reveal")));

    // Only shared packets in the buffer: the question and the reveal, not one session:me per phone nor any
    // dashboard refresh.
    const kept = buffered(server);
    expect(kept.filter((e) => e === "session:phase").length).toBeGreaterThanOrEqual(2);
    expect(kept.filter((e) => e !== "session:phase")).toEqual([]);

    await blipper.until(() => blipper.socket.connected, "the reconnection");
    await blipper.until(() => blipper.view?.phase.type === "reveal" && blipper.view.me.lastResult !== null, "the blipper's reveal");
    expect(blipper.recovered).toBe(1);
    const stored = await db.prisma.participant.findUniqueOrThrow({ where: { id: blipper.view!.me.participantId } });
    expect(blipper.view!.me.score).toBe(stored.score);
    expect(blipper.view!.me.lastResult?.correct).toBe(false);
    for (const [i, p] of others.entries()) expect(p.view!.me.lastResult?.correct).toBe(i % 2 === 0);
  });
});
