import { labHandler } from "@/lib/auth/lab-limits";
import { parseBody } from "@/lib/auth/route";
import { chainInputSchema, evaluateChain } from "@/lib/lab/chain";

/** POST /api/lab/chain ChainInput → ChainVerdict: each link's verdict and the error the pod would get (lib/sim). */
export const POST = labHandler("lab/chain", async (req) => {
  const body = await parseBody(req, chainInputSchema);
  if (!body.ok) return body.response;
  return Response.json(await evaluateChain(body.data), { headers: { "cache-control": "no-store" } });
});
