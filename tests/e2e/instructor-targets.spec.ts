import { expect, test, type Locator } from "@playwright/test";
import { activity, signUpInstructor, startSession } from "./instructor";

/**
 * The instructor's laptop pages: links and buttons are hit areas at least 44 px tall (the console's way back, the
 * report's History / Decks and its nickname buttons), the console's answer key names the correct answer once, and
 * the compare page's content starts where its header does.
 */

const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;

async function box(l: Locator) {
  const b = await l.boundingBox();
  expect(b, "element has a box").not.toBeNull();
  return b!;
}

async function expectTall(l: Locator, what: string) {
  expect((await box(l)).height, `${what}: hit area height`).toBeGreaterThanOrEqual(44);
}

test("instructor pages: 44 px targets, an answer key without repeats, the compare page aligned with its header", async ({ browser }) => {
  const { laptop, host } = await signUpInstructor(browser, "Tess Targets");

  const { deckId, sessionId, code } = await startSession(host, {
    title: "Targets",
    activities: [activity("pitfall", "pitfalls/20-sub-namespace-typo"), activity("which-step", "pitfalls/17-audience-typo")],
  });
  await expectTall(host.getByRole("link", { name: "← Decks and sessions" }), "console: ← Decks and sessions");

  const phone = await (await browser.newContext(PHONE)).newPage();
  await phone.goto(`/join/${code}`);
  await phone.getByLabel("Nickname").fill("Ada");
  await phone.getByRole("button", { name: "Join session" }).click();
  await expect(phone.getByRole("heading", { name: "You're in!" })).toBeVisible();
  await host.getByRole("button", { name: "Start", exact: true }).click();

  // The answer key: "Correct: C — <choice>" once, not the choice's text again below it; the same for a step.
  for (const q of [1, 2]) {
    await expect(host.getByText(`Question ${q} of 2 — open`)).toBeVisible();
    const key = host.getByRole("region", { name: "Answer key" });
    const correct = (await key.getByText(/^Correct:/).innerText()).replace(/^Correct:\s*/, "");
    const answer = correct.replace(/^[A-D] — /, "");
    expect(await key.getByText(answer, { exact: false }).count(), `question ${q}: "${answer}" in the key`).toBe(1);
    if (q === 1) await phone.getByRole("group", { name: "What is the root cause?" }).getByRole("button").first().click();
    else {
      await phone.getByRole("button", { name: /^Step 5:/ }).click();
      await phone.getByRole("button", { name: "Submit answer" }).click();
    }
    await expect(host.getByText("Answered: 1 / 1")).toBeVisible();
    await host.getByRole("button", { name: "Close early" }).click();
    await host.getByRole("button", { name: "Show leaderboard" }).click();
    await host.getByRole("button", { name: q === 2 ? "Final podium" : "Next question" }).click();
  }
  await host.getByRole("button", { name: "End session" }).click();
  await host.getByRole("button", { name: "Yes, end session" }).click();

  await host.goto(`/host/sessions/${sessionId}/report`);
  await expect(host.getByRole("heading", { name: "Targets" })).toBeVisible();
  const nav = host.getByRole("navigation", { name: "Instructor" });
  await expectTall(nav.getByRole("link", { name: "History" }), "report: History");
  await expectTall(nav.getByRole("link", { name: "Decks" }), "report: Decks");
  const nickname = host.getByRole("button", { name: /^Ada/ });
  await expectTall(nickname, "report: nickname button");
  expect((await box(nickname)).width, "report: nickname button width").toBeGreaterThanOrEqual(44);

  await host.goto(`/host/decks/${deckId}/compare`);
  const title = host.getByRole("heading", { level: 1, name: "Targets" });
  await expect(title).toBeVisible();
  const logo = await box(host.getByRole("link", { name: /IRSA Classroom/ }));
  expect(Math.round((await box(title)).x), "compare: the title starts where the header's logo does").toBe(Math.round(logo.x));
  await laptop.close();
  await phone.context().close();
});
