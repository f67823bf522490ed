import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAnswersFullWidth, expectFits } from "./fit";
import { signUpInstructor } from "./instructor";

/**
 * The live phone screens at 360×640, one question of each kind: nothing sticks out of the viewport (lobby,
 * question, reveal, leaderboard, end, /me); the countdown stays on screen however far a long question scrolls,
 * and the submit button comes with it once a choice is made; an answer given offline says it will be sent, and
 * arrives when the connection is back, or, if the connection stays down past the question's time, says it was not
 * sent instead of waiting for ever.
 */
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
const SHOTS = process.env.E2E_SCREENSHOTS ? "test-results/screens" : null;

async function shot(page: Page, name: string, fullPage = false) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

const act = (kind: string, scenarioId: string, timeLimitSec = 300) => ({ kind, scenarioId, config: {}, timeLimitSec, pointsMultiplier: 1 });
const DECK = [
  act("pitfall", "pitfalls/01-annotation-after-pod"),
  act("which-step", "pitfalls/17-audience-typo"),
  act("flow-replay", "pitfalls/26-role-chaining-limit"),
  act("chain-fix", "pitfalls/20-sub-namespace-typo"),
  act("setup-challenge", "setup/billing-dynamodb"),
  act("node-role", "node-role/frontend-after"),
  act("jwt-predict", "jwt/namespace-typo"),
];

/** How the phone answers each kind (right or wrong does not matter here). */
const ANSWER: Record<string, (p: Page) => Promise<void>> = {
  pitfall: async (p) => {
    await p.getByRole("group", { name: "What is the root cause?" }).getByRole("button").first().click();
  },
  "which-step": async (p) => {
    await p.getByRole("button", { name: /^Step 5:/ }).click();
    await p.getByRole("button", { name: "Submit answer" }).click();
  },
  "flow-replay": async (p) => {
    await p.getByRole("button", { name: /^Step 7:/ }).click();
    await p.getByRole("button", { name: "Lock in my prediction" }).click();
  },
  "chain-fix": async (p) => {
    await p.getByLabel("sub value", { exact: true }).fill("system:serviceaccount:payments:billing-svc");
    await p.getByRole("button", { name: "Submit my fix" }).click();
  },
  "setup-challenge": async (p) => {
    await p.getByLabel(/^Namespace/).fill("payments");
    await p.getByLabel(/^ServiceAccount name/).fill("billing-svc");
    await p.getByLabel(/^IAM role name/).fill("billing-dynamodb-reader-with-a-long-name");
    await p.getByLabel("Permission policy").selectOption("DynamoDBTableReader");
    await p.getByRole("button", { name: "Submit my setup" }).click();
  },
  "node-role": async (p) => {
    await p.getByRole("checkbox", { name: "S3 — read bucket frontend-assets" }).check();
    await p.getByRole("button", { name: /^Submit \d selected$/ }).click();
  },
  "jwt-predict": async (p) => {
    await p.getByRole("button", { name: /^No match/ }).click();
  },
};

/** Open every <details> the student could open, then scan. */
async function fits(page: Page, where: string): Promise<void> {
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
  await expectFits(page, where);
}

/** The element's box lies inside the 640 px tall viewport. */
async function onScreen(page: Page, testId: string): Promise<boolean> {
  const box = await page.getByTestId(testId).boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= 640;
}

async function startSession(browser: Browser, activities: unknown[] = DECK) {
  const { laptop, host } = await signUpInstructor(browser, "Pat Phone");
  const call = (method: string, url: string, body?: unknown) =>
    host.evaluate(
      async ({ method, url, body }) => {
        const res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        return { status: res.status, json: (await res.json()) as Record<string, unknown> };
      },
      { method, url, body },
    );
  const deck = await call("POST", "/api/decks", { title: "Every kind on a phone", description: "e2e", activities });
  expect(deck.status).toBe(201);
  const started = await call("POST", "/api/sessions", { deckId: (deck.json.deck as { id: string }).id, scoring: "speed" });
  expect(started.status).toBe(201);
  const { sessionId, code } = started.json as { sessionId: string; code: string };
  await host.goto(`/host/sessions/${sessionId}`);
  return { laptop, host, sessionId, code };
}

