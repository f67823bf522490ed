import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "@/server/app-server";
import { NON_PAGE_CSP } from "@/lib/http/security-headers";
import { createTestDb, startTestServer, type TestDb } from "../support/harness";

/**
 * The custom server puts the security headers on every response, including those Next never sees:
 * socket.io's polling transport and its errors, and the server's own 404 (no Next handler in these tests).
 */

let db: TestDb;
let server: AppServer;

beforeAll(async () => {
  db = await createTestDb();
  server = await startTestServer(db.prisma);
});
afterAll(async () => {
  await server?.close();
  await db?.cleanup();
});

function expectSecurityHeaders(res: Response, what: string): void {
  expect(res.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(res.headers.get("x-frame-options"), what).toBe("DENY");
  expect(res.headers.get("referrer-policy"), what).toBe("same-origin");
  expect(res.headers.get("permissions-policy"), what).toContain("camera=()");
  expect(res.headers.get("content-security-policy"), what).toBe(NON_PAGE_CSP);
  expect(res.headers.get("strict-transport-security"), `${what}: no HSTS over plain HTTP`).toBeNull();
}

describe("security headers from the custom server", () => {
  it.each([
    ["a plain request (no Next handler: 404)", "/anything"],
    ["socket.io's polling handshake", "/socket.io/?EIO=4&transport=polling"],
    ["a socket.io protocol error", "/socket.io/?EIO=9&transport=nope"],
  ])("%s", async (what, path) => {
    const res = await fetch(`${server.url}${path}`);
    await res.arrayBuffer();
    expectSecurityHeaders(res, what);
  });
});
