import { describe, expect, it } from "vitest";
import {
  forgetParticipantIn,
  loadParticipantForSessionFrom,
  loadParticipantFrom,
  saveParticipantIn,
  sessionIdOfToken,
  type KeyValueStore,
} from "@/app/_lib/token-store";

/** A Map-backed Storage (getItem/setItem/removeItem/key/length, as localStorage). */
class MemoryStorage implements KeyValueStore {
  private readonly data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, String(value));
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
  key(i: number) {
    return [...this.data.keys()][i] ?? null;
  }
  get length() {
    return this.data.size;
  }
  keys() {
    return [...this.data.keys()];
  }
}

/** An unsigned JWT-shaped token carrying `sid` (the store only decodes it; the server verifies). */
function token(sid: string, pid = "p1"): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${b64({ alg: "HS256", typ: "JWT" })}.${b64({ sid, pid, role: "participant" })}.signature`;
}

describe("token store", () => {
  it("decodes the session id of a token, and nothing from garbage", () => {
    expect(sessionIdOfToken(token("sess-1"))).toBe("sess-1");
    expect(sessionIdOfToken("not-a-token")).toBeNull();
    expect(sessionIdOfToken("a.!!!.c")).toBeNull();
  });

  it("saves per code (case-insensitive) and per session id", () => {
    const s = new MemoryStorage();
    saveParticipantIn(s, "k7qx2m", { participantToken: token("sess-1"), nickname: "Ada" });
    expect(loadParticipantFrom(s, "K7QX2M")).toEqual({ participantToken: token("sess-1"), nickname: "Ada" });
    expect(loadParticipantForSessionFrom(s, "sess-1")).toEqual({ participantToken: token("sess-1"), nickname: "Ada" });
    expect(s.keys().sort()).toEqual(["irsa-classroom:participant-session:sess-1", "irsa-classroom:participant:K7QX2M"]);
  });

  it("keeps an earlier session's token when a later session reuses the join code", () => {
    const s = new MemoryStorage();
    saveParticipantIn(s, "K7QX2M", { participantToken: token("sess-1"), nickname: "Ada" });
    saveParticipantIn(s, "K7QX2M", { participantToken: token("sess-2", "p9"), nickname: "Ada again" });
    // The live rejoin follows the code to the newest session…
    expect(loadParticipantFrom(s, "K7QX2M")?.participantToken).toBe(token("sess-2", "p9"));
    // …and /me/<id> still finds both.
    expect(loadParticipantForSessionFrom(s, "sess-1")?.nickname).toBe("Ada");
    expect(loadParticipantForSessionFrom(s, "sess-2")?.nickname).toBe("Ada again");
    expect(loadParticipantForSessionFrom(s, "sess-3")).toBeNull();
  });

  it("finds a token saved only per code (before per-session entries existed) by its session id", () => {
    const s = new MemoryStorage();
    s.setItem("irsa-classroom:participant:ABC123", JSON.stringify({ participantToken: token("old-sess"), nickname: "Grace" }));
    expect(loadParticipantForSessionFrom(s, "old-sess")).toEqual({ participantToken: token("old-sess"), nickname: "Grace" });
    expect(loadParticipantForSessionFrom(s, "other")).toBeNull();
  });

  it("works with a store that cannot enumerate keys (per-session entries only)", () => {
    const inner = new MemoryStorage();
    const minimal: KeyValueStore = { getItem: (k) => inner.getItem(k), setItem: (k, v) => inner.setItem(k, v), removeItem: (k) => inner.removeItem(k) };
    saveParticipantIn(minimal, "ABC123", { participantToken: token("sess-1"), nickname: "Ada" });
    expect(loadParticipantForSessionFrom(minimal, "sess-1")?.nickname).toBe("Ada");
    expect(loadParticipantForSessionFrom(minimal, "sess-2")).toBeNull();
  });

  it("ignores malformed entries and an entry whose token belongs to another session", () => {
    const s = new MemoryStorage();
    s.setItem("irsa-classroom:participant:BAD111", "{not json");
    s.setItem("irsa-classroom:participant:BAD222", JSON.stringify({ nickname: "no token" }));
    s.setItem("irsa-classroom:participant-session:sess-1", JSON.stringify({ participantToken: token("sess-X"), nickname: "tampered" }));
    expect(loadParticipantFrom(s, "BAD111")).toBeNull();
    expect(loadParticipantFrom(s, "BAD222")).toBeNull();
    expect(loadParticipantForSessionFrom(s, "sess-1")).toBeNull();
  });

  it("a token without a session id is still kept per code", () => {
    const s = new MemoryStorage();
    saveParticipantIn(s, "ABC123", { participantToken: "opaque", nickname: "Ada" });
    expect(loadParticipantFrom(s, "ABC123")?.participantToken).toBe("opaque");
    expect(s.keys()).toEqual(["irsa-classroom:participant:ABC123"]);
  });

  it("forgetting a code removes its entry and that token's session entry, not other sessions'", () => {
    const s = new MemoryStorage();
    saveParticipantIn(s, "K7QX2M", { participantToken: token("sess-1"), nickname: "Ada" });
    saveParticipantIn(s, "K7QX2M", { participantToken: token("sess-2"), nickname: "Ada" });
    forgetParticipantIn(s, "k7qx2m");
    expect(loadParticipantFrom(s, "K7QX2M")).toBeNull();
    expect(loadParticipantForSessionFrom(s, "sess-2")).toBeNull();
    expect(loadParticipantForSessionFrom(s, "sess-1")?.nickname).toBe("Ada");
    forgetParticipantIn(s, "NOPE12");
  });
});
