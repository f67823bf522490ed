import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import {
  clearedInstructorCookie,
  instructorCookie,
  instructorFromCookieHeader,
  INSTRUCTOR_COOKIE,
  isSecureRequest,
  parseCookieHeader,
} from "@/lib/auth/cookies";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { createRateLimiter } from "@/lib/auth/rate-limit";
import {
  signInstructorToken,
  signParticipantToken,
  verifyInstructorToken,
  verifyParticipantToken,
} from "@/lib/auth/tokens";

const secret = new TextEncoder().encode("k".repeat(32));
const otherSecret = new TextEncoder().encode("o".repeat(32));

describe("password", () => {
  it("hashes with scrypt in the stored format and verifies", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it.each(["", "bcrypt$x", "scrypt$16384$8$1$$", "scrypt$99999999$8$1$abcd$abcdabcdabcdabcdabcdabcd", "scrypt$1000$8$1$c2FsdA$aGFzaGhhc2hoYXNoaGFzaA"])(
    "is false for a malformed stored hash %j",
    async (stored) => {
      expect(await verifyPassword("x", stored)).toBe(false);
    },
  );
});

describe("tokens", () => {
  it("round-trips an instructor token", async () => {
    const t = await signInstructorToken({ instructorId: "i1" }, secret);
    expect(await verifyInstructorToken(t, secret)).toEqual({ instructorId: "i1" });
  });

  it("round-trips a participant token", async () => {
    const t = await signParticipantToken({ participantId: "p1", sessionId: "s1" }, secret);
    expect(await verifyParticipantToken(t, secret)).toEqual({ participantId: "p1", sessionId: "s1" });
  });

  it("never lets one kind pass as the other", async () => {
    const participant = await signParticipantToken({ participantId: "p1", sessionId: "s1" }, secret);
    const instructor = await signInstructorToken({ instructorId: "i1" }, secret);
    expect(await verifyInstructorToken(participant, secret)).toBeNull();
    expect(await verifyParticipantToken(instructor, secret)).toBeNull();
  });

  it("refuses another key, expiry, garbage and alg=none", async () => {
    const t = await signInstructorToken({ instructorId: "i1" }, secret);
    expect(await verifyInstructorToken(t, otherSecret)).toBeNull();
    const expired = await signInstructorToken({ instructorId: "i1" }, secret, -10);
    expect(await verifyInstructorToken(expired, secret)).toBeNull();
    expect(await verifyInstructorToken("not.a.token", secret)).toBeNull();
    const [, payload] = t.split(".");
    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "irsa-instructor+jwt" })).toString("base64url")}.${payload}.`;
    expect(await verifyInstructorToken(none, secret)).toBeNull();
  });

  it("refuses a token of the right audience but without the explicit typ", async () => {
    const t = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("irsa-classroom")
      .setAudience("irsa:instructor")
      .setSubject("i1")
      .setExpirationTime("1h")
      .sign(secret);
    expect(await verifyInstructorToken(t, secret)).toBeNull();
  });
});

describe("cookies", () => {
  it("parses a Cookie header", () => {
    expect(parseCookieHeader("a=1; irsa_session=abc.def; b=%20x; a=2")).toEqual({ a: "1", irsa_session: "abc.def", b: " x" });
    expect(parseCookieHeader(null)).toEqual({});
    expect(parseCookieHeader("junk; =x; c=\"q\"")).toEqual({ c: "q" });
  });

  it("builds the session cookie with the right attributes", () => {
    const c = instructorCookie("tok", false);
    expect(c).toBe(`${INSTRUCTOR_COOKIE}=tok; Path=/; HttpOnly; SameSite=Lax; Max-Age=604800`);
    expect(instructorCookie("tok", true)).toMatch(/; Secure$/);
    expect(clearedInstructorCookie(false)).toMatch(/^irsa_session=; .*Max-Age=0/);
  });

  it("reads the instructor from the cookie header", async () => {
    const t = await signInstructorToken({ instructorId: "i9" }, secret);
    expect(await instructorFromCookieHeader(`x=1; irsa_session=${t}`, secret)).toEqual({ instructorId: "i9" });
    expect(await instructorFromCookieHeader("x=1", secret)).toBeNull();
    const p = await signParticipantToken({ participantId: "p", sessionId: "s" }, secret);
    expect(await instructorFromCookieHeader(`irsa_session=${p}`, secret)).toBeNull();
  });

  it("marks cookies Secure behind TLS", () => {
    const auto = { secureCookies: "auto" as const, publicUrl: null };
    expect(isSecureRequest(new Request("http://h/"), auto)).toBe(false);
    expect(isSecureRequest(new Request("https://h/"), auto)).toBe(true);
    expect(isSecureRequest(new Request("http://h/", { headers: { "x-forwarded-proto": "https" } }), auto)).toBe(true);
    expect(isSecureRequest(new Request("http://h/"), { ...auto, publicUrl: "https://q.example" })).toBe(true);
    expect(isSecureRequest(new Request("https://h/"), { ...auto, secureCookies: "never" })).toBe(false);
    expect(isSecureRequest(new Request("http://h/"), { ...auto, secureCookies: "always" })).toBe(true);
  });
});

describe("rate limiter", () => {
  it("refuses after `limit` failures within the window, then lets through", () => {
    let now = 0;
    const rl = createRateLimiter({ limit: 3, windowMs: 1000, now: () => now });
    for (let i = 0; i < 3; i++) {
      expect(rl.retryAfterMs("k")).toBe(0);
      rl.recordFailure("k");
      now += 10;
    }
    expect(rl.retryAfterMs("k")).toBe(1000 - 30);
    expect(rl.retryAfterMs("other")).toBe(0);
    now = 1001;
    expect(rl.retryAfterMs("k")).toBe(0);
    rl.recordFailure("k");
    rl.reset("k");
    expect(rl.retryAfterMs("k")).toBe(0);
  });

  it("bounds its memory", () => {
    const rl = createRateLimiter({ limit: 1, windowMs: 1000, maxKeys: 2, now: () => 0 });
    rl.recordFailure("a");
    rl.recordFailure("b");
    rl.recordFailure("c");
    expect(rl.retryAfterMs("a")).toBe(0);
    expect(rl.retryAfterMs("c")).toBeGreaterThan(0);
  });
});
