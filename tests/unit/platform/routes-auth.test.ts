import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as me } from "@/app/api/auth/me/route";
import { POST as signIn } from "@/app/api/auth/signin/route";
import { POST as signOut } from "@/app/api/auth/signout/route";
import { POST as signUp } from "@/app/api/auth/signup/route";
import { SIGN_IN_LIMITS, SIGN_UP_LIMITS, signInLimiters } from "@/lib/auth/rate-limit";
import { signParticipantToken } from "@/lib/auth/tokens";
import { getAuthSecret } from "@/lib/auth/secret";
import type { PrismaClient } from "@/lib/db/client";
import { jsonRequest, sessionCookieFrom, useTempDatabase } from "./helpers";

let db: Awaited<ReturnType<typeof useTempDatabase>>;
let prisma: PrismaClient;
beforeAll(async () => {
  db = await useTempDatabase();
  prisma = db.prisma;
});
afterAll(() => db.cleanup());

const ada = { email: "Ada@Example.org", name: "Ada Lovelace", password: "analytical-engine" };

describe("POST /api/auth/signup", () => {
  it("creates the instructor, hashes the password and sets the session cookie", async () => {
    const res = await signUp(jsonRequest("POST", "/api/auth/signup", ada));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { instructor: { id: string; email: string; name: string } };
    expect(body.instructor).toEqual({ id: expect.any(String) as string, email: "ada@example.org", name: "Ada Lovelace" });
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^irsa_session=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=604800$/);
    const row = await prisma.instructor.findUniqueOrThrow({ where: { email: "ada@example.org" } });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.passwordHash).not.toContain(ada.password);
  });

  it("answers 409 CONFLICT for a taken email, whatever its case", async () => {
    const res = await signUp(jsonRequest("POST", "/api/auth/signup", { ...ada, email: "ADA@example.org" }));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: "CONFLICT", message: expect.stringContaining("already exists") as string } });
  });

  it("answers 400 INVALID_PAYLOAD with issues for a bad body", async () => {
    const res = await signUp(jsonRequest("POST", "/api/auth/signup", { email: "nope", name: "", password: "short" }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe("INVALID_PAYLOAD");
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(["email", "name", "password"]);
  });

  it("answers 400 for a body that is not JSON", async () => {
    const res = await signUp(jsonRequest("POST", "/api/auth/signup", "{not json"));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("INVALID_PAYLOAD");
  });

  it("sets a Secure cookie behind a TLS proxy", async () => {
    const res = await signUp(
      jsonRequest("POST", "/api/auth/signup", { ...ada, email: "tls@example.org" }, { headers: { "x-forwarded-proto": "https" } }),
    );
    expect(res.headers.get("set-cookie")).toMatch(/; Secure$/);
  });
});

