import type { InstructorDto } from "@/lib/contract";
import { clearedInstructorCookie, instructorCookie, isSecureRequest } from "./cookies";
import { getAuthSecret } from "./secret";
import { signInstructorToken } from "./tokens";

/** 200/201 `{ instructor }` that also sets the 7-day instructor session cookie. */
export async function signedInResponse(req: Request, instructor: InstructorDto, status = 200): Promise<Response> {
  const token = await signInstructorToken({ instructorId: instructor.id }, getAuthSecret());
  return Response.json(
    { instructor },
    {
      status,
      headers: { "set-cookie": instructorCookie(token, isSecureRequest(req)), "cache-control": "no-store" },
    },
  );
}

/** 200 `{ ok: true }` that removes the instructor session cookie. */
export function signedOutResponse(req: Request): Response {
  return Response.json(
    { ok: true },
    { headers: { "set-cookie": clearedInstructorCookie(isSecureRequest(req)), "cache-control": "no-store" } },
  );
}
