import { describe, expect, it } from "vitest";
import { crossOriginRefusal } from "@/lib/http/same-origin";

/** The cross-origin rule alone (lib/http/same-origin.ts); its use on the server: tests/integration/security/cross-origin.test.ts. */
describe("crossOriginRefusal", () => {
  const rule = { trustProxy: false, publicUrl: "" };

  it("lets through requests without Origin (not a browser page) and those from the host the browser used", () => {
    expect(crossOriginRefusal({ host: "10.0.0.5:3000" }, rule)).toBeNull();
    expect(crossOriginRefusal({ origin: "http://10.0.0.5:3000", host: "10.0.0.5:3000" }, rule)).toBeNull();
    expect(crossOriginRefusal({ origin: "http://Class.Example.org", host: "class.example.org" }, rule)).toBeNull();
    // Behind a TLS terminator that keeps Host: the browser's https origin, default ports on both sides.
    expect(crossOriginRefusal({ origin: "https://class.example.org", host: "class.example.org" }, rule)).toBeNull();
    expect(crossOriginRefusal({ origin: "https://class.example.org", host: "class.example.org:443" }, rule)).toBeNull();
  });

  it("refuses another host, another port, a malformed or opaque origin, and a non-web scheme", () => {
    expect(crossOriginRefusal({ origin: "https://evil.example.org", host: "class.example.org" }, rule)).toBe(
      "Cross-origin request refused: https://evil.example.org is not this server. Open the app at its own address.",
    );
    expect(crossOriginRefusal({ origin: "http://class.example.org:8080", host: "class.example.org" }, rule)).not.toBeNull();
    expect(crossOriginRefusal({ origin: "https://class.example.org", host: "class.example.org:3000" }, rule)).not.toBeNull();
    expect(crossOriginRefusal({ origin: "null", host: "class.example.org" }, rule)).toMatch(/is not a URL/);
    expect(crossOriginRefusal({ origin: "chrome-extension://abc", host: "abc" }, rule)).toMatch(/are not accepted/);
    expect(crossOriginRefusal({ origin: "https://class.example.org" }, rule)).not.toBeNull();
  });

  it("trusts X-Forwarded-Host only behind a trusted proxy, and accepts PUBLIC_URL's host", () => {
    const proxied = { origin: "https://class.example.org", host: "backend:3000", "x-forwarded-host": "class.example.org" };
    expect(crossOriginRefusal(proxied, rule)).not.toBeNull();
    expect(crossOriginRefusal(proxied, { trustProxy: true, publicUrl: "" })).toBeNull();
    expect(crossOriginRefusal({ origin: "https://class.example.org", host: "backend:3000" }, { trustProxy: false, publicUrl: "https://class.example.org/" })).toBeNull();
    expect(crossOriginRefusal({ origin: "https://evil.example.org", host: "backend:3000" }, { trustProxy: false, publicUrl: "https://class.example.org" })).not.toBeNull();
  });
});
