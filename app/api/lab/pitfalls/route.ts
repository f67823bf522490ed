import { z } from "zod";
import { labHandler } from "@/lib/auth/lab-limits";
import { errorResponse, parseBody } from "@/lib/auth/route";
import { answerPitfall } from "@/lib/lab/pitfalls";

const answerSchema = z.object({ id: z.string().min(1).max(120), choiceId: z.string().min(1).max(64) });

/**
 * POST /api/lab/pitfalls { id, choiceId } → PitfallAnswer: whether the click is right, decided by the activity
 * catalog's check (every choice's fix run through lib/sim). The correct choice is never sent before this answer.
 */
export const POST = labHandler("lab/pitfalls", async (req) => {
  const body = await parseBody(req, answerSchema);
  if (!body.ok) return body.response;
  const r = await answerPitfall(body.data.id, body.data.choiceId);
  if (!r) return errorResponse(404, "NOT_FOUND", "No such scenario or choice.");
  return Response.json(r, { headers: { "cache-control": "no-store" } });
});
