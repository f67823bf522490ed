import { expect, test } from "@playwright/test";

test.describe("home page and join form", () => {
  test.use({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

  test("home offers the join box, the lab and the instructor entrance", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Join a live session" })).toBeVisible();
    await expect(page.getByRole("link", { name: /Explore the lab/ })).toHaveAttribute("href", "/lab");
    await expect(page.getByRole("link", { name: /I teach/ })).toHaveAttribute("href", "/host");

    await page.getByRole("button", { name: "Join" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "6 letters or digits" })).toBeVisible();

    await page.getByLabel("Session code").fill("abc-234");
    await page.getByRole("button", { name: "Join" }).click();
    await expect(page).toHaveURL(/\/join\/ABC234$/);
    await expect(page.getByLabel("Session code")).toHaveValue("ABC234");

    // 360 px wide phones never scroll sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test("join form explains what is wrong", async ({ page }) => {
    await page.goto("/join");
    await page.getByRole("button", { name: "Join session" }).click();
    await expect(page.getByText("A session code has 6 letters or digits")).toBeVisible();
    await expect(page.getByText("Pick a nickname")).toBeVisible();
    await expect(page.getByLabel("Session code")).toBeFocused();

    await page.getByLabel("Session code").fill("ZZZZZZ");
    await page.getByRole("button", { name: "Suggest a name" }).click();
    await expect(page.getByLabel("Nickname")).not.toHaveValue("");
    await page.getByLabel("Nickname").fill("x".repeat(21));
    await page.getByRole("button", { name: "Join session" }).click();
    await expect(page.getByText("at most 20 characters")).toBeVisible();

    await page.getByLabel("Nickname").fill("Tester");
    await page.getByRole("button", { name: "Join session" }).click();
    // Nobody runs a session with this code: the server says NOT_FOUND and the code field says so.
    await expect(page.getByText("There is no live session with that code")).toBeVisible();

    // A phone that never joined and opens /play directly is sent back to the join form.
    await page.goto("/play/ZZZZZZ");
    await expect(page.getByRole("heading", { name: "Join this session first" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Join session ZZZZZZ" })).toHaveAttribute("href", "/join/ZZZZZZ");
  });
});
