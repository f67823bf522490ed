import { labHandler } from "@/lib/auth/lab-limits";
import { parseBody } from "@/lib/auth/route";
import { runSetup, setupRequestSchema } from "@/lib/lab/setup";

/** POST /api/lab/setup { scenario, form, action } → generated commands; applied cluster + flow; challenge verdict (lib/sim). */
export const POST = labHandler("lab/setup", async (req) => {
  const body = await parseBody(req, setupRequestSchema);
  if (!body.ok) return body.response;
  return Response.json(await runSetup(body.data), { headers: { "cache-control": "no-store" } });
});
