import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { activity, signUpInstructor, startSession } from "./instructor";

/**
 * The projector (/host/sessions/ID/present) on a 1280×720 and a 1920×1080 screen at once, through a session with
 * every activity kind (the bank's longest of each where length matters): the lobby, every open question, every
 * reveal, the leaderboard and the podium fit on one screen — no vertical or horizontal scroll — and what the
 * class must look at is inside the viewport (the chain's sub value row and the fix's highlighted row, the token's
 * edited sub claim beside the trust policy's condition and the Match / No match bars, the nine steps, the "Why").
 * The layout itself must fit: the fit-to-screen safety net may not shrink these below 95 %. The root font size
 * scales with the screen (1.5× at 1920×1080). Screenshots with E2E_SCREENSHOTS=1.
 */

const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
const SHOTS = process.env.E2E_SCREENSHOTS ? "test-results/screens" : null;
const SCREENS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

type Kind = "pitfall" | "which-step" | "flow-replay" | "chain-fix" | "jwt-predict" | "setup-challenge" | "node-role";

/** Longest by the numbers of the bank (title, symptom or prompt, choices, explanation, the failing step's message). */
const DECK: { kind: Kind; scenario: string; name: string }[] = [
  { kind: "pitfall", scenario: "pitfalls/16-provider-other-account", name: "pitfall-longest-question" },
  { kind: "pitfall", scenario: "pitfalls/01-annotation-after-pod", name: "pitfall-longest-reveal" },
  { kind: "pitfall", scenario: "pitfalls/13-private-vpc-global-sts", name: "pitfall-longest-choice" },
  { kind: "which-step", scenario: "pitfalls/19-token-expired", name: "which-step-longest-why" },
  { kind: "flow-replay", scenario: "pitfalls/16-provider-other-account", name: "flow-replay-longest-prompt" },
  { kind: "flow-replay", scenario: "pitfalls/04-stale-role-arn-env", name: "flow-replay-longest-reveal" },
  { kind: "chain-fix", scenario: "pitfalls/20-sub-namespace-typo", name: "chain-fix-sub-typo" },
  { kind: "chain-fix", scenario: "pitfalls/16-provider-other-account", name: "chain-fix-longest-prompt" },
  { kind: "jwt-predict", scenario: "jwt/namespace-typo", name: "jwt-predict-sub" },
  { kind: "jwt-predict", scenario: "jwt/k8s-namespace-claim", name: "jwt-predict-nested-claim" },
  { kind: "jwt-predict", scenario: "jwt/stringlike-canary", name: "jwt-predict-stringlike" },
  { kind: "setup-challenge", scenario: "setup/analytics-s3", name: "setup-challenge" },
  { kind: "node-role", scenario: "node-role/analytics-before", name: "node-role-most-options" },
];

async function joinPhone(browser: Browser, code: string, name: string): Promise<Page> {
  const page = await (await browser.newContext(PHONE)).newPage();
  await page.goto(`/join/${code}`);
  await page.getByLabel("Nickname").fill(name);
  await page.getByRole("button", { name: "Join session" }).click();
  await expect(page.getByRole("heading", { name: "You're in!" })).toBeVisible();
  return page;
}

/** Two students answer differently (i = 0, 1), so the bars differ. Right or wrong does not matter here. */
async function answer(page: Page, kind: Kind, i: number) {
  switch (kind) {
    case "pitfall":
      await page.getByRole("group", { name: "What is the root cause?" }).getByRole("button").nth(i).click();
      return;
    case "which-step":
    case "flow-replay":
      await page.getByRole("button", { name: new RegExp(`^Step ${i + 4}:`) }).click();
      await page.getByRole("button", { name: kind === "flow-replay" ? "Lock in my prediction" : "Submit answer" }).click();
      return;
    case "chain-fix":
      if (i === 0) await page.getByLabel("sub value", { exact: true }).fill("system:serviceaccount:payments:billing-svc");
      else await page.getByLabel("ServiceAccount name", { exact: true }).fill("billing");
      await page.getByRole("button", { name: "Submit my fix" }).click();
      return;
    case "jwt-predict":
      await page.getByRole("button", { name: i === 0 ? /^No match/ : /^Match/ }).click();
      return;
    case "setup-challenge":
      await page.getByLabel(/^Namespace/).fill(i === 0 ? "analytics" : "default");
      await page.getByLabel(/^ServiceAccount name/).fill("report-reader");
      await page.getByLabel(/^IAM role name/).fill("analytics-report-reader");
      await page.getByLabel("Permission policy").selectOption({ index: i + 1 });
      await page.getByRole("button", { name: "Submit my setup" }).click();
      return;
    case "node-role": {
      const boxes = page.getByRole("checkbox");
      for (let k = 0; k <= i; k++) await boxes.nth(k).check();
      await page.getByRole("button", { name: /^Submit \d selected$/ }).click();
      return;
    }
  }
}

