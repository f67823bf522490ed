import { labHandler } from "@/lib/auth/lab-limits";
import { parseBody } from "@/lib/auth/route";
import { inspectJwt, jwtInputSchema } from "@/lib/lab/jwt";

/**
 * POST /api/lab/jwt { scenario, claims?, mode, reveal } → the signed token, decoded; with reveal: true also the
 * signature status, the trust-policy evaluation and STS's answer (lib/sim). reveal: false keeps the verdict
 * on the server until the student has predicted.
 */
export const POST = labHandler("lab/jwt", async (req) => {
  const body = await parseBody(req, jwtInputSchema);
  if (!body.ok) return body.response;
  return Response.json(await inspectJwt(body.data), { headers: { "cache-control": "no-store" } });
});
