import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { e2eDatabasePath } from "./env";
import { answerRows, expectAnswersFullWidth } from "./fit";

/**
 * After the session: the instructor finds it in their history, opens the report, its chart of the nine steps,
 * sorts the leaderboard, downloads the leaderboard CSV; a student opens their results on the phone that joined.
 *
 * The session is created through the app (HTTP API + the join form on a phone); the answers of a finished class
 * are then written straight into the database the server uses, as the live server would have — the report reads
 * the database only, which is exactly what this checks.
 */

const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
const FORMULA_NICK = "=HYPERLINK(\"x\")";

test("an instructor opens a report, its chart and a download; a student opens their results", async ({ browser }) => {
  test.setTimeout(180_000);
  const laptop = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const host = await laptop.newPage();

  // ---- an instructor (HTTP API; the cookie lands in the browser context) starts the demo deck ----
  const signup = await host.request.post("/api/auth/signup", {
    data: { email: `rita-${Date.now()}@example.test`, name: "Rita Reports", password: "correct horse battery" },
  });
  expect(signup.ok()).toBe(true);
  const { decks } = (await (await host.request.get("/api/decks")).json()) as { decks: { id: string; ownerId: string | null; title: string }[] };
  const demo = decks.find((d) => d.ownerId === null)!;
  const created = await host.request.post("/api/sessions", { data: { deckId: demo.id, scoring: "speed", allowLateJoin: true } });
  expect(created.status()).toBe(201);
  const body = (await created.json()) as { sessionId?: string; code?: string; session?: { sessionId: string; code: string } };
  const { sessionId, code } = (body.session ?? body) as { sessionId: string; code: string };

  // ---- a student joins on a phone (the participant token stays on this device) ----
  const phoneContext = await browser.newContext(PHONE);
  const phone = await phoneContext.newPage();
  await phone.goto(`/join/${code}`);
  await phone.getByLabel("Nickname").fill("Zoe");
  await phone.getByRole("button", { name: "Join session" }).click();
  await expect(phone.getByRole("heading", { name: "You're in!" })).toBeVisible();

  // ---- the class played: write its answers and end the session in the server's database ----
  const db = new Database(e2eDatabasePath());
  try {
    const session = db.prepare("SELECT activities FROM LiveSession WHERE id = ?").get(sessionId) as { activities: string };
    const activities = JSON.parse(session.activities) as { kind: string }[];
    const zoe = db.prepare("SELECT id FROM Participant WHERE sessionId = ? AND nickname = 'Zoe'").get(sessionId) as { id: string };
    const now = new Date().toISOString();
    const addParticipant = db.prepare("INSERT INTO Participant (id, sessionId, nickname, score, streak, kicked, joinedAt) VALUES (?, ?, ?, ?, 0, 0, ?)");
    addParticipant.run(`e2e-formula-${sessionId}`, sessionId, FORMULA_NICK, 0, now);
    addParticipant.run(`e2e-max-${sessionId}`, sessionId, "Max", 0, now);
    const people = [
      { id: zoe.id, rightEvery: 1 }, // always right
      { id: `e2e-formula-${sessionId}`, rightEvery: 2 }, // right every other time
      { id: `e2e-max-${sessionId}`, rightEvery: 0 }, // always wrong
    ];
    const addResponse = db.prepare(
      `INSERT INTO Response (id, sessionId, participantId, activityIndex, answer, correct, points, streakBonus, timeTakenMs, pickedStep, correctStep, createdAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
    );
    const setScore = db.prepare("UPDATE Participant SET score = ? WHERE id = ?");
    db.transaction(() => {
      for (const p of people) {
        let score = 0;
        activities.forEach((a, i) => {
          const right = p.rightEvery > 0 && i % p.rightEvery === 0;
          const flow = a.kind === "which-step" || a.kind === "flow-replay";
          const answer = flow ? { kind: a.kind, step: right ? 6 : 4 } : { kind: "pitfall", choiceId: right ? "right" : "wrong" };
          const points = right ? 900 : 0;
          score += points;
          addResponse.run(`e2e-r-${p.id}-${i}`, sessionId, p.id, i, JSON.stringify(answer), right ? 1 : 0, points, 3000 + i * 100, flow ? (right ? 6 : 4) : null, flow ? 6 : null, now);
        });
        setScore.run(score, p.id);
      }
      const ended = JSON.stringify({ phase: { type: "ended", endedAt: Date.now() }, timeLimitsSec: activities.map(() => 30), lobbyLocked: false, allowLateJoin: true });
      db.prepare("UPDATE LiveSession SET status = 'ended', endedAt = ?, phaseState = ? WHERE id = ?").run(now, ended, sessionId);
    })();
  } finally {
    db.close();
  }

  // ---- /host: the ended session links to its report, the deck (now run once) to its comparison, and the history ----
  await host.goto("/host");
  const sessionRow = host.getByRole("listitem").filter({ hasText: code });
  await expect(sessionRow.getByRole("link", { name: /^Report/ })).toHaveAttribute("href", `/host/sessions/${sessionId}/report`);
  const demoCard = host.getByRole("article", { name: demo.title });
  await expect(demoCard.getByRole("link", { name: /^Compare classes/ })).toHaveAttribute("href", `/host/decks/${demo.id}/compare`);
  await host.getByRole("link", { name: "Session history and reports" }).click();

  // ---- history → report ----
  await expect(host).toHaveURL(/\/host\/history$/);
  await expect(host.getByRole("heading", { name: "Session history" })).toBeVisible();
  await host.getByLabel("Deck title").fill(demo.title.slice(0, 8));
  const row = host.getByRole("listitem").filter({ hasText: code });
  await expect(row).toContainText("3 participants");
  await row.getByRole("link", { name: /^Report/ }).click();
  await expect(host).toHaveURL(new RegExp(`/host/sessions/${sessionId}/report$`));
  await expect(host.getByRole("heading", { level: 1, name: demo.title })).toBeVisible();

  // The chart of the nine steps, with its numbers as text.
  const chart = host.getByRole("img", { name: "Accuracy per step of the token flow" });
  await expect(chart).toBeVisible();
  await host.getByText("The numbers as a table").click();
  await expect(host.getByRole("row", { name: /Receive temporary credentials/ })).toContainText("not tested");

  // The leaderboard: points and accuracy, sortable.
  const board = host.getByRole("table", { name: /Final leaderboard/ });
  await expect(board.getByRole("row").nth(1)).toContainText("Zoe");
  await expect(board.getByRole("row").nth(1)).toContainText("100%");
  await board.getByRole("button", { name: /^Nickname/ }).click();
  await expect(board.getByRole("columnheader", { name: /Nickname/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(board.getByRole("row").nth(1)).toContainText(FORMULA_NICK);

  // One student's answers.
  await board.getByRole("button", { name: /^Max/ }).click();
  await expect(host.getByRole("heading", { name: "Max's answers" })).toBeVisible();
  // On the laptop the labels stay beside their values.
  const wide = await answerRows(host);
  expect(wide.length).toBeGreaterThan(0);
  for (const r of wide) expect(r.beside, `report at 1280 px: "${r.label}" beside its value`).toBe(true);

  // A download: the leaderboard CSV, UTF-8 with BOM, CRLF, the formula nickname neutralised.
  const [download] = await Promise.all([host.waitForEvent("download"), host.getByRole("link", { name: /Leaderboard CSV/ }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`_${code}_leaderboard\\.csv$`));
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8");
  expect(text).toContain("rank,nickname,score,correct,answered,total,accuracy_percent");
  expect(text).toContain("\r\n");
  expect(text).toContain(`"'=HYPERLINK(""x"")"`);

  // ---- the student opens their results on the same phone ----
  await phone.goto(`/me/${sessionId}`);
  await expect(phone.getByRole("heading", { name: "Your results, Zoe" })).toBeVisible();
  await expect(phone.getByText("Final rank")).toBeVisible();
  await expect(phone.getByRole("heading", { name: "Your answers" })).toBeVisible();
  await expectAnswersFullWidth(phone, "/me at 360 px");
  await expect(phone.getByRole("table", { name: /Final leaderboard/ })).toContainText("Zoe");
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // A device that never joined sees no one's results.
  const stranger = await browser.newContext(PHONE);
  const strangerPage = await stranger.newPage();
  await strangerPage.goto(`/me/${sessionId}`);
  await expect(strangerPage.getByText("This device did not take part in that session")).toBeVisible();

  await Promise.all([laptop.close(), phoneContext.close(), stranger.close()]);
});