/** No scroll bar either way, and the layout fitted without the safety net shrinking it below 95 %. */
async function expectFits(page: Page, where: string) {
  const m = await page.evaluate(() => ({
    h: document.documentElement.scrollHeight,
    w: document.documentElement.scrollWidth,
    vh: window.innerHeight,
    vw: window.innerWidth,
    fit: Number(document.querySelector("main[data-fit]")?.getAttribute("data-fit") ?? "1"),
    // Identifiers break at sensible points (<wbr>), never letter by letter or hyphenated.
    breakAll: Array.from(document.querySelectorAll("[data-projector] *")).filter((el) => {
      const s = getComputedStyle(el);
      return s.wordBreak === "break-all" || s.hyphens === "auto";
    }).length,
  }));
  // Soft: one run reports every screen that does not fit, not only the first.
  expect.soft(m.h, `${where}: page height`).toBeLessThanOrEqual(m.vh);
  expect.soft(m.w, `${where}: page width`).toBeLessThanOrEqual(m.vw);
  expect.soft(m.fit, `${where}: fit-to-screen factor`).toBeGreaterThanOrEqual(0.95);
  expect.soft(m.breakAll, `${where}: elements with word-break: break-all or hyphens: auto`).toBe(0);
}

/**
 * The end of the session is for the whole hall: the heading and the podium are centred across the screen, and the
 * podium stands in the screen's lower part, not in its top half with the rest left empty.
 */
async function expectPodiumUsesScreen(page: Page, where: string) {
  const m = await page.evaluate(() => {
    const box = (el: Element | null) => {
      const r = el!.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
    };
    return { vw: window.innerWidth, vh: window.innerHeight, heading: box(document.querySelector("main h1")), podium: box(document.querySelector('[aria-label="Podium"]')) };
  });
  for (const [name, b] of [["heading", m.heading], ["podium", m.podium]] as const) {
    expect.soft(Math.abs(b.left + b.right - m.vw) / 2, `${where}: the ${name}'s centre is off the screen's centre by`).toBeLessThanOrEqual(m.vw * 0.02);
  }
  expect.soft(m.podium.width, `${where}: podium width`).toBeGreaterThanOrEqual(m.vw * 0.6);
  expect.soft(m.podium.bottom, `${where}: podium bottom`).toBeGreaterThanOrEqual(m.vh * 0.75);
  expect.soft(m.podium.bottom - m.heading.top, `${where}: height of heading + podium`).toBeGreaterThanOrEqual(m.vh * 0.6);
}

async function inView(...locators: Locator[]) {
  for (const l of locators) await expect(l).toBeInViewport({ ratio: 1 });
}

/** What the class must look at while the question is open, per kind. */
async function questionKeyParts(page: Page, kind: Kind) {
  switch (kind) {
    case "pitfall": {
      const options = page.getByRole("list", { name: "Choices" }).getByRole("listitem");
      await expect(options).toHaveCount(4);
      await inView(options.first(), options.last());
      return;
    }
    case "which-step":
    case "flow-replay": {
      const steps = page.getByRole("list", { name: "Steps of the token flow" }).getByRole("listitem");
      await expect(steps).toHaveCount(9);
      await inView(steps.first(), steps.last());
      return;
    }
    case "chain-fix": {
      const rows = page.locator("[data-field]");
      await expect(rows).toHaveCount(13);
      // Every field in full; the sub value (the broken one in the sub typo scenario) and the last one in view.
      await inView(page.locator('[data-field="subValue"]'), page.locator('[data-field="saNamespace"]'), page.locator('[data-field="podNamespace"]'));
      for (const r of await rows.all()) await inView(r);
      await expect(page.locator("[data-changed]")).toHaveCount(0);
      return;
    }
    case "jwt-predict": {
      await inView(page.locator("[data-edited]").first(), page.locator('[data-claim="sub"]'), page.locator('[data-claim="aud"]'));
      const condition = page.getByRole("list", { name: "Trust policy condition" }).getByRole("listitem");
      await expect(condition).toHaveCount(2);
      await inView(page.locator('[data-condition-claim="sub"]'), page.locator('[data-condition-claim="aud"]'));
      const options = page.getByRole("list", { name: "Choices" }).getByRole("listitem");
      await expect(options).toHaveCount(2);
      await inView(options.first(), options.last());
      return;
    }
    case "setup-challenge": {
      const presets = page.getByRole("list", { name: "Policy presets" }).getByRole("listitem");
      await expect(presets).toHaveCount(4);
      await inView(presets.first(), presets.last());
      return;
    }
    case "node-role": {
      const services = page.getByRole("list", { name: "Services" }).getByRole("listitem");
      await expect(services).toHaveCount(7);
      await inView(services.first(), services.last());
      return;
    }
  }
}

