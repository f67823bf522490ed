import { signInSchema } from "@/lib/contract";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { retryLaterMessage, signInLimiters } from "@/lib/auth/rate-limit";
import { signedInResponse } from "@/lib/auth/instructor-session";
import { clientAddress, errorResponse, handler, parseBody } from "@/lib/auth/route";
import { getPrisma } from "@/lib/db/client";
import { findInstructorByEmail, normalizeEmail } from "@/lib/db/instructors";

const INCORRECT = "The email or password is incorrect.";

/** POST /api/auth/signin `{ email, password }` → 200 `{ instructor }` + session cookie; 401 with one generic message. */
export const POST = handler("auth/signin", async (req) => {
  const body = await parseBody(req, signInSchema);
  if (!body.ok) return body.response;
  const email = normalizeEmail(body.data.email);
  const address = clientAddress(req);
  const clientKey = `${address}|${email}`;
  // Failed sign-ins per client address + email and per email, every attempt per address (lib/auth/rate-limit.ts
  // SIGN_IN_LIMITS); shared by every process when REDIS_URL is set.
  const { perClient, perAccount, perAddress } = signInLimiters();
  await perAddress.recordFailure(address);
  const wait = Math.max(
    ...(await Promise.all([perClient.retryAfterMs(clientKey), perAccount.retryAfterMs(email), perAddress.retryAfterMs(address)])),
  );
  if (wait > 0) {
    const { message, seconds } = retryLaterMessage("Too many failed sign-ins.", wait);
    return errorResponse(429, "RATE_LIMITED", message, { headers: { "retry-after": String(seconds) } });
  }

  const instructor = await findInstructorByEmail(getPrisma(), email);
  // Verify against a dummy hash when there is no such account, so both failures take as long.
  const valid = await verifyPassword(body.data.password, instructor?.passwordHash ?? (await dummyPasswordHash()));
  if (!instructor || !valid) {
    await Promise.all([perClient.recordFailure(clientKey), perAccount.recordFailure(email)]);
    return errorResponse(401, "UNAUTHORIZED", INCORRECT);
  }
  await perClient.reset(clientKey);
  const { passwordHash: _hash, ...dto } = instructor;
  return signedInResponse(req, dto);
});
