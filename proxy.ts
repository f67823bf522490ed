import { NextResponse, type NextRequest } from "next/server";
import { pageContentSecurityPolicy } from "@/lib/http/security-headers";

/**
 * A nonce-based Content-Security-Policy for every page (Next.js guide "Content Security Policy", Proxy).
 * Next reads the nonce back from the request's Content-Security-Policy header while rendering and puts it on
 * each script it emits; the same policy goes on the response. Pages must render per request for this (the root
 * layout opts out of static rendering). The other security headers come from the custom server for every
 * response (server/app-server.ts).
 */
export function proxy(request: NextRequest): NextResponse {
  // 128 random bits, base64: unguessable and fresh for each response (CSP3 §7.1 "nonce reuse").
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = pageContentSecurityPolicy({
    nonce,
    dev: process.env.NODE_ENV === "development",
    host: request.headers.get("host"),
  });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: route handlers, static chunks and socket.io keep the server's `default-src 'none'` policy.
      source: "/((?!api/|_next/static|_next/image|socket\\.io/|favicon\\.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
