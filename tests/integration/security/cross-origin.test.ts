import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect } from "socket.io-client";
import type { Ack, HostView } from "@/lib/contract";
import type { AppServer } from "@/server/app-server";
import { createTestDb, seedSession, startTestServer, type TestDb } from "../support/harness";

/**
 * Cross-site request forgery (lib/http/same-origin.ts): a page of another origin — a sibling subdomain or another
 * port of the same host is the same *site*, so the SameSite=Lax instructor cookie goes with its requests — may not
 * open a socket as the instructor nor send a state-changing HTTP request. The app's own pages, and clients that
 * are not browser pages (no Origin header), are unaffected.
 */

let db: TestDb;
let server: AppServer;
let port: number;

beforeAll(async () => {
  db = await createTestDb();
  server = await startTestServer(db.prisma);
  port = server.port;
});
afterAll(async () => {
  await server?.close();
  await db?.cleanup();
});

const FOREIGN = "http://evil.127.0.0.1.nip.io:8080";

/** A raw HTTP request (fetch may not set Origin or Host as a browser would). */
function send(method: string, path: string, headers: Record<string, string>, body = ""): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers: { "content-length": Buffer.byteLength(body), ...headers } }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function tableCounts(): Promise<Record<string, number>> {
  return {
    sessions: await db.prisma.liveSession.count(),
    decks: await db.prisma.deck.count(),
    instructors: await db.prisma.instructor.count(),
  };
}

describe("requests from another origin", () => {
  it("refuses a state-changing HTTP request whose Origin is not this server, with a clear 403, before any handler runs", async () => {
    const session = await seedSession(db.prisma);
    const before = await tableCounts();
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const res = await send(method, "/api/sessions", { origin: FOREIGN, cookie: session.cookie, "content-type": "text/plain" }, '{"deckId":"x"}');
      expect(res.status, method).toBe(403);
      const body = JSON.parse(res.body) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("FORBIDDEN");
      expect(body.error.message).toBe("Cross-origin request refused: http://evil.127.0.0.1.nip.io:8080 is not this server. Open the app at its own address.");
    }
    // A malformed Origin and the opaque "null" origin (sandboxed frames, file: pages) are refused too.
    expect((await send("POST", "/api/sessions", { origin: "null", cookie: session.cookie })).status).toBe(403);
    expect((await send("POST", "/api/sessions", { origin: "not a url", cookie: session.cookie })).status).toBe(403);
    // Same host name on another port: another origin (a different app on the same machine).
    expect((await send("POST", "/api/sessions", { origin: `http://127.0.0.1:${port + 1}` })).status).toBe(403);
    expect(await tableCounts()).toEqual(before);
  });

  it("lets through its own origin, requests without Origin, and safe methods (they reach the handler: 404 here, no Next)", async () => {
    expect((await send("POST", "/api/sessions", { origin: `http://127.0.0.1:${port}` })).status).toBe(404);
    expect((await send("POST", "/api/sessions", {})).status).toBe(404);
    expect((await send("GET", "/api/sessions", { origin: FOREIGN })).status).toBe(404);
    // The Host header the browser used (behind a proxy that keeps it, e.g. nginx's `proxy_set_header Host $host`).
    expect((await send("POST", "/api/sessions", { origin: "https://class.example.org", host: "class.example.org" })).status).toBe(404);
    // X-Forwarded-Host is not trusted without TRUST_PROXY: a client could name any host in it.
    expect((await send("POST", "/api/sessions", { origin: FOREIGN, "x-forwarded-host": "evil.127.0.0.1.nip.io:8080" })).status).toBe(403);
  });

  it("refuses a socket.io handshake from another origin (polling and websocket); the app's own origin connects as the instructor", async () => {
    const session = await seedSession(db.prisma);
    const polling = await send("GET", "/socket.io/?EIO=4&transport=polling", { origin: FOREIGN, cookie: session.cookie });
    expect(polling.status).toBe(403);
    expect(polling.body).toContain("Cross-origin request refused");

    const foreign = connect(server.url.replace("localhost", "127.0.0.1"), {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      extraHeaders: { origin: FOREIGN, cookie: session.cookie },
    });
    const refused = await new Promise<boolean>((resolve) => {
      foreign.once("connect", () => resolve(false));
      foreign.once("connect_error", () => resolve(true));
    });
    foreign.close();
    expect(refused).toBe(true);

    const own = connect(`http://127.0.0.1:${port}`, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      extraHeaders: { origin: `http://127.0.0.1:${port}`, cookie: session.cookie },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        own.once("connect", () => resolve());
        own.once("connect_error", reject);
      });
      const watched = await own.timeout(5000).emitWithAck("host:watch", { sessionId: session.sessionId }) as Ack<HostView>;
      expect(watched.ok).toBe(true);
    } finally {
      own.close();
    }
  });
});
