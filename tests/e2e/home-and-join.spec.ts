import { expect, test, type Browser, type Page } from "@playwright/test";

const SHOTS = process.env.E2E_SCREENSHOTS ? "test-results/screens" : null;

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

/**
 * A live session and an ended one, started by an instructor through the API and the console, for the join
 * checks below. The demo deck is enough: nobody answers anything here.
 */
async function sessions(browser: Browser): Promise<{ live: string; ended: string; close: () => Promise<void> }> {
  const laptop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const host = await laptop.newPage();
  const signup = await host.request.post("/api/auth/signup", {
    data: { email: `join-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`, name: "Joan Join", password: "correct horse battery" },
  });
  expect(signup.status()).toBe(201);
  const decks = (await (await host.request.get("/api/decks")).json()) as { decks: { id: string }[] };
  const start = async () => {
    const res = await host.request.post("/api/sessions", { data: { deckId: decks.decks[0]!.id, scoring: "speed" } });
    expect(res.status()).toBe(201);
    return (await res.json()) as { sessionId: string; code: string };
  };
  const live = await start();
  const ended = await start();
  await host.goto(`/host/sessions/${ended.sessionId}`);
  await host.getByRole("button", { name: "End session" }).click();
  await host.getByRole("button", { name: "Yes, end session" }).click();
  await expect(host.getByText("Session ended", { exact: true }).first()).toBeVisible();
  return { live: live.code, ended: ended.code, close: () => laptop.close() };
}

const nicknameCount = (page: Page) => page.getByTestId("nickname-count");

