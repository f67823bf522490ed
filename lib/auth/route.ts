import type { z } from "zod";
import type { AppError, ErrorCode } from "@/lib/contract";
import { instructorFromRequest } from "./cookies";

/**
 * The small toolkit every app/api route handler uses: JSON errors as `{ error: AppError }`, one zod parse
 * per body (STYLE.md §4), the instructor check, and a last-resort catch that logs and answers INTERNAL.
 */

export function errorResponse(
  status: number,
  code: ErrorCode,
  message: string,
  options: { issues?: AppError["issues"]; headers?: HeadersInit } = {},
): Response {
  const error: AppError = options.issues ? { code, message, issues: options.issues } : { code, message };
  return Response.json({ error }, { status, headers: options.headers });
}

export function unauthorized(): Response {
  return errorResponse(401, "UNAUTHORIZED", "Sign in as an instructor to continue.");
}

export function zodIssues(error: z.ZodError): NonNullable<AppError["issues"]> {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join(".") || "(body)", message: issue.message }));
}

/** The request's JSON body parsed with `schema`, or a 400 INVALID_PAYLOAD response naming what is wrong. */
export async function parseBody<S extends z.ZodType>(
  req: Request,
  schema: S,
): Promise<{ ok: true; data: z.output<S> } | { ok: false; response: Response }> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return { ok: false, response: errorResponse(400, "INVALID_PAYLOAD", "The request body must be JSON.") };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      response: errorResponse(400, "INVALID_PAYLOAD", "Some fields are missing or invalid.", {
        issues: zodIssues(parsed.error),
      }),
    };
  }
  return { ok: true, data: parsed.data };
}

/** The signed-in instructor's id, or a 401 response. */
export async function requireInstructor(
  req: Request,
): Promise<{ ok: true; instructorId: string } | { ok: false; response: Response }> {
  const me = await instructorFromRequest(req);
  return me ? { ok: true, instructorId: me.instructorId } : { ok: false, response: unauthorized() };
}

/**
 * Wrap a route handler: an unexpected exception is logged with the route and reaches the client as
 * 500 INTERNAL, never as a stack trace (STYLE.md §5).
 */
export function handler<A extends unknown[]>(
  name: string,
  run: (req: Request, ...rest: A) => Promise<Response>,
): (req: Request, ...rest: A) => Promise<Response> {
  return async (req, ...rest) => {
    try {
      return await run(req, ...rest);
    } catch (error) {
      console.error(`[${name}] ${req.method} ${new URL(req.url).pathname} failed:`, error);
      return errorResponse(500, "INTERNAL", "Something went wrong on the server. Try again in a moment.");
    }
  };
}

/**
 * The client address for rate limiting: the last X-Forwarded-For entry (a reverse proxy appends the address
 * it saw; without a proxy, Next sets the header from the socket when the client did not send one).
 */
export function clientAddress(req: Request): string {
  const forwarded = req.headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return last ?? req.headers.get("x-real-ip") ?? "unknown";
}
