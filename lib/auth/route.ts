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
  // At most 10, like the socket wrapper: a body with thousands of bad fields gets a short answer.
  return error.issues.slice(0, 10).map((issue) => ({ path: issue.path.map(String).join(".") || "(body)", message: issue.message }));
}

/**
 * Largest JSON body a route reads: a full deck of 100 activities is ~20 KB. Route handlers have no body limit
 * of their own in Next, so without this a client could make the process buffer any amount.
 */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The request body as text, read up to `maxBytes`: refused before reading when Content-Length says it is too
 * big, and cut off (the stream cancelled) as soon as more arrives than that — a missing or lying
 * Content-Length gains nothing. Invalid UTF-8 is refused rather than replaced.
 */
export async function readBodyText(
  req: Request,
  maxBytes = MAX_BODY_BYTES,
): Promise<{ ok: true; text: string } | { ok: false; response: Response }> {
  const tooLarge = () => ({
    ok: false as const,
    response: errorResponse(413, "INVALID_PAYLOAD", `The request body is too large (at most ${maxBytes} bytes).`),
  });
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge();
  if (!req.body) return { ok: true, text: "" };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, response: errorResponse(400, "INVALID_PAYLOAD", "The request body must be UTF-8 JSON.") };
  }
}

/**
 * The request's JSON body (at most `maxBytes`, 413 beyond) parsed with `schema`, or a 400 INVALID_PAYLOAD
 * response naming what is wrong.
 */
export async function parseBody<S extends z.ZodType>(
  req: Request,
  schema: S,
  { maxBytes = MAX_BODY_BYTES }: { maxBytes?: number } = {},
): Promise<{ ok: true; data: z.output<S> } | { ok: false; response: Response }> {
  const read = await readBodyText(req, maxBytes);
  if (!read.ok) return read;
  let body: unknown;
  try {
    body = JSON.parse(read.text);
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
