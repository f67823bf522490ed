import { signedOutResponse } from "@/lib/auth/instructor-session";
import { handler } from "@/lib/auth/route";

/** POST /api/auth/signout → 200 `{ ok: true }`, clearing the session cookie (signed in or not). */
export const POST = handler("auth/signout", async (req) => signedOutResponse(req));
