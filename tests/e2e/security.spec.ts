import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";

/**
 * Security through the real server and a real browser (issue 6):
 * - every page hydrates under the nonce-based Content-Security-Policy and the browser reports no violation;
 * - the headers are on pages, route handlers and socket.io alike; the nonce is fresh per response;
 * - hostile HTTP through the whole stack (Next's router in front of the handlers): oversized, malformed,
 *   unknown methods — clear 4xx JSON, and the server keeps serving;
 * - nicknames that look like markup render as text on the host console, the projector, the phones and the
 *   leaderboard, and no script of theirs runs;
 * - the page source of /play/CODE carries no answer.
 */

const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true } as const;
/** Both ≤ 20 characters (the nickname rule) and both would run script if rendered as HTML. */
const HOSTILE_NICKNAMES = ["<svg onload=alert``>", "<b>bold</b>&amp;"];

/** Records what the browser says about CSP: `securitypolicyviolation` events and console reports. */
async function watchCsp(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

async function violations(page: Page, consoleLines: string[]): Promise<string[]> {
  const fromEvents = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  return [...fromEvents, ...consoleLines.filter((l) => /Content Security Policy|Refused to (execute|load|connect|apply)/i.test(l))];
}

/** React hydrated the document: it keeps its fiber on the DOM nodes it adopted. */
async function hydrated(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const all = [document.documentElement, document.body, ...Array.from(document.querySelectorAll("main, main *"))];
    return all.some((n) => n && Object.keys(n).some((k) => k.startsWith("__reactFiber") || k.startsWith("__reactProps")));
  });
}

test.describe("Content-Security-Policy in the browser", () => {
  const pages = ["/", "/join", "/join/ABCDEF", "/play/ABCDEF", "/host", "/lab", "/reference", "/no-such-page"];

  for (const path of pages) {
    test(`${path} hydrates under the CSP with no violation`, async ({ browser }) => {
      const context = await browser.newContext();
      await watchCsp(context);
      const page = await context.newPage();
      const consoleLines: string[] = [];
      page.on("console", (m) => consoleLines.push(m.text()));
      const res = await page.goto(path);
      const csp = res!.headers()["content-security-policy"] ?? "";
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res!.headers()["x-frame-options"]).toBe("DENY");
      await page.waitForLoadState("networkidle");
      await expect.poll(() => hydrated(page), { message: `${path} hydrated` }).toBe(true);
      expect(await violations(page, consoleLines)).toEqual([]);
      await context.close();
    });
  }

  test("an interactive page works: the join form validates on the client, the socket connects", async ({ browser }) => {
    const context = await browser.newContext(PHONE);
    await watchCsp(context);
    const page = await context.newPage();
    const consoleLines: string[] = [];
    page.on("console", (m) => consoleLines.push(m.text()));
    const sockets: string[] = [];
    page.on("websocket", (ws) => sockets.push(ws.url()));
    // With the code check unreachable the form lets the join itself ask the server, over the socket.
    await page.route("**/api/codes/**", (route) => route.abort());
    await page.goto("/join");
    await page.getByRole("button", { name: "Suggest a name" }).click();
    await expect(page.getByLabel("Nickname")).not.toHaveValue("");
    await page.getByLabel("Session code").fill("ZZZZZZ");
    await page.getByRole("button", { name: "Join session" }).click();
    await expect(page.getByText(/no live session has this code/i)).toBeVisible();
    expect(sockets.some((u) => u.includes("/socket.io/"))).toBe(true);
    expect(await violations(page, consoleLines)).toEqual([]);
    await context.close();
  });

  test("the nonce is fresh for every response and matches the page's scripts; an injected script is refused", async ({ browser, request }) => {
    const a = await request.get("/join");
    const b = await request.get("/join");
    const nonce = (h: string | undefined) => /'nonce-([^']+)'/.exec(h ?? "")?.[1];
    const [na, nb] = [nonce(a.headers()["content-security-policy"]), nonce(b.headers()["content-security-policy"])];
    expect(na).toBeTruthy();
    expect(na).not.toBe(nb);
    const html = await a.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s).toContain(`nonce="${na}"`);

    const context = await browser.newContext();
    await watchCsp(context);
    const page = await context.newPage();
    await page.goto("/join");
    await page.waitForLoadState("networkidle");
    // What an injection into markup would do: an inline event handler and an inline <script> parsed from HTML.
    // (A script element created by already-running script is trusted by 'strict-dynamic' by design: the policy
    // stops the first step, getting markup to run at all.)
    const ran = await page.evaluate(async () => {
      const w = window as unknown as { __pwned?: number };
      const div = document.createElement("div");
      div.innerHTML = `<img src="data:," onerror="window.__pwned=1">`;
      document.body.append(div);
      const frame = document.createElement("iframe");
      frame.srcdoc = `<script>parent.__pwned = 2</script>`;
      document.body.append(frame);
      await new Promise((r) => setTimeout(r, 500));
      return w.__pwned ?? 0;
    });
    expect(ran).toBe(0);
    const seen = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    expect(seen.some((v) => v.startsWith("script-src"))).toBe(true);
    await context.close();
  });
});