test("phone screens fit 360 px, keep the countdown and the submit button in reach, and queue an offline answer", async ({ browser }) => {
  test.setTimeout(480_000);
  const { laptop, host, code } = await startSession(browser);

  const context = await browser.newContext(PHONE);
  const phone = await context.newPage();
  await phone.goto(`/join/${code}`);
  await expect(phone.getByText("Session found")).toBeVisible();
  // A nickname at the limit, in emoji: 20/20 and accepted.
  await phone.getByLabel("Nickname").fill("🦊".repeat(20));
  await expect(phone.getByTestId("nickname-count")).toHaveText(/20\/20$/);
  await fits(phone, "join with a code");
  await phone.getByRole("button", { name: "Join session" }).click();
  await expect(phone.getByRole("heading", { name: "You're in!" })).toBeVisible();
  await fits(phone, "lobby");
  await host.getByRole("button", { name: "Start", exact: true }).click();

  for (const [q, activity] of DECK.entries()) {
    await expect(phone.getByText(new RegExp(`^Question ${q + 1} of ${DECK.length}`)).first()).toBeVisible();
    await fits(phone, `question ${q + 1} (${activity.kind})`);

    if (q === 0) {
      // After a reload the phone focuses the question's heading for screen readers: no focus ring on it (it is
      // not a control), while a keyboard's Tab still rings the control it lands on.
      await phone.reload();
      const heading = phone.locator("#question-heading");
      await expect(heading).toBeFocused();
      // The browser counts this script focus as :focus-visible (no click or tap yet), which is what drew the ring.
      expect(await heading.evaluate((el) => el.matches(":focus-visible"))).toBe(true);
      await expect(heading).toHaveCSS("outline-style", "none");
      await shot(phone, "phone-question-after-reload-360");
      await phone.keyboard.press("Tab");
      await expect(heading).not.toBeFocused();
      await expect(phone.locator(":focus")).toHaveCSS("outline-style", "solid");
    }

    if (activity.kind === "which-step") {
      // B8: ~1,500 px of question; at the very bottom the countdown is still on screen.
      const height = await phone.evaluate(() => document.documentElement.scrollHeight);
      expect(height).toBeGreaterThan(1200);
      await phone.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await expect.poll(() => onScreen(phone, "countdown")).toBe(true);
      await expect(phone.getByTestId("countdown")).toContainText("Time left");
      await shot(phone, "phone-which-step-bottom-360");
      // Pick a step, scroll back up to the top of the list: the submit bar stays at the bottom of the screen,
      // ~600 px above where the button sits in the page.
      await phone.getByRole("button", { name: /^Step 3:/ }).click();
      await phone.getByRole("button", { name: /^Step 1:/ }).evaluate((el) => el.scrollIntoView({ block: "start" }));
      await expect(phone.getByTestId("submit-bar")).toHaveAttribute("data-sticky", "true");
      await expect(phone.getByTestId("submit-bar")).toContainText("Your pick: step 3");
      await expect.poll(() => onScreen(phone, "submit-bar")).toBe(true);
      await expect.poll(() => onScreen(phone, "countdown")).toBe(true);
      await shot(phone, "phone-which-step-picked-360");
      await fits(phone, "which-step, step picked");
    }

    if (activity.kind === "jwt-predict") {
      // The question is about the edited token: its claims are on the phone, the edited one marked in words,
      // not only on the projector across the room.
      const claims = phone.getByRole("list", { name: "Token claims" });
      await expect(claims).toBeVisible();
      const sub = claims.locator('[data-claim="sub"]');
      await expect(sub).toContainText("system:serviceaccount:payment:billing-svc");
      await expect(sub).toHaveAttribute("data-edited", "true");
      await expect(sub).toContainText("edited");
      await expect(claims.locator('[data-claim="aud"]')).toContainText("sts.amazonaws.com");
      await shot(phone, "phone-jwt-claims-360", true);
    }

    if (activity.kind === "flow-replay") {
      // P13: offline, the answer says it will be sent; back online, it arrives.
      await context.setOffline(true);
      await expect(phone.getByText(/Reconnecting/)).toBeVisible({ timeout: 60_000 });
      await ANSWER[activity.kind]!(phone);
      await expect(phone.getByTestId("answer-pending")).toContainText("Will be sent when you're back online");
      await expect(phone.getByTestId("answer-pending")).toContainText("Step 7");
      await shot(phone, "phone-answer-offline-360");
      await fits(phone, "flow-replay, answer waiting offline");
      await context.setOffline(false);
      await expect(phone.getByText("Answer received")).toBeVisible({ timeout: 30_000 });
    } else {
      await ANSWER[activity.kind]!(phone);
      await expect(phone.getByText("Answer received")).toBeVisible();
    }
    await expect(host.getByText("Answered: 1 / 1")).toBeVisible();
    await fits(phone, `question ${q + 1} answered`);

    await host.getByRole("button", { name: "Close early" }).click();
    await expect(phone.getByRole("heading", { name: /^(Correct|Incorrect)$/ })).toBeVisible();
    await fits(phone, `reveal ${q + 1} (${activity.kind})`);
    await shot(phone, `phone-reveal-${activity.kind}-360`, true);
    if (activity.kind === "flow-replay") {
      // The replay's steps sit below the correct answer: as the instructor steps it, the phone follows, so the
      // step just reached is on screen without the student scrolling.
      await phone.evaluate(() => window.scrollTo(0, 0));
      await host.getByRole("button", { name: "Start replay ▶ step 1" }).click();
      for (let k = 2; k <= 7; k++) await host.getByRole("button", { name: `Replay ▶ step ${k}` }).click();
      const replay = phone.getByRole("list", { name: "Replay of the token flow" });
      const seventh = replay.getByRole("listitem").nth(6);
      await expect(seventh).toContainText("Fails");
      await expect(seventh).toBeInViewport();
      await shot(phone, "phone-replay-follows-360");
    }
    await host.getByRole("button", { name: "Show leaderboard" }).click();
    await expect(phone.getByRole("heading", { name: "Leaderboard" })).toBeVisible();
    await fits(phone, `leaderboard ${q + 1}`);
    await host.getByRole("button", { name: q === DECK.length - 1 ? "Final podium" : "Next question" }).click();
  }

  await expect(phone.getByRole("heading", { name: "Final results" })).toBeVisible();
  await fits(phone, "podium");
  await host.getByRole("button", { name: "End session" }).click();
  await host.getByRole("button", { name: "Yes, end session" }).click();
  await expect(phone.getByRole("heading", { name: "Session ended" })).toBeVisible();
  await fits(phone, "ended");
  await phone.getByRole("link", { name: "See your answers and explanations" }).click();
  await expect(phone.getByRole("heading", { name: /^Your results/ })).toBeVisible();
  await fits(phone, "/me");
  await expectAnswersFullWidth(phone, "/me");
  await shot(phone, "phone-me-360", true);

  await context.close();
  await laptop.close();
});

