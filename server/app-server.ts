import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ActivityCatalog } from "@/lib/activities/types";
import type { PrismaClient } from "@/lib/db/client";
import { RedisCluster } from "./cluster/redis-cluster";
import type { AppError } from "@/lib/contract";
import { createSharedJoinedSessions, provideJoinedSessions } from "@/lib/auth/joined-sessions";
import { crossOriginRefusal } from "@/lib/http/same-origin";
import { HSTS_HEADER, STATIC_SECURITY_HEADERS } from "@/lib/http/security-headers";
import { createRealtime, type Clock, type Logger, type Realtime, type RealtimeLimits } from "./realtime";

/**
 * The static security headers (lib/http/security-headers.ts) on a response; HSTS only when the browser came
 * over TLS — PUBLIC_URL is https, or a trusted proxy says so in X-Forwarded-Proto.
 */
export function setSecurityHeaders(
  req: IncomingMessage,
  res: ServerResponse,
  opts: { trustProxy: boolean; publicUrl: string },
): void {
  for (const { key, value } of STATIC_SECURITY_HEADERS) res.setHeader(key, value);
  const proto = opts.trustProxy ? String(req.headers["x-forwarded-proto"] ?? "").split(",")[0]?.trim() : "";
  if (proto === "https" || opts.publicUrl.startsWith("https:")) res.setHeader(HSTS_HEADER.key, HSTS_HEADER.value);
}

/** Methods that change something: a page of another origin may not send them with our cookies (lib/http/same-origin.ts). */
function isStateChanging(method: string | undefined): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes((method ?? "GET").toUpperCase());
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface AppServerOptions {
  port: number;
  host?: string;
  prisma: PrismaClient;
  catalog: ActivityCatalog;
  authSecret: Uint8Array;
  /** Base of join links; defaults to the address listened on. */
  publicUrl?: string | null;
  /** Next.js's request handler; without one (integration tests), plain HTTP requests get 404. */
  requestHandler?: RequestHandler;
  clock?: Clock;
  random?: () => number;
  log?: Logger;
  trustProxy?: boolean;
  limits?: Partial<RealtimeLimits>;
  /** REDIS_URL: several processes share the live sessions (server/cluster/redis-cluster.ts). */
  redisUrl?: string | null;
}

export interface AppServer {
  httpServer: HttpServer;
  realtime: Realtime;
  /** With REDIS_URL: this process's Redis side (its connection also carries the shared rate limits). */
  cluster?: RedisCluster;
  port: number;
  /** http://host:port of the listener (the public URL may differ behind a proxy). */
  url: string;
  /** Graceful: stop accepting, commit accepted answers, close sockets and the listener. */
  close(): Promise<void>;
  /** As a crash: drop queued writes, cut every connection. For crash tests. */
  abandon(): Promise<void>;
}

/**
 * One http server for Next.js and socket.io on one port (STACK.md "Custom server"). The Next part is optional
 * so that integration tests run the real realtime server without a Next build.
 */
export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const handler: RequestHandler =
    options.requestHandler ??
    ((_req, res) => {
      res.statusCode = 404;
      res.end();
    });
  const httpServer = createServer((req, res) => {
    const refusal = isStateChanging(req.method) ? crossOriginRefusal(req.headers, { trustProxy: options.trustProxy ?? false, publicUrl }) : null;
    if (refusal) {
      const error: AppError = { code: "FORBIDDEN", message: refusal };
      res.writeHead(403, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify({ error }));
      return;
    }
    void Promise.resolve(handler(req, res)).catch((error: unknown) => {
      options.log?.error("request handler failed", error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });

  // The realtime server needs the public URL for join links before we know the port when port is 0.
  let publicUrl = options.publicUrl ?? "";
  const cluster = options.redisUrl
    ? await RedisCluster.connect({
        url: options.redisUrl,
        log: options.log ?? { error: console.error, warn: console.warn, info: () => undefined },
      })
    : undefined;
  // The socket handlers and the code-lookup route (Next, this process) share it; with Redis, so do the processes.
  if (cluster) provideJoinedSessions(createSharedJoinedSessions({ redis: cluster.scripts, log: options.log ?? console }));
  const realtime = createRealtime({
    httpServer,
    prisma: options.prisma,
    catalog: options.catalog,
    authSecret: options.authSecret,
    get publicUrl() {
      return publicUrl;
    },
    clock: options.clock,
    random: options.random,
    log: options.log,
    trustProxy: options.trustProxy,
    limits: options.limits,
    cluster,
  });
  // In worker mode, start the answer worker and prove it can commit before anyone answers (falls back to the
  // server's thread, loudly, when it cannot).
  await realtime.writer.ready();

  // Security headers on every response — Next's and socket.io's own (polling, errors) alike. Registered after
  // socket.io attached its listener, and put in front of it, so they are set before anyone writes a status line.
  httpServer.prependListener("request", (req, res) => {
    setSecurityHeaders(req, res, { trustProxy: options.trustProxy ?? false, publicUrl });
    // Route handlers rate-limit by X-Forwarded-For (lib/auth/route.ts clientAddress). Next only fills it in when
    // it is missing, so without a trusted proxy a client could name any address it likes: replace it with the
    // socket's. Behind a trusted proxy, the proxy appends the address it saw and that last entry is used.
    if (!options.trustProxy) req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "unknown";
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host ?? "0.0.0.0", () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const shownHost = !options.host || options.host === "0.0.0.0" || options.host === "::" ? "localhost" : options.host;
  const url = `http://${shownHost}:${port}`;
  if (!publicUrl) publicUrl = url;

  const cutConnections = () => {
    httpServer.closeAllConnections();
  };
  return {
    httpServer,
    realtime,
    cluster,
    port,
    url,
    async close() {
      await realtime.close();
      cutConnections();
    },
    async abandon() {
      await realtime.abandon();
      cutConnections();
    },
  };
}