test.describe("headers and hostile HTTP through the whole stack", () => {
  test("route handlers and socket.io get nosniff and a default-src 'none' policy", async ({ request }) => {
    for (const path of ["/api/auth/me", "/api/bank", "/socket.io/?EIO=4&transport=polling"]) {
      const res = await request.get(path);
      expect(res.headers()["x-content-type-options"], path).toBe("nosniff");
      expect(res.headers()["content-security-policy"], path).toContain("default-src 'none'");
      expect(res.headers()["referrer-policy"], path).toBe("same-origin");
    }
  });

  test("oversized, malformed and wrong-method requests get a clear 4xx; the server keeps serving", async ({ request }) => {
    const big = JSON.stringify({ email: "a@b.c", name: "x", password: "y".repeat(200 * 1024) });
    const cases: { method: string; path: string; data?: string; headers?: Record<string, string>; status: number[] }[] = [
      { method: "POST", path: "/api/auth/signup", data: big, status: [413] },
      { method: "POST", path: "/api/lab/jwt", data: "x".repeat(1024 * 1024), status: [413] },
      { method: "POST", path: "/api/auth/signin", data: "{not json", status: [400] },
      { method: "POST", path: "/api/auth/signin", data: "\uFEFF" + JSON.stringify({ email: 1 }), status: [400] },
      { method: "POST", path: "/api/lab/flow", data: JSON.stringify([1, 2, 3]), status: [400] },
      { method: "POST", path: "/api/decks", data: "{}", status: [401] },
      { method: "PATCH", path: "/api/decks", data: "{}", status: [405] },
      { method: "DELETE", path: "/api/auth/me", status: [405] },
    ];
    for (const c of cases) {
      const res = await request.fetch(c.path, { method: c.method, data: c.data, headers: { "content-type": "application/json", ...c.headers } });
      expect(c.status, `${c.method} ${c.path} → ${res.status()}`).toContain(res.status());
      if (res.status() !== 405) {
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(body.error.code.length).toBeGreaterThan(0);
        expect(body.error.message.length).toBeGreaterThan(0);
      }
    }
    expect((await request.get("/api/bank")).status()).toBe(200);
  });

  test("the instructor cookie is HttpOnly and SameSite; Secure when the proxy says the browser used TLS", async ({ request }) => {
    const email = `cookie-${Date.now()}@example.test`;
    const plain = await request.post("/api/auth/signup", { data: { email, name: "C", password: "long-enough-password" } });
    expect(plain.status()).toBe(201);
    const set = plain.headers()["set-cookie"] ?? "";
    expect(set).toMatch(/^irsa_session=/);
    expect(set).toMatch(/;\s*HttpOnly/i);
    expect(set).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(set).not.toMatch(/;\s*Secure/i); // plain HTTP here: a Secure cookie would never come back
    const tls = await request.post("/api/auth/signin", {
      data: { email, password: "long-enough-password" },
      headers: { "x-forwarded-proto": "https" },
    });
    expect(tls.status()).toBe(200);
    expect(tls.headers()["set-cookie"] ?? "").toMatch(/;\s*Secure/i);
    const out = await request.post("/api/auth/signout", { headers: { "x-forwarded-proto": "https" } });
    expect(out.headers()["set-cookie"] ?? "").toMatch(/irsa_session=;.*Max-Age=0/i);
  });
});