/** What the class must look at once the answer is out, per kind, and the "Why" in full. */
async function revealKeyParts(page: Page, kind: Kind) {
  const headline = page.getByRole("heading", { level: 1 });
  await expect(headline).toHaveText(/^Answer: /);
  await expect(headline).not.toContainText("✓");
  switch (kind) {
    case "pitfall":
    case "which-step":
    case "jwt-predict":
    case "setup-challenge": {
      const options = page.getByRole("list", { name: "How the class answered" }).getByRole("listitem");
      await expect(options.filter({ hasText: "Correct" })).toHaveCount(1);
      await inView(options.filter({ hasText: "Correct" }), options.last());
      if (kind === "jwt-predict") await inView(page.locator('[data-claim="sub"]'), page.locator('[data-condition-claim="sub"]'));
      // The bars count policies only: the marks say so, and the share of whole setups that work is in view.
      if (kind === "setup-challenge") {
        await expect(options.filter({ hasText: "Correct policy" })).toHaveCount(1);
        await inView(page.getByTestId("setup-whole-right"));
      }
      break;
    }
    case "flow-replay": {
      const steps = page.getByRole("list", { name: "Replay of the token flow" }).getByRole("listitem");
      await inView(steps.first(), steps.last(), page.locator('[data-status="fail"]'));
      await expect(page.getByText(/fails with/).first()).toBeInViewport({ ratio: 1 });
      break;
    }
    case "chain-fix": {
      const fixed = page.locator("[data-changed]");
      expect(await fixed.count()).toBeGreaterThan(0);
      for (const r of await fixed.all()) await inView(r);
      await inView(page.getByRole("list", { name: "What the class changed" }));
      break;
    }
    case "node-role": {
      const services = page.getByRole("list", { name: "Services: can the Pod reach them?" }).getByRole("listitem");
      await expect(services).toHaveCount(7);
      await inView(services.first(), services.last(), page.getByText(/^Exactly the right set:/));
      break;
    }
  }
  await inView(page.locator("[data-why]"));
}

test("the projector fits every activity kind, question and reveal, on 1280×720 and 1920×1080 screens", async ({ browser }) => {
  test.setTimeout(600_000);
  const { laptop, host } = await signUpInstructor(browser, "Pat Projector");

  const { sessionId, code } = await startSession(host, { title: "Projector fit", activities: DECK.map((d) => activity(d.kind, d.scenario, 300)) });

  // Two projectors on the same session: the same layout, one of them 1.5× bigger.
  const projectors: { page: Page; label: string }[] = [];
  for (const s of SCREENS) {
    const page = await laptop.newPage();
    await page.setViewportSize(s);
    await page.goto(`/host/sessions/${sessionId}/present`);
    projectors.push({ page, label: `${s.width}x${s.height}` });
  }
  const shot = async (name: string) => {
    if (SHOTS) for (const p of projectors) await p.page.screenshot({ path: `${SHOTS}/proj-${name}-${p.label}.png` });
  };
  const allFit = async (where: string) => {
    for (const p of projectors) await expectFits(p.page, `${where} at ${p.label}`);
  };

  const phones = [await joinPhone(browser, code, "Ada"), await joinPhone(browser, code, "Bob")];
  for (const p of projectors) await expect(p.page.getByText("2 students have joined")).toBeVisible();
  const rootPx = await Promise.all(projectors.map((p) => p.page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))));
  expect(rootPx[0], "root font size at 1280×720").toBeCloseTo(16, 1);
  expect(rootPx[1], "root font size at 1920×1080").toBeCloseTo(24, 1);
  for (const p of projectors) await inView(p.page.getByLabel(/^Join code/), p.page.getByRole("img", { name: /^QR code/ }));
  await shot("lobby");
  await allFit("lobby");
  await host.getByRole("button", { name: "Start", exact: true }).click();

  const n = DECK.length;
  for (const [q, d] of DECK.entries()) {
    await expect(host.getByText(`Question ${q + 1} of ${n} — open`)).toBeVisible();
    for (const [i, page] of phones.entries()) {
      await expect(page.getByText(new RegExp(`^Question ${q + 1} of ${n}`)).first()).toBeVisible();
      await answer(page, d.kind, i);
      await expect(page.getByText("Answer received")).toBeVisible();
    }
    for (const p of projectors) {
      await expect(p.page.getByText("2 / 2 answered")).toBeVisible();
      await questionKeyParts(p.page, d.kind);
    }
    await shot(`${d.name}-question`);
    await allFit(`${d.name}, question`);

    await host.getByRole("button", { name: "Close early" }).click();
    await expect(host.getByText(`Question ${q + 1} of ${n} — answer revealed`)).toBeVisible();
    if (d.kind === "flow-replay") {
      // Step the replay until it reaches the failing step (the console offers no further step after it).
      await host.getByRole("button", { name: "Start replay ▶ step 1" }).click();
      for (let k = 2; k <= 9; k++) {
        await expect(host.getByText(`Replay: step ${k - 1} of 9`)).toBeVisible();
        const next = host.getByRole("button", { name: `Replay ▶ step ${k}` });
        if (!(await next.isVisible())) break;
        await next.click();
        for (const p of projectors) await expect(p.page.getByText(`Replay: step ${k} of 9`)).toBeVisible();
      }
    }
    for (const p of projectors) await revealKeyParts(p.page, d.kind);
    await shot(`${d.name}-reveal`);
    await allFit(`${d.name}, reveal`);

    await host.getByRole("button", { name: "Show leaderboard" }).click();
    if (q === 0) {
      for (const p of projectors) await expect(p.page.getByRole("heading", { name: "Leaderboard" })).toBeVisible();
      await shot("leaderboard");
      await allFit("leaderboard");
    }
    await host.getByRole("button", { name: q === n - 1 ? "Final podium" : "Next question" }).click();
  }
  await expect(host.getByText("Final podium", { exact: true })).toBeVisible();
  for (const p of projectors) await expect(p.page.getByRole("list", { name: "Podium" })).toBeInViewport({ ratio: 1 });
  await shot("podium");
  await allFit("podium");
  for (const p of projectors) await expectPodiumUsesScreen(p.page, `podium at ${p.label}`);

  // Ended: the same podium, thanking the class, stays on the screen.
  await host.getByRole("button", { name: "End session" }).click();
  await host.getByRole("button", { name: "Yes, end session" }).click();
  for (const p of projectors) {
    await expect(p.page.getByRole("heading", { name: "Thanks for playing!" })).toBeVisible();
    await expect(p.page.getByRole("list", { name: "Podium" })).toBeInViewport({ ratio: 1 });
    await expectPodiumUsesScreen(p.page, `ended at ${p.label}`);
  }
  await shot("ended");
  await allFit("ended");
  for (const p of phones) await p.context().close();
  await laptop.close();
});