describe("POST /api/auth/signin, GET /api/auth/me, POST /api/auth/signout", () => {
  it("signs in and /me returns the instructor", async () => {
    const res = await signIn(jsonRequest("POST", "/api/auth/signin", { email: "ada@example.org", password: ada.password }));
    expect(res.status).toBe(200);
    const cookie = sessionCookieFrom(res);
    const meRes = await me(jsonRequest("GET", "/api/auth/me", undefined, { cookie: `other=1; ${cookie}` }));
    expect(meRes.status).toBe(200);
    expect(((await meRes.json()) as { instructor: { email: string } }).instructor.email).toBe("ada@example.org");
  });

  it("gives the same generic 401 for a wrong password and an unknown email", async () => {
    const wrong = await signIn(jsonRequest("POST", "/api/auth/signin", { email: "ada@example.org", password: "wrong-password" }));
    const unknown = await signIn(jsonRequest("POST", "/api/auth/signin", { email: "nobody@example.org", password: "whatever1" }));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = await wrong.json();
    expect(a).toEqual(await unknown.json());
    expect(a).toEqual({ error: { code: "UNAUTHORIZED", message: "The email or password is incorrect." } });
    expect(wrong.headers.get("set-cookie")).toBeNull();
  });

  it("/me answers 200 { instructor: null } without a cookie, with a forged one, with a participant token and for a deleted account", async () => {
    const participant = await signParticipantToken({ participantId: "p", sessionId: "s" }, getAuthSecret());
    const signedUp = await signUp(jsonRequest("POST", "/api/auth/signup", { email: "gone@example.org", name: "Gone", password: "soon-to-be-deleted" }));
    const goneCookie = sessionCookieFrom(signedUp);
    await prisma.instructor.delete({ where: { email: "gone@example.org" } });
    for (const cookie of [undefined, "irsa_session=a.b.c", `irsa_session=${participant}`, goneCookie]) {
      const res = await me(jsonRequest("GET", "/api/auth/me", undefined, { cookie }));
      expect(res.status, String(cookie)).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.json()).toEqual({ instructor: null });
    }
  });

  it("every cookie the auth routes set is HttpOnly and SameSite=Lax, and Secure exactly when the browser used TLS", async () => {
    const tls = { "x-forwarded-proto": "https" };
    const email = "cookie-jar@example.org";
    const cases: [string, (headers: Record<string, string>) => Promise<Response>][] = [
      ["signup", (headers) => signUp(jsonRequest("POST", "/api/auth/signup", { email: `${Object.keys(headers).length}-${email}`, name: "Jar", password: "long-enough-password" }, { headers }))],
      ["signin", (headers) => signIn(jsonRequest("POST", "/api/auth/signin", { email: `0-${email}`, password: "long-enough-password" }, { headers }))],
      ["signout", (headers) => signOut(jsonRequest("POST", "/api/auth/signout", undefined, { headers }))],
    ];
    for (const [name, send] of cases) {
      for (const [over, headers] of [["plain HTTP", {}], ["TLS", tls]] as const) {
        const res = await send(headers);
        expect(res.status, `${name} over ${over}`).toBeLessThan(300);
        const cookie = res.headers.get("set-cookie") ?? "";
        expect(cookie, `${name} over ${over}`).toMatch(/^irsa_session=[^;]*; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+/);
        expect(/; Secure(;|$)/.test(cookie), `${name} over ${over}: ${cookie}`).toBe(over === "TLS");
      }
    }
  });

  it("signout clears the cookie", async () => {
    const res = await signOut(jsonRequest("POST", "/api/auth/signout"));
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/^irsa_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
  });

  it("rate-limits repeated failures per address and email with 429 RATE_LIMITED", async () => {
    const from = (ip: string, password: string) =>
      jsonRequest("POST", "/api/auth/signin", { email: "tls@example.org", password }, { headers: { "x-forwarded-for": ip } });
    for (let i = 0; i < 10; i++) expect((await signIn(from("10.0.0.1", `wrong-${i}`))).status).toBe(401);
    const limited = await signIn(from("10.0.0.1", ada.password));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
    // Another address is not blocked by those failures.
    expect((await signIn(from("10.0.0.2", ada.password))).status).toBe(200);
  });

  it("limits sign-in attempts per address whatever the email (password spraying), in parallel too", async () => {
    const spray = (ip: string, i: number) =>
      signIn(jsonRequest("POST", "/api/auth/signin", { email: `victim-${i}@example.org`, password: "Summer2026!" }, { headers: { "x-forwarded-for": ip } }));
    const { limit } = SIGN_IN_LIMITS.perAddress;
    // The boundary, exactly: `limit - 1` attempts already made from this address, one more is answered, then none.
    for (let i = 0; i < limit - 1; i++) await signInLimiters().perAddress.recordFailure("10.0.9.1");
    expect((await spray("10.0.9.1", 0)).status).toBe(401);
    const limited = await signIn(jsonRequest("POST", "/api/auth/signin", { email: "ada@example.org", password: ada.password }, { headers: { "x-forwarded-for": "10.0.9.1" } }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await limited.json()).toEqual({ error: { code: "RATE_LIMITED", message: expect.stringMatching(/^Too many failed sign-ins\. Try again in \d+ (seconds|minutes)\.$/) as string } });
    // All in flight at once from a fresh address: no more than the limit get past the check.
    const statuses = (await Promise.all(Array.from({ length: limit + 20 }, (_, i) => spray("10.0.9.5", i)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(limit);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20);
    expect((await signIn(jsonRequest("POST", "/api/auth/signin", { email: "ada@example.org", password: ada.password }, { headers: { "x-forwarded-for": "10.0.9.2" } }))).status).toBe(200);
  }, 120_000);
});

describe("POST /api/auth/signup floods", () => {
  it("limits sign-ups per address with 429 RATE_LIMITED, creating no account past the limit; another address still signs up", async () => {
    const { limit } = SIGN_UP_LIMITS.perAddress;
    const signUpFrom = (ip: string, i: number) =>
      signUp(jsonRequest("POST", "/api/auth/signup", { email: `flood-${ip}-${i}@example.org`, name: "Flood", password: "long-enough-password" }, { headers: { "x-forwarded-for": ip } }));
    for (let i = 0; i < limit - 1; i++) await signInLimiters().signUps.recordFailure("10.0.9.3");
    expect((await signUpFrom("10.0.9.3", 0)).status).toBe(201);
    const accounts = await prisma.instructor.count();
    const refused = await signUpFrom("10.0.9.3", 1);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toEqual({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/^Too many sign-ups from this network\. Try again in \d+ (seconds|minutes)\.$/) as string,
    });
    expect(refused.headers.get("set-cookie")).toBeNull();
    // A flood in flight at once from a fresh address: no more accounts than the limit.
    const statuses = (await Promise.all(Array.from({ length: limit + 10 }, (_, i) => signUpFrom("10.0.9.6", i)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(limit);
    expect(statuses.filter((s) => s !== 201 && s !== 429)).toEqual([]);
    expect(await prisma.instructor.count()).toBe(accounts + statuses.filter((s) => s === 201).length);
    expect((await signUpFrom("10.0.9.4", 0)).status).toBe(201);
  }, 120_000);
});