async function instructor(browser: Browser): Promise<{ context: BrowserContext; page: Page; sessionId: string; code: string }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const email = `xss-${Date.now()}@example.test`;
  expect((await context.request.post("/api/auth/signup", { data: { email, name: "Xss Teacher", password: "long-enough-password" } })).status()).toBe(201);
  const decks = (await (await context.request.get("/api/decks")).json()) as { decks: { id: string }[] };
  const created = await context.request.post("/api/sessions", { data: { deckId: decks.decks[0]!.id } });
  expect(created.status()).toBe(201);
  const { sessionId, code } = (await created.json()) as { sessionId: string; code: string };
  return { context, page, sessionId, code };
}

test("nicknames that look like markup render as text everywhere and run nothing", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const dialogs: string[] = [];
  const host = await instructor(browser);
  await watchCsp(host.context);
  host.page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await host.page.goto(`/host/sessions/${host.sessionId}`);
  const projector = await host.context.newPage();
  projector.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await projector.goto(`/host/sessions/${host.sessionId}/present`);

  const phones: Page[] = [];
  for (const nickname of HOSTILE_NICKNAMES) {
    const context = await browser.newContext(PHONE);
    await watchCsp(context);
    const page = await context.newPage();
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`/join/${host.code}`);
    await page.getByLabel("Nickname").fill(nickname);
    await page.getByRole("button", { name: "Join session" }).click();
    await expect(page.getByRole("heading", { name: "You're in!" })).toBeVisible();
    await expect(page.getByText(nickname, { exact: true }).first()).toBeVisible();
    phones.push(page);
  }

  // The page source of /play/CODE is a client shell: no nickname, no question, nothing from the session.
  const source = await (await request.get(`/play/${host.code}`)).text();
  for (const nickname of HOSTILE_NICKNAMES) expect(source).not.toContain(nickname);

  await expect(host.page.getByRole("heading", { name: /Students \(2 joined/ })).toBeVisible();
  for (const nickname of HOSTILE_NICKNAMES) {
    await expect(host.page.getByText(nickname, { exact: true }).first()).toBeVisible();
    await expect(projector.getByText(nickname, { exact: true }).first()).toBeVisible();
  }

  // Through a question to the leaderboard: the nicknames appear in the ranking as text.
  await host.page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(host.page.getByText(/Question 1 of \d+ — open/)).toBeVisible();
  await host.page.getByRole("button", { name: "Close early" }).click();
  await expect(host.page.getByText(/Question 1 of \d+ — answer revealed/)).toBeVisible();
  await host.page.getByRole("button", { name: "Show leaderboard" }).click();
  for (const page of [host.page, projector, ...phones]) {
    // Not exact: a phone marks its own row ("<svg onload=alert``>" + "you").
    for (const nickname of HOSTILE_NICKNAMES) await expect(page.getByRole("cell", { name: nickname }).first()).toBeVisible();
    // Nothing was parsed as markup: no element built from a nickname, no script of theirs ran.
    expect(await page.locator("svg[onload], main b").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
  }
  expect(dialogs).toEqual([]);
  await host.context.close();
  for (const p of phones) await p.context().close();
});
