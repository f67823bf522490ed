import { describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";
import { NextRequest } from "next/server";
import { NON_PAGE_CSP, pageContentSecurityPolicy, STATIC_SECURITY_HEADERS } from "@/lib/http/security-headers";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe("page Content-Security-Policy", () => {
  const policy = directives(pageContentSecurityPolicy({ nonce: "abc123==", host: "quiz.example.org:3000" }));

  it.each([
    ["default-src", ["'self'"]],
    ["script-src", ["'self'", "'nonce-abc123=='", "'strict-dynamic'"]],
    ["style-src", ["'self'", "'unsafe-inline'"]],
    ["img-src", ["'self'", "data:", "blob:"]],
    ["connect-src", ["'self'", "ws://quiz.example.org:3000", "wss://quiz.example.org:3000"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'self'"]],
    ["form-action", ["'self'"]],
    ["frame-ancestors", ["'none'"]],
  ])("%s is %j", (name, values) => {
    expect(policy.get(name)).toEqual(values);
  });

  it("never allows inline script or eval in production, nor any websocket host but ours", () => {
    const text = pageContentSecurityPolicy({ nonce: "n", host: "h" });
    expect(text).not.toContain("'unsafe-inline' 'strict-dynamic'");
    expect(directives(text).get("script-src")).not.toContain("'unsafe-inline'");
    expect(directives(text).get("script-src")).not.toContain("'unsafe-eval'");
    expect(directives(text).get("connect-src")).not.toContain("ws:");
    expect(directives(text).get("connect-src")).not.toContain("wss:");
  });

  it("adds 'unsafe-eval' only in development (React's dev error overlay)", () => {
    expect(directives(pageContentSecurityPolicy({ nonce: "n", dev: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it.each(["evil.org; script-src *", "a b", "x'y", "", "host/path", "a\r\nSet-Cookie: x=1"])(
    "a hostile Host header (%j) cannot inject a directive",
    (host) => {
      const text = pageContentSecurityPolicy({ nonce: "n", host });
      expect(directives(text).get("connect-src")).toEqual(["'self'"]);
      expect(text.split(";").length).toBe(pageContentSecurityPolicy({ nonce: "n" }).split(";").length);
    },
  );
});

describe("proxy.ts", () => {
  it("puts a fresh nonce in the request header Next reads and in the response header", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const res = proxy(new NextRequest("http://localhost:3000/play/ABCDEF", { headers: { host: "localhost:3000" } }));
      const csp = res.headers.get("content-security-policy") ?? "";
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? "";
      expect(Buffer.from(nonce, "base64").length).toBe(16);
      expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
      expect(res.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
      seen.add(nonce);
    }
    expect(seen.size).toBe(50);
  });

  it("matches pages but not route handlers, static chunks or socket.io", () => {
    const source = new RegExp(`^${config.matcher[0]!.source}$`);
    for (const p of ["/", "/play/ABCDEF", "/host/sessions/x", "/join", "/lab/flow", "/reference"]) expect(source.test(p), p).toBe(true);
    for (const p of ["/api/auth/me", "/_next/static/chunks/a.js", "/socket.io/", "/favicon.ico"]) expect(source.test(p), p).toBe(false);
  });
});

describe("static headers", () => {
  const map = new Map(STATIC_SECURITY_HEADERS.map((h) => [h.key.toLowerCase(), h.value]));
  it.each([
    ["x-content-type-options", "nosniff"],
    ["x-frame-options", "DENY"],
    ["referrer-policy", "same-origin"],
    ["content-security-policy", NON_PAGE_CSP],
  ])("%s: %s", (key, value) => expect(map.get(key)).toBe(value));

  it("Permissions-Policy turns camera, microphone and geolocation off", () => {
    for (const feature of ["camera=()", "microphone=()", "geolocation=()"]) expect(map.get("permissions-policy")).toContain(feature);
  });

  it("Permissions-Policy names only features Chromium knows (any other logs 'Unrecognized feature' on every page)", () => {
    // From Chromium's permissions_policy_features.json5; 'bluetooth' is not one of them.
    const known = new Set(["camera", "microphone", "geolocation", "payment", "usb", "serial", "hid", "display-capture", "browsing-topics"]);
    const features = (map.get("permissions-policy") ?? "").split(",").map((d) => d.trim().split("=")[0]);
    expect(features.filter((f) => !known.has(f ?? ""))).toEqual([]);
    expect(features).not.toContain("bluetooth");
  });
});
