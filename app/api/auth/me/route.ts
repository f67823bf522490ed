import { handler, requireInstructor, unauthorized } from "@/lib/auth/route";
import { getPrisma } from "@/lib/db/client";
import { findInstructorById } from "@/lib/db/instructors";

/** GET /api/auth/me → 200 `{ instructor }`, or 401 when signed out (or the account no longer exists). */
export const GET = handler("auth/me", async (req) => {
  const auth = await requireInstructor(req);
  if (!auth.ok) return auth.response;
  const instructor = await findInstructorById(getPrisma(), auth.instructorId);
  if (!instructor) return unauthorized();
  return Response.json({ instructor }, { headers: { "cache-control": "no-store" } });
});
