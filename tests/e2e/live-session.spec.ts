import Database from "better-sqlite3";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { e2eDatabasePath } from "./env";
import { signUpInstructor } from "./instructor";

/**
 * A whole live session through the UI: an instructor on a laptop, three students on phones.
 * The instructor's answer key (visible only on the console) tells each student what to pick, so the run has
 * right and wrong answers on purpose; the final leaderboard on screen must equal the database.
 */

const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
const SHOTS = process.env.E2E_SCREENSHOTS ? "test-results/screens" : null;

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

async function phone(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(PHONE);
  return { context, page: await context.newPage() };
}

/** Parse the console's "Correct: …" line: "Step 6 — …" for which-step, "B — …" for a pitfall choice. */
function parseKey(text: string): { kind: "which-step"; step: number } | { kind: "pitfall"; index: number } {
  const step = /Step (\d+)/.exec(text);
  if (step) return { kind: "which-step", step: Number(step[1]) };
  const letter = /^\s*([A-H]) —/.exec(text);
  if (!letter) throw new Error(`cannot read the answer key: ${text}`);
  return { kind: "pitfall", index: letter[1]!.charCodeAt(0) - 65 };
}

async function answer(page: Page, key: ReturnType<typeof parseKey>, correct: boolean) {
  if (key.kind === "pitfall") {
    const choices = page.getByRole("group", { name: "What is the root cause?" }).getByRole("button");
    const count = await choices.count();
    const pick = correct ? key.index : (key.index + 1) % count;
    await choices.nth(pick).click();
  } else {
    const step = correct ? key.step : (key.step % 9) + 1;
    await page.getByRole("button", { name: new RegExp(`^Step ${step}:`) }).click();
    await page.getByRole("button", { name: "Submit answer" }).click();
  }
  await expect(page.getByText("Answer received")).toBeVisible();
}

