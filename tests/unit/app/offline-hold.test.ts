import { describe, expect, it } from "vitest";
import { holdCutoff, holdFailure, holdUntilConnected, type HoldConnection, type HoldOutcome, type HoldTimers } from "@/app/_lib/offline-hold";
import { ANSWER_GRACE_MS } from "@/lib/quiz";

/** A socket's connect event and nothing else: `connect()` fires the listeners once, as socket.io's `once` does. */
class FakeConnection implements HoldConnection {
  connected = false;
  private listeners = new Set<() => void>();
  once(_event: "connect", listener: () => void) {
    this.listeners.add(listener);
  }
  off(_event: "connect", listener: () => void) {
    this.listeners.delete(listener);
  }
  get listenerCount() {
    return this.listeners.size;
  }
  connect() {
    this.connected = true;
    const fire = [...this.listeners];
    this.listeners.clear();
    fire.forEach((l) => l());
  }
}

/** A hand-driven clock: `advance` fires the timers that come due. */
class FakeTimers implements HoldTimers {
  private t = 0;
  private pending = new Map<number, { at: number; fn: () => void }>();
  private nextId = 1;
  constructor(start: number) {
    this.t = start;
  }
  now() {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number) {
    const id = this.nextId++;
    this.pending.set(id, { at: this.t + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown) {
    this.pending.delete(handle as number);
  }
  get timerCount() {
    return this.pending.size;
  }
  advance(ms: number) {
    this.t += ms;
    for (const [id, p] of [...this.pending]) {
      if (p.at <= this.t) {
        this.pending.delete(id);
        p.fn();
      }
    }
  }
}

/** The outcome if the hold has ended by now, else "pending" (a settled promise's callbacks run within one tick). */
async function state(outcome: Promise<HoldOutcome>): Promise<HoldOutcome | "pending"> {
  return Promise.race([outcome, new Promise<"pending">((r) => setTimeout(() => r("pending"), 0))]);
}

describe("holdCutoff: the question's deadline plus the server's grace, on this device's clock", () => {
  it.each([
    { why: "clocks agree", deadline: 10_000, offsetMs: 0, cutoff: 10_000 + ANSWER_GRACE_MS },
    { why: "server 2 s ahead: its deadline comes 2 s earlier here", deadline: 10_000, offsetMs: 2_000, cutoff: 8_000 + ANSWER_GRACE_MS },
    { why: "server 3 s behind: its deadline comes 3 s later here", deadline: 10_000, offsetMs: -3_000, cutoff: 13_000 + ANSWER_GRACE_MS },
  ])("$why", ({ deadline, offsetMs, cutoff }) => {
    expect(holdCutoff(deadline, offsetMs)).toBe(cutoff);
  });
});

describe("holdUntilConnected", () => {
  it("already connected: goes straight on, without a listener or a timer", async () => {
    const conn = new FakeConnection();
    conn.connected = true;
    const timers = new FakeTimers(0);
    expect(await holdUntilConnected(conn, 5_000, timers).outcome).toBe("connected");
    expect(conn.listenerCount).toBe(0);
    expect(timers.timerCount).toBe(0);
  });

  it("the connection comes back before the cutoff: connected, and the timer is cleared", async () => {
    const conn = new FakeConnection();
    const timers = new FakeTimers(0);
    const hold = holdUntilConnected(conn, 5_000, timers);
    timers.advance(4_999);
    expect(await state(hold.outcome)).toBe("pending");
    conn.connect();
    expect(await hold.outcome).toBe("connected");
    expect(timers.timerCount).toBe(0);
  });

  it("the cutoff passes offline: expired, and the connect listener is removed", async () => {
    const conn = new FakeConnection();
    const timers = new FakeTimers(0);
    const hold = holdUntilConnected(conn, 5_000, timers);
    timers.advance(5_000);
    expect(await hold.outcome).toBe("expired");
    expect(conn.listenerCount).toBe(0);
    conn.connect();
    expect(await hold.outcome).toBe("expired");
  });

  it("the cutoff is already past: expired at once, nothing left waiting", async () => {
    const conn = new FakeConnection();
    const timers = new FakeTimers(9_000);
    expect(await holdUntilConnected(conn, 5_000, timers).outcome).toBe("expired");
    expect(conn.listenerCount).toBe(0);
    expect(timers.timerCount).toBe(0);
  });

  it("cancelled (the page let go of the socket): settles, removes the listener and the timer", async () => {
    const conn = new FakeConnection();
    const timers = new FakeTimers(0);
    const hold = holdUntilConnected(conn, 5_000, timers);
    hold.cancel();
    expect(await hold.outcome).toBe("cancelled");
    expect(conn.listenerCount).toBe(0);
    expect(timers.timerCount).toBe(0);
  });

  it("cancel after the hold ended changes nothing", async () => {
    const conn = new FakeConnection();
    const timers = new FakeTimers(0);
    const hold = holdUntilConnected(conn, 5_000, timers);
    conn.connect();
    hold.cancel();
    expect(await hold.outcome).toBe("connected");
  });

  it("no known deadline: waits as long as it takes, until connected or cancelled", async () => {
    const conn = new FakeConnection();
    const timers = new FakeTimers(0);
    const hold = holdUntilConnected(conn, null, timers);
    expect(timers.timerCount).toBe(0);
    timers.advance(3_600_000);
    expect(await state(hold.outcome)).toBe("pending");
    conn.connect();
    expect(await hold.outcome).toBe("connected");
  });
});

describe("holdFailure", () => {
  it.each([
    { outcome: "expired" as const, code: "DEADLINE_PASSED", message: "Time ran out while you were offline, so your answer was not sent." },
    { outcome: "cancelled" as const, code: "INTERNAL", message: "The connection was closed before your answer could be sent." },
  ])("$outcome → $code", ({ outcome, code, message }) => {
    expect(holdFailure(outcome)).toEqual({ code, message });
  });
});
