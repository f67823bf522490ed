/**
 * The production/dev entry point: one Node process serving Next.js and socket.io on one port.
 *
 *   npm run dev     (node --import tsx server/index.ts, Next in dev mode)
 *   npm run serve   (NODE_ENV=production; needs `next build` first — scripts/start.sh does all of it)
 *
 * It does not migrate the database (scripts/start.sh runs `npm run db:migrate` first); it refuses to start on a
 * database that lacks a migration, naming the command that fixes it.
 */
import "./source-maps"; // first: in production, no source map kept per loaded module (see the file)
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import type { CatalogOptions } from "@/lib/activities/catalog";
import type { ActivityCatalog } from "@/lib/activities/types";
import { createCodeLookupLimiters, provideCodeLookupLimiters } from "@/lib/auth/code-lookup-limits";
import { createLabLimiter, provideLabLimiter } from "@/lib/auth/lab-limits";
import { createSignInLimiters, provideSignInLimiters } from "@/lib/auth/rate-limit";
import { loadConfig, type Config } from "@/lib/config";
import { createPrisma, provideSharedPrisma, type PrismaClient } from "@/lib/db/client";
import { migratePathsFor } from "@/lib/db/migrate";
import { customScenarioYaml } from "@/lib/db/scenarios";
import { startAppServer } from "./app-server";
import { installDebugStats } from "./debug-stats";
import { consoleLogger } from "./realtime";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Longest a graceful shutdown may take before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

function fatal(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

async function assertMigrated(prisma: PrismaClient, config: Config): Promise<void> {
  // SQLite and PostgreSQL each have their migrations folder (lib/db/migrate.ts migratePathsFor).
  const expected = readdirSync(migratePathsFor(config.databaseUrl).migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  let applied: string[] = [];
  try {
    const rows = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    applied = rows.map((r) => r.migration_name);
  } catch {
    applied = [];
  }
  const missing = expected.filter((m) => !applied.includes(m));
  if (missing.length > 0) {
    fatal(
      `The database ${config.databaseUrl} is not migrated (missing: ${missing.join(", ")}).\n` +
        `  Run: npm run db:migrate   (or start everything with: npm start)`,
    );
  }
}

async function loadCatalog(options: CatalogOptions): Promise<ActivityCatalog> {
  const specifier = new URL("../lib/activities/catalog.ts", import.meta.url).href;
  let mod: { createCatalog?: (options: CatalogOptions) => ActivityCatalog | Promise<ActivityCatalog> };
  try {
    mod = (await import(specifier)) as typeof mod;
  } catch (error) {
    fatal(`The activity catalog (lib/activities/catalog.ts) could not be loaded: ${(error as Error).message}`);
  }
  if (typeof mod.createCatalog !== "function") fatal("lib/activities/catalog.ts does not export createCatalog().");
  return mod.createCatalog(options);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    fatal((error as Error).message);
  }
  const prisma = createPrisma(config.databaseUrl);
  await assertMigrated(prisma, config);
  // Route handlers (app/api) run in this process too: they share this client.
  provideSharedPrisma(prisma);

  // Instructor-authored scenarios ("custom:<id>") are read from the database when a session prepares them.
  const catalog = await loadCatalog({ resolveCustom: (id) => customScenarioYaml(prisma, id) });
  const dev = config.nodeEnv !== "production";
  const app = next({ dev, dir: root, hostname: config.host, port: config.port });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = await startAppServer({
    port: config.port,
    host: config.host,
    prisma,
    catalog,
    authSecret: config.authSecret,
    publicUrl: config.publicUrl,
    requestHandler: (req, res) => handle(req, res),
    trustProxy: config.trustProxy,
    redisUrl: config.redisUrl,
    log: consoleLogger,
  });
  // Failed sign-ins (app/api/auth/signin) are counted in Redis too, on the cluster's connection: the route handlers
  // run in this process and pick the limiters up from globalThis, as they do the Prisma client.
  if (server.cluster) {
    const shared = { redis: server.cluster.scripts, log: consoleLogger };
    provideSignInLimiters(createSignInLimiters(shared));
    provideCodeLookupLimiters(createCodeLookupLimiters(shared));
    provideLabLimiter(createLabLimiter(shared));
  }
  console.log(`IRSA Classroom ${dev ? "(dev)" : ""} ready on ${config.publicUrl ?? server.url}`);
  console.log(
    `  database ${config.databaseUrl} · answers committed ${server.realtime.writer.mode === "worker" ? "on a worker thread" : "on the server thread"} · signing key from ${config.authSecretSource}`,
  );
  if (config.redisUrl) console.log(`  sharing live sessions with other processes through ${config.redisUrl}`);
  if (installDebugStats(server.realtime)) console.log("  IRSA_DEBUG_STATS=1: answer-writer stats on SIGUSR2");

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.error(`${signal} again: exiting now.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: stopping — committing accepted answers, closing connections…`);
    setTimeout(() => {
      console.error("Shutdown took too long; exiting.");
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    void (async () => {
      try {
        await server.close();
        await app.close?.();
        await prisma.$disconnect();
        console.log("Stopped cleanly.");
        process.exit(0);
      } catch (error) {
        console.error("Shutdown failed:", error);
        process.exit(1);
      }
    })();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
