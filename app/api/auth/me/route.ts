import { handler } from "@/lib/auth/route";
import { instructorFromRequest } from "@/lib/auth/cookies";
import { getPrisma } from "@/lib/db/client";
import { findInstructorById } from "@/lib/db/instructors";

/**
 * GET /api/auth/me → 200 `{ instructor }`, or 200 `{ instructor: null }` when nobody is signed in (no cookie, a
 * forged or expired one, or an account that no longer exists). "Who is signed in?" is a question the host page asks
 * before anyone has signed in, so "nobody" is an answer, not an error: a 401 here made every signed-out visit to
 * /host log a failed request in the browser console. Routes that need an instructor still answer 401.
 */
export const GET = handler("auth/me", async (req) => {
  const me = await instructorFromRequest(req);
  const instructor = me ? await findInstructorById(getPrisma(), me.instructorId) : null;
  return Response.json({ instructor }, { headers: { "cache-control": "no-store" } });
});
