import { expect, test, type Browser, type Page } from "@playwright/test";

/**
 * The projector at 1280×800 (a common projector resolution): an open question and its reveal fit on one screen,
 * without scrolling, for the bank's longest pitfalls (most choice text, longest symptom, longest single choice) and
 * the nine-step kinds (3×3 grid). Each option appears once, with its count inline. Screenshots with E2E_SCREENSHOTS=1.
 */

const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
const SHOTS = process.env.E2E_SCREENSHOTS ? "test-results/screens" : null;

async function api<T>(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const res = await fetch(url, { method, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, json: (await res.json()) as T };
    },
    { method, url, body },
  );
}

const act = (kind: string, scenarioId: string) => ({ kind, scenarioId, config: {}, timeLimitSec: 120, pointsMultiplier: 1 });

const DECK = [
  { kind: "pitfall", scenario: "pitfalls/01-annotation-after-pod", name: "pitfall-most-text" },
  { kind: "pitfall", scenario: "pitfalls/16-provider-other-account", name: "pitfall-longest-symptom" },
  { kind: "pitfall", scenario: "pitfalls/02-sa-not-in-webhook-cache", name: "pitfall-longest-choice" },
  { kind: "which-step", scenario: "pitfalls/16-provider-other-account", name: "which-step" },
  { kind: "flow-replay", scenario: "pitfalls/16-provider-other-account", name: "flow-replay" },
];

/** Nothing below the fold, nothing cut off on the right. */
async function expectFits(page: Page) {
  const size = await page.evaluate(() => ({ h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth }));
  expect(size.h, "page height at 1280×800").toBeLessThanOrEqual(800);
  expect(size.w, "page width at 1280×800").toBeLessThanOrEqual(1280);
}

async function joinPhone(browser: Browser, code: string, name: string): Promise<Page> {
  const page = await (await browser.newContext(PHONE)).newPage();
  await page.goto(`/join/${code}`);
  await page.getByLabel("Nickname").fill(name);
  await page.getByRole("button", { name: "Join session" }).click();
  await expect(page.getByRole("heading", { name: "You're in!" })).toBeVisible();
  return page;
}

test("the projector fits an open question and its reveal on a 1280×800 screen", async ({ browser }) => {
  test.setTimeout(300_000);
  const laptop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const host = await laptop.newPage();
  await host.goto("/host");
  await host.getByRole("button", { name: "Create an account" }).click();
  await host.getByLabel("Your name").fill("Pat Projector");
  await host.getByLabel("Email").fill(`pat-${Date.now()}@example.test`);
  await host.getByLabel("Password").fill("correct horse battery");
  await host.getByRole("button", { name: "Create account" }).click();
  await expect(host.getByRole("heading", { name: "Welcome, Pat Projector" })).toBeVisible();

  const created = await api<{ deck: { id: string } }>(host, "POST", "/api/decks", { title: "Projector fit", description: "e2e", activities: DECK.map((d) => act(d.kind, d.scenario)) });
  expect(created.status).toBe(201);
  const started = await api<{ sessionId: string; code: string }>(host, "POST", "/api/sessions", { deckId: created.json.deck.id, scoring: "accuracy" });
  expect(started.status).toBe(201);
  const { sessionId, code } = started.json;
  await host.goto(`/host/sessions/${sessionId}`);
  const projector = await laptop.newPage();
  await projector.goto(`/host/sessions/${sessionId}/present`);

  const phones = [await joinPhone(browser, code, "Ada"), await joinPhone(browser, code, "Bob"), await joinPhone(browser, code, "Cy")];
  await expect(projector.getByText("3 students have joined")).toBeVisible();
  await host.getByRole("button", { name: "Start", exact: true }).click();

  const n = DECK.length;
  for (const [q, d] of DECK.entries()) {
    await expect(host.getByText(`Question ${q + 1} of ${n} — open`)).toBeVisible();
    // Two of three answer, on different options, so the bars differ.
    for (const [i, page] of phones.slice(0, 2).entries()) {
      await expect(page.getByText(new RegExp(`^Question ${q + 1} of ${n}`)).first()).toBeVisible();
      if (d.kind === "pitfall") {
        await page.getByRole("group", { name: "What is the root cause?" }).getByRole("button").nth(i).click();
      } else {
        await page.getByRole("button", { name: new RegExp(`^Step ${i + 4}:`) }).click();
        await page.getByRole("button", { name: d.kind === "flow-replay" ? "Lock in my prediction" : "Submit answer" }).click();
      }
      await expect(page.getByText("Answer received")).toBeVisible();
    }
    await expect(projector.getByText("2 / 3 answered")).toBeVisible();
    const options = projector.getByRole("list", { name: d.kind === "pitfall" ? "Choices" : "Steps of the token flow" }).getByRole("listitem");
    await expect(options).toHaveCount(d.kind === "pitfall" ? 4 : 9);
    await expect(options.last()).toBeInViewport({ ratio: 1 });
    if (SHOTS) await projector.screenshot({ path: `${SHOTS}/fit-${d.name}-question-1280x800.png` });
    await expectFits(projector);

    await host.getByRole("button", { name: "Close early" }).click();
    await expect(host.getByText(`Question ${q + 1} of ${n} — answer revealed`)).toBeVisible();
    if (d.kind === "flow-replay") {
      await host.getByRole("button", { name: "Start replay ▶ step 1" }).click();
      await expect(projector.getByText("Replay: step 1 of 9")).toBeVisible();
      for (let k = 2; k <= 9; k++) {
        const next = host.getByRole("button", { name: `Replay ▶ step ${k}` });
        if (!(await next.isVisible())) break;
        await next.click();
        await expect(projector.getByText(`Replay: step ${k} of 9`)).toBeVisible();
      }
      await expect(projector.getByRole("list", { name: "Replay of the token flow" }).getByRole("listitem").last()).toBeInViewport({ ratio: 1 });
    } else {
      const revealed = projector.getByRole("list", { name: "How the class answered" }).getByRole("listitem");
      await expect(revealed.filter({ hasText: "Correct" })).toHaveCount(1);
      await expect(revealed.last()).toBeInViewport({ ratio: 1 });
    }
    await expect(projector.getByRole("heading", { name: "Why" })).toBeInViewport({ ratio: 1 });
    if (SHOTS) await projector.screenshot({ path: `${SHOTS}/fit-${d.name}-reveal-1280x800.png` });
    await expectFits(projector);

    await host.getByRole("button", { name: "Show leaderboard" }).click();
    await host.getByRole("button", { name: q === n - 1 ? "Final podium" : "Next question" }).click();
  }
  await expect(host.getByText("Final podium", { exact: true })).toBeVisible();
});
