import { signUpSchema } from "@/lib/contract";
import { hashPassword } from "@/lib/auth/password";
import { signedInResponse } from "@/lib/auth/instructor-session";
import { retryLaterMessage, signInLimiters } from "@/lib/auth/rate-limit";
import { clientAddress, errorResponse, handler, parseBody } from "@/lib/auth/route";
import { getPrisma } from "@/lib/db/client";
import { createInstructor } from "@/lib/db/instructors";

/**
 * POST /api/auth/signup `{ email, name, password }` → 201 `{ instructor }` + session cookie; 409 if the email is
 * taken; 429 RATE_LIMITED with Retry-After past SIGN_UP_LIMITS attempts per client address (lib/auth/rate-limit.ts).
 */
export const POST = handler("auth/signup", async (req) => {
  const body = await parseBody(req, signUpSchema);
  if (!body.ok) return body.response;
  const address = clientAddress(req);
  const { signUps } = signInLimiters();
  // Recorded, then checked: sign-ups in flight together each find their own attempt counted.
  await signUps.recordFailure(address);
  const wait = await signUps.retryAfterMs(address);
  if (wait > 0) {
    const { message, seconds } = retryLaterMessage("Too many sign-ups from this network.", wait);
    return errorResponse(429, "RATE_LIMITED", message, { headers: { "retry-after": String(seconds) } });
  }
  const { email, name, password } = body.data;
  const created = await createInstructor(getPrisma(), { email, name, passwordHash: await hashPassword(password) });
  if (created === "EMAIL_TAKEN") {
    return errorResponse(409, "CONFLICT", "An account with this email already exists. Sign in instead.");
  }
  return signedInResponse(req, created, 201);
});
