import { expect, test, type Page } from "@playwright/test";
import { expectFits } from "./fit";

/**
 * 360 px phones: nothing on the lab, the reference, the join pages or the live phone screens sticks out of the
 * viewport (long ARNs, kids, env names and URLs wrap inside their cards). tests/e2e/fit.ts does the scan.
 */
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
const SHOTS = process.env.E2E_SCREENSHOTS ? "test-results/screens" : null;

test.describe("phone fit: lab and reference", () => {
  test.use(PHONE);

  const open = async (page: Page, path: string) => {
    await page.goto(path);
    await expect(page.locator("h1")).toBeVisible();
  };

  for (const path of ["/lab", "/lab/why", "/lab/node-role", "/lab/setup", "/lab/chain", "/lab/token-flow", "/lab/jwt", "/lab/pitfalls", "/reference", "/reference?scenario=report", "/", "/join", "/join/ABC234"]) {
    test(`${path} fits 360 px`, async ({ page }) => {
      await open(page, path);
      // <details> the student would open: their content must fit as well.
      await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
      await expectFits(page, path);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/fit${path.replace(/[/?=]/g, "_")}-360.png`, fullPage: true });
    });
  }

  test("lab sections after interaction fit 360 px", async ({ page }) => {
    await open(page, "/lab/why");
    const approaches = page.locator("button[aria-expanded]");
    for (let i = 0; i < (await approaches.count()); i++) {
      await approaches.nth(i).click();
      await expect(approaches.nth(i)).toHaveAttribute("aria-expanded", "true");
      await expectFits(page, `/lab/why, approach ${i + 1} opened`);
    }

    await open(page, "/lab/chain");
    await page.getByLabel("Load a common breakage").selectOption("no-provider");
    await expect(page.getByTestId("chain-error")).toContainText("No OpenIDConnect provider");
    await expectFits(page, "/lab/chain, no provider");

    await open(page, "/lab/token-flow");
    for (const preset of ["happy", "sub-typo", "chained-2h", "stale-jwks"]) {
      await page.getByLabel("Scenario for the run").selectOption(preset);
      await page.getByRole("button", { name: /Auto-play/ }).click();
      await expect(page.getByTestId("flow-outcome")).toContainText(/All nine steps succeed|Failed at step/, { timeout: 30_000 });
      await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
      await expectFits(page, `/lab/token-flow, ${preset}`);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/fit_lab_token-flow-${preset}-360.png`, fullPage: true });
    }

    await open(page, "/lab/jwt");
    await page.getByLabel("sub (subject)").fill("system:serviceaccount:a-very-long-namespace-name-without-breaks:billing-svc");
    await expect(page.getByTestId("jwt-trust")).toContainText("No match");
    await page.getByRole("radio", { name: /edited it by hand/ }).check();
    await expect(page.getByTestId("jwt-trust")).toContainText(/Invalid/);
    await page.getByRole("button", { name: "Show the changed token" }).click();
    await page.getByRole("button", { name: "✗ No match" }).click();
    await page.getByRole("button", { name: "Reveal" }).click();
    await expect(page.getByTestId("predict-result")).toBeVisible();
    await expectFits(page, "/lab/jwt, edited and predicted");

    await open(page, "/lab/pitfalls");
    await page.getByRole("group", { name: "Root causes" }).getByRole("button").first().click();
    await expect(page.getByTestId("pitfall-result")).toBeVisible();
    await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
    await expectFits(page, "/lab/pitfalls, answered");

    await open(page, "/lab/setup");
    await page.getByRole("button", { name: "Apply to cluster" }).click();
    await expect(page.getByText("Flow succeeds", { exact: true })).toBeVisible();
    for (const tab of await page.getByRole("tab").all()) {
      await tab.click();
      await expectFits(page, `/lab/setup, tab ${await tab.textContent()}`);
    }
  });
});