test("an answer held offline gives up once the question's time (and the server's grace) has passed", async ({ browser }) => {
  test.setTimeout(120_000);
  // Long enough to join, go offline and answer; short enough to wait out.
  const { laptop, host, code } = await startSession(browser, [act("pitfall", "pitfalls/01-annotation-after-pod", 15)]);

  const context = await browser.newContext(PHONE);
  const phone = await context.newPage();
  await phone.goto(`/join/${code}`);
  await phone.getByLabel("Nickname").fill("Offline Olive");
  await phone.getByRole("button", { name: "Join session" }).click();
  await expect(phone.getByRole("heading", { name: "You're in!" })).toBeVisible();
  await host.getByRole("button", { name: "Start", exact: true }).click();
  await expect(phone.getByText(/^Question 1 of 1/).first()).toBeVisible();

  await context.setOffline(true);
  await expect(phone.getByText(/Reconnecting/)).toBeVisible({ timeout: 60_000 });
  await ANSWER.pitfall!(phone);
  await expect(phone.getByTestId("answer-pending")).toContainText("Will be sent when you're back online");
  // Still offline when the server stops taking answers: the phone stops promising and says the answer did not go.
  await expect(phone.getByTestId("answer-pending")).toBeHidden({ timeout: 30_000 });
  await expect(phone.getByRole("alert").filter({ hasText: "Time was up before your answer arrived." })).toBeVisible();
  await expect(phone.getByText("Time is up — waiting for the reveal.")).toBeVisible();
  await fits(phone, "offline answer given up");

  // Back online: the question closed without it, and nothing is sent late.
  await context.setOffline(false);
  await expect(phone.getByText("No answer this time")).toBeVisible({ timeout: 30_000 });
  await expect(phone.getByText("Answer received")).toHaveCount(0);

  await context.close();
  await laptop.close();
});