test("an instructor and three phones play a whole session; the leaderboard matches the database", async ({ browser }) => {
  test.setTimeout(420_000);

  // ---- the instructor signs up and starts the demo deck ----
  const { laptop, host } = await signUpInstructor(browser, "Eve Instructor");
  await shot(host, "host-decks-1280");

  const demo = host.getByRole("region", { name: "Demo decks" }).getByRole("article").first();
  await demo.getByRole("button", { name: "Start session…" }).click();
  await demo.getByRole("button", { name: "Start session", exact: true }).click();
  await expect(host).toHaveURL(/\/host\/sessions\/[^/]+$/);
  const sessionId = host.url().split("/").pop()!;
  const codeLabel = await host.getByLabel(/^Join code/).getAttribute("aria-label");
  const code = codeLabel!.replace(/^Join code /, "").replace(/ /g, "");
  expect(code).toMatch(/^[A-Z0-9]{6}$/);
  await expect(host.getByRole("img", { name: /QR code for .*\/join\// })).toBeVisible();
  await shot(host, "host-console-lobby-1280");

  const projector = await laptop.newPage();
  await projector.goto(`/host/sessions/${sessionId}/present`);
  await expect(projector.getByLabel(/^Join code/)).toBeVisible();

  // ---- three students join on phones, three different ways ----
  const ada = await phone(browser);
  await ada.page.goto(`/join/${code}`);
  await expect(ada.page.getByLabel("Session code")).toHaveValue(code);
  await ada.page.getByLabel("Nickname").fill("Ada");
  await shot(ada.page, "phone-join-360");
  await ada.page.getByRole("button", { name: "Join session" }).click();
  await expect(ada.page.getByRole("heading", { name: "You're in!" })).toBeVisible();
  await shot(ada.page, "phone-lobby-360");

  const grace = await phone(browser);
  await grace.page.goto("/join");
  await grace.page.getByLabel("Session code").fill(code.toLowerCase());
  await grace.page.getByLabel("Nickname").fill("Ada");
  await grace.page.getByRole("button", { name: "Join session" }).click();
  await expect(grace.page.getByText("already uses that nickname")).toBeVisible();
  await grace.page.getByLabel("Nickname").fill("Grace");
  await grace.page.getByRole("button", { name: "Join session" }).click();
  await expect(grace.page.getByRole("heading", { name: "You're in!" })).toBeVisible();

  const third = await phone(browser);
  await third.page.goto("/");
  await third.page.getByLabel("Session code").fill(code);
  await third.page.getByRole("button", { name: "Join" }).click();
  await expect(third.page).toHaveURL(new RegExp(`/join/${code}$`));
  await third.page.getByRole("button", { name: "Suggest a name" }).click();
  const suggested = await third.page.getByLabel("Nickname").inputValue();
  expect(suggested.length).toBeGreaterThan(0);
  await third.page.getByRole("button", { name: "Join session" }).click();
  await expect(third.page.getByRole("heading", { name: "You're in!" })).toBeVisible();
  await expect(third.page.getByText(suggested, { exact: true }).first()).toBeVisible();

  const students = [ada, grace, third];
  await expect(host.getByRole("heading", { name: /Students \(3 joined, 3 online\)/ })).toBeVisible();
  await expect(projector.getByText("3 students have joined")).toBeVisible();
  await shot(projector, "projector-lobby-1280");

  // ---- play every activity ----
  const activityCount = await host.getByRole("region", { name: "Activities" }).getByRole("listitem").count();
  expect(activityCount).toBeGreaterThan(1);
  await host.getByRole("button", { name: "Start", exact: true }).click();

  // Ada is always right, Grace always wrong, the third student right on even questions only.
  const plan = (q: number) => [true, false, q % 2 === 0];
  for (let q = 0; q < activityCount; q++) {
    await expect(host.getByText(`Question ${q + 1} of ${activityCount} — open`)).toBeVisible();
    const keyText = await host.getByRole("region", { name: "Answer key" }).getByText(/^Correct:/).innerText();
    const key = parseKey(keyText.replace(/^Correct:\s*/, ""));
    for (const [i, s] of students.entries()) {
      await expect(s.page.getByText(new RegExp(`^Question ${q + 1} of ${activityCount}( ·.*)?$`)).first()).toBeVisible();
      if (q === 0 && i === 0) await shot(s.page, "phone-question-360");
      await answer(s.page, key, plan(q)[i]!);
    }
    await expect(host.getByText(`Answered: 3 / 3`)).toBeVisible();
    if (q === 0) {
      await shot(host, "host-console-question-1280");
      await shot(projector, "projector-question-1280");
    }
    await host.getByRole("button", { name: "Close early" }).click();
    await expect(host.getByText(`Question ${q + 1} of ${activityCount} — answer revealed`)).toBeVisible();
    for (const [i, s] of students.entries()) {
      const expected = plan(q)[i] ? "Correct" : "Incorrect";
      await expect(s.page.getByRole("heading", { name: expected, exact: true })).toBeVisible();
      if (q === 0) await shot(s.page, `phone-reveal-${expected.toLowerCase()}-360`);
    }
    if (q === 0) {
      await shot(projector, "projector-reveal-1280");
      // A refreshed phone rejoins from its stored token: same participant, same screen, same score.
      const before = await third.page.getByText(/^\d+ pts$/).innerText();
      await third.page.reload();
      await expect(third.page.getByRole("heading", { name: "Correct", exact: true })).toBeVisible();
      await expect(third.page.getByText(/^\d+ pts$/)).toHaveText(before);
    }
    await host.getByRole("button", { name: "Show leaderboard" }).click();
    await expect(ada.page.getByRole("heading", { name: "Leaderboard" })).toBeVisible();
    const last = q === activityCount - 1;
    await host.getByRole("button", { name: last ? "Final podium" : "Next question" }).click();
  }

  await expect(host.getByText("Final podium", { exact: true })).toBeVisible();
  await expect(ada.page.getByRole("heading", { name: "Final results" })).toBeVisible();
  await shot(projector, "projector-podium-1280");
  await host.getByRole("button", { name: "End session" }).click();
  await host.getByRole("button", { name: "Yes, end session" }).click();
  for (const s of students) await expect(s.page.getByRole("heading", { name: "Session ended" })).toBeVisible();
  await shot(ada.page, "phone-ended-360");
  await shot(host, "host-console-ended-1280");

  // ---- the leaderboard on screen equals the database ----
  const table = host.getByRole("table", { name: "Final leaderboard" });
  const screenRows = await table.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? "");
      return { rank: Number(cells[0]), nickname: cells[1]!.trim(), score: Number(cells[2]) };
    }),
  );
  const db = new Database(e2eDatabasePath(), { readonly: true, fileMustExist: true });
  const stored = db
    .prepare(`SELECT nickname, score FROM "Participant" WHERE "sessionId" = ? AND kicked = 0 ORDER BY score DESC, nickname ASC`)
    .all(sessionId) as { nickname: string; score: number }[];
  const status = db.prepare(`SELECT status FROM "LiveSession" WHERE id = ?`).get(sessionId) as { status: string };
  db.close();

  expect(status.status).toBe("ended");
  expect(stored).toHaveLength(3);
  const byName = (rows: { nickname: string; score: number }[]) =>
    Object.fromEntries(rows.map((r) => [r.nickname, r.score]));
  expect(byName(screenRows)).toEqual(byName(stored));
  // Ranks follow the stored scores, and everyone on a phone sees the same table.
  expect(screenRows.map((r) => r.score)).toEqual([...stored.map((r) => r.score)]);
  expect(screenRows[0]!.nickname).toBe("Ada");
  expect(byName(stored)["Grace"]).toBe(0);
  const phoneRows = await ada.page.getByRole("table", { name: "Final leaderboard" }).locator("tbody tr").count();
  expect(phoneRows).toBe(3);

  // After the session: the phone's ended screen leads to the student's own answers and explanations.
  await ada.page.getByRole("link", { name: "See your answers and explanations" }).click();
  await expect(ada.page).toHaveURL(new RegExp(`/me/${sessionId}$`));
  await expect(ada.page.getByRole("heading", { name: "Your results, Ada" })).toBeVisible();
  await expect(ada.page.getByRole("heading", { name: "Your answers" })).toBeVisible();

  // The ended console leads to the report.
  await host.getByRole("link", { name: "Open the report" }).click();
  await expect(host).toHaveURL(new RegExp(`/host/sessions/${sessionId}/report$`));

  for (const s of students) await s.context.close();
  await laptop.close();
});
