import { getConfig, type Config } from "@/lib/config";
import { getAuthSecret } from "./secret";
import { INSTRUCTOR_TOKEN_TTL_SECONDS, verifyInstructorToken, type InstructorClaims } from "./tokens";

/** The instructor's session cookie: an HttpOnly, SameSite=Lax cookie holding a jose-signed instructor token. */
export const INSTRUCTOR_COOKIE = "irsa_session";

/**
 * Parse a Cookie request header (RFC 6265 §5.4) into name → value. The first occurrence of a name wins
 * (the most specific path, as browsers send it); values are percent-decoded when they can be.
 */
export function parseCookieHeader(header: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const pair of header.split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 0) continue;
    const name = pair.slice(0, eq).trim();
    if (!name || name in out) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      out[name] = value;
    }
  }
  return out;
}

/**
 * Whether the Secure attribute belongs on cookies for this request: when the browser reached us over TLS —
 * directly, through a proxy that says so (X-Forwarded-Proto), or as PUBLIC_URL promises.
 */
export function isSecureRequest(req: Request, config: Pick<Config, "secureCookies" | "publicUrl"> = getConfig()): boolean {
  if (config.secureCookies === "always") return true;
  if (config.secureCookies === "never") return false;
  const forwarded = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  if (forwarded === "https") return true;
  if (config.publicUrl?.startsWith("https:")) return true;
  try {
    return new URL(req.url).protocol === "https:";
  } catch {
    return false;
  }
}

function cookieAttributes(secure: boolean, maxAge: number): string {
  return ["Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAge}`, secure ? "Secure" : ""].filter(Boolean).join("; ");
}

/** Set-Cookie value that stores the instructor token for 7 days. */
export function instructorCookie(token: string, secure: boolean): string {
  return `${INSTRUCTOR_COOKIE}=${token}; ${cookieAttributes(secure, INSTRUCTOR_TOKEN_TTL_SECONDS)}`;
}

/** Set-Cookie value that removes the instructor cookie (sign-out). */
export function clearedInstructorCookie(secure: boolean): string {
  return `${INSTRUCTOR_COOKIE}=; ${cookieAttributes(secure, 0)}; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;
}

/** The instructor token in a Cookie header, verified; null when absent, forged, expired or of another kind. */
export async function instructorFromCookieHeader(
  header: string | null | undefined,
  secret: Uint8Array = getAuthSecret(),
): Promise<InstructorClaims | null> {
  const token = parseCookieHeader(header)[INSTRUCTOR_COOKIE];
  return token ? verifyInstructorToken(token, secret) : null;
}

/**
 * The signed-in instructor of a route handler's request (its `irsa_session` cookie), or null.
 *
 * @example
 * const me = await instructorFromRequest(req);
 * if (!me) return errorResponse(401, "UNAUTHORIZED", "Sign in first.");
 */
export function instructorFromRequest(req: Request): Promise<InstructorClaims | null> {
  return instructorFromCookieHeader(req.headers.get("cookie"));
}
