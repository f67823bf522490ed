/**
 * The security headers of every response, in one place: the custom server (server/app-server.ts) puts the
 * static ones on everything it serves — Next pages, route handlers, static files and socket.io's own HTTP
 * responses — and proxy.ts replaces the Content-Security-Policy of each page with one carrying a fresh nonce.
 * Pure: no imports, safe in the proxy's runtime and in tests.
 */

export interface HeaderEntry {
  key: string;
  value: string;
}

/**
 * Everything that is not a page (JSON, CSV, socket.io polling, static files): nothing may run, load or frame it.
 * `default-src 'none'` makes a JSON error that echoes hostile input inert even if a browser were made to render it.
 */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Powerful features turned off for every document we serve: `feature=()` is the empty allow-list. */
const PERMISSIONS_POLICY =
  "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), display-capture=(), browsing-topics=()";

/** Headers sent with every response. */
export const STATIC_SECURITY_HEADERS: readonly HeaderEntry[] = [
  // MIME sniffing off: a JSON or CSV body is never reinterpreted as HTML or script.
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Clickjacking: CSP frame-ancestors 'none' for current browsers, X-Frame-Options for older ones (RFC 7034).
  { key: "X-Frame-Options", value: "DENY" },
  // Join codes live in URL paths (/join/CODE, /play/CODE): never send them to another origin.
  { key: "Referrer-Policy", value: "same-origin" },
  // The app uses none of these powerful features; a compromised or framed page cannot ask for them either.
  // Only features browsers know are listed: Chromium logs "Unrecognized feature" on every page for any other
  // (Web Bluetooth has no policy-controlled feature there, so `bluetooth` is left out; it needs a user gesture
  // and a device chooser anyway). tests/e2e/security.spec.ts checks that a page load logs no such warning.
  { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
  // A window we open (or that opens us) gets no handle on ours.
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  { key: "Content-Security-Policy", value: NON_PAGE_CSP },
];

/** Sent only when the browser reached us over TLS (HSTS over plain HTTP is ignored, RFC 6797 §8.1). */
export const HSTS_HEADER: HeaderEntry = { key: "Strict-Transport-Security", value: "max-age=15552000" };

export interface PageCspOptions {
  /** A fresh, unguessable value per response (base64, ≥128 bits). */
  nonce: string;
  /** Next's dev mode needs 'unsafe-eval' (React rebuilds server error stacks with eval); production never does. */
  dev?: boolean;
  /**
   * The Host the browser used ("quiz.example.org", "10.0.0.5:3000"). Named as ws:// and wss:// in connect-src
   * for browsers that predate CSP3's rule that 'self' also covers our own websocket (Safari before 15.4).
   */
  host?: string | null;
}

/** A Host header fit to appear in a policy: name or IP, optional port; anything else is dropped. */
function policyHost(host: string | null | undefined): string | null {
  return host && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? host.toLowerCase() : null;
}

/**
 * The Content-Security-Policy of an HTML page.
 *
 * - script-src: the App Router inlines its RSC payload (`self.__next_f.push(…)`) and loads chunks at run time,
 *   so a host allow-list cannot work; Next puts the request's nonce on every script it emits, and
 *   'strict-dynamic' lets those scripts load the chunks they need (CSP3 §8.2). 'self' is ignored by CSP3
 *   browsers once 'strict-dynamic' is present and only serves older ones.
 * - style-src 'unsafe-inline': React renders `style` attributes (bar widths, countdown ring), which a nonce
 *   cannot cover (a nonce in style-src would also switch 'unsafe-inline' off). Styles cannot run script.
 * - connect-src 'self' + our own host's ws:/wss:: same-origin fetch and the socket.io websocket, nothing else
 *   (no `ws:`/`wss:` wildcard: that would let an injected script talk to any websocket server).
 * - img-src data: for the QR code, an SVG data: URL built in the browser.
 */
export function pageContentSecurityPolicy({ nonce, dev = false, host }: PageCspOptions): string {
  const own = policyHost(host);
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${own ? ` ws://${own} wss://${own}` : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
  ].join("; ");
}
