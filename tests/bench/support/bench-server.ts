/**
 * The realtime server without Next.js, for the live bench when the production entry point cannot run (no
 * `next build`, or lib/activities/catalog.ts not there yet): the same startAppServer, limits and answer writer
 * as server/index.ts, with the real catalog when it exists, else the integration tests' catalog.
 *
 *   DATABASE_URL=file:… AUTH_SECRET=… PORT=… IRSA_DEBUG_STATS=1 node --import tsx tests/bench/support/bench-server.ts
 *
 * Prints "CATALOG real|test" and "PORT <n>" once listening; stops on SIGTERM.
 */
import type { ActivityCatalog } from "@/lib/activities/types";
import { createPrisma } from "@/lib/db/client";
import { startAppServer } from "@/server/app-server";
import { installDebugStats } from "@/server/debug-stats";
import { createTestCatalog } from "../../integration/support/test-catalog";

const url = process.env.DATABASE_URL;
const secret = process.env.AUTH_SECRET;
if (!url || !secret) throw new Error("DATABASE_URL and AUTH_SECRET are required");

async function loadCatalog(): Promise<{ catalog: ActivityCatalog; kind: "real" | "test" }> {
  if (process.env.BENCH_CATALOG !== "test") {
    try {
      const mod = (await import(new URL("../../../lib/activities/catalog.ts", import.meta.url).href)) as {
        createCatalog?: () => ActivityCatalog | Promise<ActivityCatalog>;
      };
      if (typeof mod.createCatalog === "function") return { catalog: await mod.createCatalog(), kind: "real" };
    } catch {
      // not there yet: fall back to the test catalog
    }
  }
  return { catalog: createTestCatalog(), kind: "test" };
}

const prisma = createPrisma(url);
const { catalog, kind } = await loadCatalog();
const server = await startAppServer({
  port: Number(process.env.PORT ?? 0),
  host: "127.0.0.1",
  prisma,
  catalog,
  authSecret: new TextEncoder().encode(secret),
  log: { error: (m, c) => console.error(m, c), warn: (m, c) => console.warn(m, c), info: () => undefined },
});
installDebugStats(server.realtime);
process.stdout.write(`CATALOG ${kind}\nPORT ${server.port}\n`);
process.on("SIGTERM", () => {
  void server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
