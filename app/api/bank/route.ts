import { handler } from "@/lib/auth/route";
import { createCatalog, type BankCatalog } from "@/lib/activities/catalog";

/** The bank is course material: loaded and judged by the simulator once per process. */
let catalog: Promise<BankCatalog> | undefined;

/** GET /api/bank → `{ entries }`: every scenario of the bank and the kinds it can be played as (deck builder). */
export const GET = handler("bank", async () => {
  catalog ??= createCatalog();
  const c = await catalog.catch((e: unknown) => {
    catalog = undefined;
    throw e;
  });
  return Response.json({ entries: c.list() }, { headers: { "cache-control": "public, max-age=300" } });
});
