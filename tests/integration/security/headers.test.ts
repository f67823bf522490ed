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

describe("the client address route handlers see", () => {
  it("is the socket's without a trusted proxy, whatever X-Forwarded-For the client sends", async () => {
    const { startAppServer } = await import("@/server/app-server");
    const { createTestCatalog } = await import("../support/test-catalog");
    const { SECRET_KEY } = await import("../support/harness");
    const { clientAddress } = await import("@/lib/auth/route");
    const echo = (trustProxy: boolean) =>
      startAppServer({
        port: 0,
        host: "127.0.0.1",
        prisma: db.prisma,
        catalog: createTestCatalog(),
        authSecret: SECRET_KEY,
        trustProxy,
        log: { error: () => undefined, warn: () => undefined, info: () => undefined },
        requestHandler: (req, res) => {
          const seen = clientAddress(new Request("http://x/", { headers: { "x-forwarded-for": String(req.headers["x-forwarded-for"] ?? "") } }));
          res.setHeader("content-type", "text/plain");
          res.end(seen);
        },
      });
    const direct = await echo(false);
    const spoofed = await fetch(`${direct.url}/`, { headers: { "x-forwarded-for": "203.0.113.7, 198.51.100.9" } });
    expect(await spoofed.text()).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    await direct.close();
    const proxied = await echo(true);
    const viaProxy = await fetch(`${proxied.url}/`, { headers: { "x-forwarded-for": "203.0.113.7, 198.51.100.9" } });
    expect(await viaProxy.text()).toBe("198.51.100.9");
    await proxied.close();
  });

  it("HSTS only when the browser came over TLS (a trusted proxy says https)", async () => {
    const { setSecurityHeaders } = await import("@/server/app-server");
    const headers = (trustProxy: boolean, proto: string | undefined, publicUrl = "http://x") => {
      const set = new Map<string, unknown>();
      const res = { setHeader: (k: string, v: unknown) => set.set(k.toLowerCase(), v) };
      const req = { headers: proto ? { "x-forwarded-proto": proto } : {} };
      setSecurityHeaders(req as never, res as never, { trustProxy, publicUrl });
      return set.get("strict-transport-security");
    };
    expect(headers(false, undefined)).toBeUndefined();
    expect(headers(false, "https")).toBeUndefined(); // a client's own claim
    expect(headers(true, "https")).toBe("max-age=15552000");
    expect(headers(false, undefined, "https://quiz.example.org")).toBe("max-age=15552000");
  });
});
