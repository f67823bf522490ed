import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack } from "@/lib/contract";
import { startAppServer, type AppServer } from "@/server/app-server";
import { createTestDb, SECRET_KEY, type ClientSocket, type TestDb } from "../support/harness";
import { createTestCatalog } from "../support/test-catalog";

/**
 * Code guessing behind a reverse proxy (TRUST_PROXY): the limiter keys on the address the proxy appended to
 * X-Forwarded-For, so a guesser who writes a fresh address of their own in front of it on every connection
 * is still one client. (Without a proxy the socket address is used; tests/integration/resilience.test.ts.)
 */

let db: TestDb;
let server: AppServer;
beforeAll(async () => {
  db = await createTestDb();
  server = await startAppServer({
    port: 0,
    host: "127.0.0.1",
    prisma: db.prisma,
    catalog: createTestCatalog(),
    authSecret: SECRET_KEY,
    trustProxy: true,
    log: { error: () => undefined, warn: () => undefined, info: () => undefined },
    limits: { badCodePerIp: { capacity: 3, refillPerSec: 0 } },
  });
});
afterAll(async () => {
  await server?.close();
  await db?.cleanup();
});

async function guess(forwardedFor: string, code: string): Promise<string> {
  const socket: ClientSocket = connect(server.url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: { "x-forwarded-for": forwardedFor },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
    });
    const ack = await new Promise<Ack<unknown>>((resolve) =>
      (socket as unknown as { emit(e: string, p: unknown, a: (r: Ack<unknown>) => void): void }).emit("session:join", { code, nickname: "guesser" }, resolve),
    );
    return ack.ok ? "ok" : ack.error.code;
  } finally {
    socket.disconnect();
  }
}

describe("join-code guessing behind a trusted proxy", () => {
  it("a spoofed first X-Forwarded-For entry does not reset the limit; another real client is not affected", async () => {
    const results: string[] = [];
    for (let i = 0; i < 6; i++) results.push(await guess(`10.66.0.${i}, 192.0.2.50`, `ZZZZZ${"ABCDEF"[i]}`));
    expect(results).toEqual(["NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "RATE_LIMITED", "RATE_LIMITED", "RATE_LIMITED"]);
    expect(await guess("192.0.2.51", "ZZZZZZ")).toBe("NOT_FOUND");
  });
});