test("with more than three students the final screen shows the podium and the rest of the leaderboard, centred", async ({ browser }) => {
  test.setTimeout(240_000);
  const { laptop, host } = await signUpInstructor(browser, "Pat Podium");
  const { sessionId, code } = await startSession(host, { title: "Podium", activities: [activity("pitfall", "pitfalls/01-annotation-after-pod", 300)] });
  const projectors: { page: Page; label: string }[] = [];
  for (const s of SCREENS) {
    const page = await laptop.newPage();
    await page.setViewportSize(s);
    await page.goto(`/host/sessions/${sessionId}/present`);
    projectors.push({ page, label: `${s.width}x${s.height}` });
  }
  const phones: Page[] = [];
  for (const name of ["Ada", "Bob", "Cy", "Dee", "Eve"]) phones.push(await joinPhone(browser, code, name));
  for (const p of projectors) await expect(p.page.getByText("5 students have joined")).toBeVisible();
  await host.getByRole("button", { name: "Start", exact: true }).click();
  await host.getByRole("button", { name: "Close early" }).click();
  await host.getByRole("button", { name: "Show leaderboard" }).click();
  await host.getByRole("button", { name: "Final podium" }).click();
  for (const p of projectors) {
    await expect(p.page.getByRole("heading", { name: "Final podium" })).toBeVisible();
    await expect(p.page.getByRole("table", { name: "Rest of the leaderboard" }).getByRole("row")).toHaveCount(3);
    await inView(p.page.getByRole("list", { name: "Podium" }), p.page.getByRole("table", { name: "Rest of the leaderboard" }));
    const m = await p.page.evaluate(() => {
      const h = document.querySelector("main h1")!.getBoundingClientRect();
      const board = document.querySelector('[aria-label="Podium"]')!.parentElement!.getBoundingClientRect();
      return { vw: window.innerWidth, vh: window.innerHeight, headingCentre: (h.left + h.right) / 2, boardCentre: (board.left + board.right) / 2, boardBottom: board.bottom };
    });
    expect.soft(Math.abs(m.headingCentre - m.vw / 2), `${p.label}: heading centred`).toBeLessThanOrEqual(m.vw * 0.02);
    expect.soft(Math.abs(m.boardCentre - m.vw / 2), `${p.label}: podium and table centred`).toBeLessThanOrEqual(m.vw * 0.02);
    expect.soft(m.boardBottom, `${p.label}: podium and table reach the screen's lower part`).toBeGreaterThanOrEqual(m.vh * 0.75);
    await expectFits(p.page, `podium with five students at ${p.label}`);
    if (SHOTS) await p.page.screenshot({ path: `${SHOTS}/proj-podium-five-${p.label}.png` });
  }
  for (const p of phones) await p.context().close();
  await laptop.close();
});
