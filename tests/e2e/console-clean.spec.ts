import { expect, test } from "@playwright/test";

/**
 * A first visit logs nothing: no 404 for an icon the browser asks for by itself, no "Unrecognized feature" warning
 * about our Permissions-Policy, and no failed request for a signed-out /host (who is signed in is asked with
 * GET /api/auth/me, which answers { instructor: null } rather than 401).
 */
for (const path of ["/", "/join", "/host", "/lab", "/lab/jwt", "/reference", "/me/no-such-session"]) {
  test(`${path}: a first load logs no error or warning and no request fails`, async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const logged: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") logged.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => logged.push(`pageerror: ${e.message}`));
    const failed: string[] = [];
    page.on("response", (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    // Link prefetches cancelled when the test moves on are not failures (net::ERR_ABORTED).
    page.on("requestfailed", (r) => {
      if (!/ERR_ABORTED/.test(r.failure()?.errorText ?? "")) failed.push(`failed ${new URL(r.url()).pathname}: ${r.failure()?.errorText}`);
    });
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    if (path === "/host") await expect(page.getByRole("button", { name: "Create an account" })).toBeVisible();
    expect(logged).toEqual([]);
    expect(failed).toEqual([]);
    // The App Router's icon is linked, so the browser does not guess /favicon.ico.
    const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
    expect(icon).toMatch(/^\/icon\.svg/);
    expect((await page.request.get(icon!)).status()).toBe(200);
    await context.close();
  });
}