test.describe("home page and join form", () => {
  test.use({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

  test("home offers the join box, the lab and the instructor entrance", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Join a live session" })).toBeVisible();
    await expect(page.getByRole("link", { name: /Explore the lab/ })).toHaveAttribute("href", "/lab");
    await expect(page.getByRole("link", { name: /I teach/ })).toHaveAttribute("href", "/host");

    await page.getByRole("button", { name: "Join" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "6 letters or digits" })).toBeVisible();

    // 360 px wide phones never scroll sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test("a wrong or ended code is said before the nickname step, each in its own words", async ({ page, browser }) => {
    const { live, ended, close } = await sessions(browser);

    // Home: a code nobody runs stays on the home page with its message; so does an ended session's.
    await page.goto("/");
    await page.getByLabel("Session code").fill("zzz-zzz");
    await page.getByRole("button", { name: "Join" }).click();
    await expect(page.locator("#home-code-error")).toHaveText("✗ No live session has this code. Check it on the classroom screen.");
    await expect(page).toHaveURL(/\/$/);
    await page.getByLabel("Session code").fill(ended.toLowerCase());
    await page.getByRole("button", { name: "Join" }).click();
    await expect(page.locator("#home-code-error")).toHaveText("✗ This session has ended.");
    await expect(page).toHaveURL(/\/$/);
    await shot(page, "home-ended-code-360");
    // A live code goes on to the nickname step, already confirmed.
    await page.getByLabel("Session code").fill(live);
    await page.getByRole("button", { name: "Join" }).click();
    await expect(page).toHaveURL(new RegExp(`/join/${live}$`));
    await expect(page.getByText("Session found")).toBeVisible();
    await expect(page.getByLabel("Nickname")).toBeVisible();

    // The QR code's link with a wrong or an ended code: the message at once, and no nickname field to fill.
    await page.goto("/join/ZZZZZZ");
    await expect(page.getByTestId("join-code-error")).toHaveText("✗ No live session has this code. Check it on the classroom screen.");
    await expect(page.getByLabel("Nickname")).toHaveCount(0);
    await shot(page, "join-unknown-code-360");
    await page.goto(`/join/${ended}`);
    await expect(page.getByTestId("join-code-error")).toHaveText("✗ This session has ended.");
    await expect(page.getByText("Ask your instructor for the code of the new session.")).toBeVisible();
    await expect(page.getByLabel("Nickname")).toHaveCount(0);
    await expect(page.getByLabel("Session code")).toHaveAttribute("aria-invalid", "true");
    await shot(page, "join-ended-code-360");

    // Typed on /join: checked once the six characters are in; correcting the code brings the nickname step back.
    await page.goto("/join");
    await page.getByLabel("Session code").fill("ZZZZZZ");
    await expect(page.getByTestId("join-code-error")).toContainText("No live session has this code");
    await expect(page.getByLabel("Nickname")).toHaveCount(0);
    await page.getByLabel("Session code").fill(live);
    await expect(page.getByText("Session found")).toBeVisible();
    await page.getByLabel("Nickname").fill("Early Bird");
    await page.getByRole("button", { name: "Join session" }).click();
    await expect(page.getByRole("heading", { name: "You're in!" })).toBeVisible();
    await close();
  });

  test("the nickname counts characters as the server does and says 'too long' before joining", async ({ page, browser }) => {
    const { live, close } = await sessions(browser);
    await page.goto(`/join/${live}`);
    await expect(page.getByText("Session found")).toBeVisible();
    await expect(nicknameCount(page)).toHaveText(/0\/20$/);
    await page.getByLabel("Nickname").fill("Ada");
    await expect(nicknameCount(page)).toHaveText(/3\/20$/);

    // 25 emoji: nothing is cut (the old 40-unit limit cut them to 20 and a half), the counter says 25/20 in its
    // error state and the rule is stated, before any submit.
    await page.getByLabel("Nickname").fill("😀".repeat(25));
    await expect(page.getByLabel("Nickname")).toHaveValue("😀".repeat(25));
    await expect(nicknameCount(page)).toHaveText(/25\/20$/);
    await expect(nicknameCount(page)).toHaveClass(/text-bad/);
    await expect(page.getByText("Nicknames have at most 20 characters.")).toBeVisible();
    await expect(page.getByLabel("Nickname")).toHaveAttribute("aria-invalid", "true");
    await shot(page, "join-nickname-too-long-360");
    await page.getByRole("button", { name: "Join session" }).click();
    await expect(page.getByLabel("Nickname")).toBeFocused();
    await expect(page).toHaveURL(new RegExp(`/join/${live}$`));

    // An emoji of several code points (skin tone + ZWJ) is one character, as the server counts it...
    await page.getByLabel("Nickname").fill("👩🏽‍💻".repeat(11));
    await expect(nicknameCount(page)).toHaveText(/11\/20$/);
    await expect(nicknameCount(page)).not.toHaveClass(/text-bad/);
    await expect(page.getByText("Nicknames have at most 20 characters.")).toHaveCount(0);
    // ...but the server also caps a nickname at 80 UTF-16 units (7 per 👩🏽‍💻): twelve are refused, and the form says so first.
    await page.getByLabel("Nickname").fill("👩🏽‍💻".repeat(12));
    await expect(nicknameCount(page)).toHaveClass(/text-bad/);
    await expect(page.getByText("That is too long once its emoji are counted in parts. Use fewer emoji.")).toBeVisible();
    // Spaces around and inside count as the server counts them: trimmed and collapsed.
    await page.getByLabel("Nickname").fill(`   ${"x".repeat(10)}     ${"y".repeat(9)}   `);
    await expect(nicknameCount(page)).toHaveText(/20\/20$/);
    await expect(nicknameCount(page)).not.toHaveClass(/text-bad/);
    // Twenty emoji: 20/20, and the server takes it.
    await page.getByLabel("Nickname").fill("🦊".repeat(20));
    await expect(nicknameCount(page)).toHaveText(/20\/20$/);
    await page.getByRole("button", { name: "Join session" }).click();
    await expect(page.getByRole("heading", { name: "You're in!" })).toBeVisible();
    await expect(page.getByText("🦊".repeat(20)).first()).toBeVisible();
    await close();
  });

  test("join form explains what is wrong", async ({ page }) => {
    await page.goto("/join");
    await page.getByRole("button", { name: "Join session" }).click();
    await expect(page.getByText("A session code has 6 letters or digits")).toBeVisible();
    await expect(page.getByText("Pick a nickname")).toBeVisible();
    await expect(page.getByLabel("Session code")).toBeFocused();

    await page.getByRole("button", { name: "Suggest a name" }).click();
    await expect(page.getByLabel("Nickname")).not.toHaveValue("");
    await expect(nicknameCount(page)).not.toHaveClass(/text-bad/);

    // A phone that never joined and opens /play directly is sent back to the join form.
    await page.goto("/play/ZZZZZZ");
    await expect(page.getByRole("heading", { name: "Join this session first" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Join session ZZZZZZ" })).toHaveAttribute("href", "/join/ZZZZZZ");
  });
});
