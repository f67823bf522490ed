import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { activity, startSession } from "./instructor";

/**
 * DOC GENERATION, NOT A TEST: regenerates the README's screenshots in docs/screenshots/ from a real session on the
 * built server (the same server Playwright starts for the e2e tests). Skipped unless README_SCREENSHOTS=1:
 *
 *   README_SCREENSHOTS=1 npx playwright test tests/e2e/readme-screenshots.spec.ts
 *   (add E2E_SKIP_BUILD=1 to reuse an existing `next build`)
 *
 * Emoji render as boxes in headless Chromium without a colour emoji font: on Debian, first
 * `apt-get install -y fonts-noto-color-emoji`.
 *
 * - projector.png     1280×800: the projector during an open question, with the class's live distribution;
 * - phone-reveal.png   360×640: a student's phone at the reveal (a right answer, its points and the why);
 * - lab-flow.png      1280×800: the lab's token-flow section, stepped until the request fails at step 6.
 */

const OUT = path.resolve(process.cwd(), "docs/screenshots");
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, reducedMotion: "reduce" } as const;
const WIDE = { viewport: { width: 1280, height: 800 }, reducedMotion: "reduce" } as const;

test.skip(process.env.README_SCREENSHOTS !== "1", "doc generation: run with README_SCREENSHOTS=1 to refresh docs/screenshots/");

async function joinPhone(browser: Browser, code: string, nickname: string): Promise<Page> {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(`/join/${code}`);
  await page.getByLabel("Nickname").fill(nickname);
  await page.getByRole("button", { name: "Join session" }).click();
  await expect(page.getByRole("heading", { name: "You're in!" })).toBeVisible();
  return page;
}

test("README screenshots: projector, phone at the reveal, lab token flow", async ({ browser }) => {
  test.setTimeout(300_000);
  mkdirSync(OUT, { recursive: true });

  // ---- an instructor with a one-question deck (a pitfall, long enough to photograph while open) ----
  const laptop = await browser.newContext(WIDE);
  const host = await laptop.newPage();
  await host.goto("/host");
  const signup = await host.request.post("/api/auth/signup", {
    data: { email: `readme-${Date.now()}@example.test`, name: "Dana Docs", password: "correct horse battery" },
  });
  expect(signup.ok()).toBe(true);
  const { sessionId, code } = await startSession(
    host,
    {
      title: "IRSA in production",
      description: "README screenshots",
      activities: [activity("pitfall", "pitfalls/20-sub-namespace-typo", 90), activity("which-step", "pitfalls/17-audience-typo", 60)],
    },
    "speed",
  );
  const projector = await laptop.newPage();
  await projector.goto(`/host/sessions/${sessionId}/present`);

  // ---- a class joins ----
  const names = ["Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis"];
  const phones: Page[] = [];
  for (const name of names) phones.push(await joinPhone(browser, code, name));
  await expect(host.getByRole("heading", { name: new RegExp(`Students \\(${names.length} joined`) })).toBeVisible();
  await host.getByRole("button", { name: "Start", exact: true }).click();
  await expect(host.getByText(/^Question 1 of 2 — open/)).toBeVisible();

  // The console's answer key says which choice is right ("B — …"); most of the class finds it, some do not.
  const keyText = await host.getByRole("region", { name: "Answer key" }).getByText(/^Correct:/).innerText();
  const letter = /Correct:\s*([A-H]) —/.exec(keyText)?.[1];
  expect(letter).toBeTruthy();
  const right = letter!.charCodeAt(0) - 65;
  // Ada, Grace, Linus and Ken right; Margaret and Barbara on the same wrong choice (one of the first three, whose
  // bars fit in 800 px); Dennis still thinking.
  const wrong = right === 0 ? 1 : right - 1;
  const picks = [right, right, right, wrong, right, wrong, null];
  for (const [i, page] of phones.entries()) {
    const pick = picks[i];
    if (pick === null || pick === undefined) continue;
    const choices = page.getByRole("group", { name: "What is the root cause?" }).getByRole("button");
    await choices.nth(pick).click();
    await expect(page.getByText("Answer received")).toBeVisible();
  }
  await expect(projector.getByText(`6 / ${names.length} answered`)).toBeVisible();
  await projector.screenshot({ path: path.join(OUT, "projector.png") });

  // ---- the reveal, on Ada's phone ----
  await host.getByRole("button", { name: "Close early" }).click();
  await expect(phones[0]!.getByRole("heading", { name: "Correct", exact: true })).toBeVisible();
  // The phone focuses the new heading (scrolling it up); photograph the screen as it opens, from the top.
  await phones[0]!.evaluate(() => window.scrollTo(0, 0));
  await phones[0]!.screenshot({ path: path.join(OUT, "phone-reveal.png") });

  // ---- the lab's token flow, stepped until the sub typo fails at step 6 ----
  const lab = await laptop.newPage();
  await lab.goto("/lab/token-flow");
  await expect(lab.locator("h1")).toBeVisible();
  await lab.getByLabel("Scenario for the run").selectOption("sub-typo");
  for (let i = 0; i < 6; i++) await lab.getByRole("button", { name: "Step ▶" }).click();
  await expect(lab.getByTestId("flow-step-6")).toHaveAttribute("data-status", "fail");
  // The scenario picker and controls at the top of the picture, then the three lanes down to the failing step.
  await lab.getByText("Scenario for the run", { exact: true }).evaluate((el) => el.scrollIntoView({ block: "start" }));
  await lab.evaluate(() => window.scrollBy(0, -16));
  await lab.screenshot({ path: path.join(OUT, "lab-flow.png") });

  for (const page of phones) await page.context().close();
  await laptop.close();
});
