import type { IncomingHttpHeaders } from "node:http";

/**
 * Cross-site request forgery: the one rule, for the socket.io handshake and for every state-changing HTTP request.
 *
 * The instructor's cookie is SameSite=Lax, which keeps it off requests from other *sites* — but a site is the
 * registrable domain, so a page on a sibling subdomain (or on another port of the same host) is the same site and
 * its requests carry the cookie: it could open a websocket as the instructor (the answer key, the controls) or POST
 * a `text/plain` form to /api/sessions. Browsers send `Origin` on every websocket handshake and on every POST, PUT,
 * PATCH and DELETE (fetch spec, "append a request `Origin` header"), so the server refuses those whose Origin is not
 * this server.
 *
 * "This server" is whichever name the browser used: the `Host` header, `X-Forwarded-Host` when the proxy is trusted
 * (TRUST_PROXY), or PUBLIC_URL's host. The scheme is not compared: behind a TLS terminator the browser's origin is
 * https and the hop to us is http. A request without `Origin` is not from a browser page (curl, the bench, the
 * tests, a server-side fetch) and carries no ambient cookie of a victim: it is let through.
 */
export interface OriginRule {
  trustProxy: boolean;
  /** PUBLIC_URL (may be empty). */
  publicUrl: string;
}

/** Null when the request may proceed; otherwise the message of the refusal. */
export function crossOriginRefusal(headers: IncomingHttpHeaders, rule: OriginRule): string | null {
  const origin = headerValue(headers.origin);
  if (origin === undefined) return null;
  let from: URL;
  try {
    from = new URL(origin);
  } catch {
    return `Cross-origin request refused: the Origin header "${origin.slice(0, 100)}" is not a URL.`;
  }
  if (from.protocol !== "http:" && from.protocol !== "https:") {
    return `Cross-origin request refused: requests from "${origin.slice(0, 100)}" are not accepted.`;
  }
  const defaultPort = from.protocol === "https:" ? "443" : "80";
  const target = `${from.hostname}:${from.port || defaultPort}`.toLowerCase();
  const names = [headerValue(headers.host), rule.trustProxy ? headerValue(headers["x-forwarded-host"]) : undefined, hostOf(rule.publicUrl)];
  for (const name of names) {
    if (name !== undefined && normalizeHost(name, defaultPort) === target) return null;
  }
  return `Cross-origin request refused: ${from.origin} is not this server. Open the app at its own address.`;
}

/** The first value of a header (a proxy may have appended more). */
function headerValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.split(",")[0]?.trim();
  return trimmed ? trimmed : undefined;
}

function hostOf(url: string): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}

/** `name[:port]` (a Host header) as `hostname:port`, the port defaulting to the origin's scheme's. */
function normalizeHost(host: string, defaultPort: string): string | null {
  try {
    const parsed = new URL(`http://${host}`);
    return `${parsed.hostname}:${parsed.port || defaultPort}`.toLowerCase();
  } catch {
    return null;
  }
}
