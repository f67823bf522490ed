import { signUpSchema } from "@/lib/contract";
import { hashPassword } from "@/lib/auth/password";
import { signedInResponse } from "@/lib/auth/instructor-session";
import { errorResponse, handler, parseBody } from "@/lib/auth/route";
import { getPrisma } from "@/lib/db/client";
import { createInstructor } from "@/lib/db/instructors";

/** POST /api/auth/signup `{ email, name, password }` → 201 `{ instructor }` + session cookie; 409 if the email is taken. */
export const POST = handler("auth/signup", async (req) => {
  const body = await parseBody(req, signUpSchema);
  if (!body.ok) return body.response;
  const { email, name, password } = body.data;
  const created = await createInstructor(getPrisma(), { email, name, passwordHash: await hashPassword(password) });
  if (created === "EMAIL_TAKEN") {
    return errorResponse(409, "CONFLICT", "An account with this email already exists. Sign in instead.");
  }
  return signedInResponse(req, created, 201);
});
