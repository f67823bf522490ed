import { readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { e2eDatabasePath } from "./env";
import { ACTIVITY_KIND_LABELS } from "../../lib/contract/activities";
import { api, signUpInstructor } from "./instructor";

/**
 * A live session that uses each activity kind once. The instructor builds the deck (six activities through the
 * API for speed, the seventh — a JWT predict — through the deck builder's picker, with a phone preview), authors
 * a scenario in the builder, runs the session with two phones that answer through the UI (Ada right, Bob wrong
 * or partly right), steps the flow replay with every phone following, and the final leaderboard matches the DB.
 */

const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
const SHOTS = process.env.E2E_SCREENSHOTS ? "test-results/screens" : null;

async function shot(page: Page, name: string, fullPage = false) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

async function phone(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(PHONE);
  return { context, page: await context.newPage() };
}

const act = (kind: string, scenarioId: string, timeLimitSec = 120) => ({ kind, scenarioId, config: {}, timeLimitSec, pointsMultiplier: 1 });

type Answerer = (page: Page, right: boolean) => Promise<void>;

/** How each kind is answered on the phone, right (Ada) or wrong (Bob). Correct answers are the simulator's. */
const PLAN: { kind: string; answer: Answerer; bobPartial?: string }[] = [
  {
    kind: "pitfall",
    answer: async (p, right) => {
      const group = p.getByRole("group", { name: "What is the root cause?" });
      await group.getByRole("button", { name: right ? /Correct the sub value/ : /use StringLike/ }).click();
    },
  },
  {
    kind: "which-step",
    answer: async (p, right) => {
      await p.getByRole("button", { name: new RegExp(`^Step ${right ? 5 : 6}:`) }).click();
      await p.getByRole("button", { name: "Submit answer" }).click();
    },
  },
  {
    kind: "flow-replay",
    answer: async (p, right) => {
      await p.getByRole("button", { name: new RegExp(`^Step ${right ? 7 : 3}:`) }).click();
      await p.getByRole("button", { name: "Lock in my prediction" }).click();
    },
  },
  {
    kind: "chain-fix",
    answer: async (p, right) => {
      if (right) await p.getByLabel("sub value", { exact: true }).fill("system:serviceaccount:payments:billing-svc");
      else await p.getByLabel("ServiceAccount name", { exact: true }).fill("billing");
      await p.getByRole("button", { name: "Submit my fix" }).click();
    },
  },
  {
    kind: "setup-challenge",
    answer: async (p, right) => {
      await p.getByLabel(/^Namespace/).fill(right ? "payments" : "default");
      await p.getByLabel(/^ServiceAccount name/).fill("billing-svc");
      await p.getByLabel(/^IAM role name/).fill("billing-dynamodb-reader");
      await p.getByLabel("Permission policy").selectOption("DynamoDBTableReader");
      await p.getByRole("button", { name: "Submit my setup" }).click();
    },
  },
  {
    kind: "node-role",
    answer: async (p, right) => {
      await p.getByRole("checkbox", { name: "S3 — read bucket frontend-assets" }).check();
      if (!right) await p.getByRole("checkbox", { name: "DynamoDB — read table Users" }).check();
      await p.getByRole("button", { name: /^Submit \d selected$/ }).click();
    },
    bobPartial: "Partial credit: 50%",
  },
  {
    kind: "jwt-predict",
    answer: async (p, right) => {
      await p.getByRole("button", { name: right ? /^No match/ : /^Match/ }).click();
    },
  },
];

test("a live session that uses each activity kind once", async ({ browser }) => {
  test.setTimeout(480_000);

  // ---- the instructor signs up ----
  const { laptop, host } = await signUpInstructor(browser, "Kim Kinds");

  // ---- six activities through the API, the seventh through the builder ----
  const created = await api<{ deck: { id: string } }>(host, "POST", "/api/decks", {
    title: "Every kind once",
    description: "e2e",
    activities: [
      act("pitfall", "pitfalls/20-sub-namespace-typo"),
      act("which-step", "pitfalls/17-audience-typo"),
      act("flow-replay", "pitfalls/26-role-chaining-limit"),
      act("chain-fix", "pitfalls/20-sub-namespace-typo", 300),
      act("setup-challenge", "setup/billing-dynamodb", 300),
      act("node-role", "node-role/frontend-after"),
    ],
  });
  expect(created.status).toBe(201);
  const deckId = created.json.deck.id;
  await host.goto(`/host/decks/${deckId}`);
  await expect(host.getByRole("heading", { name: "Activities (6)" })).toBeVisible();
  await host.getByLabel("Add a scenario from the bank").selectOption("jwt/namespace-typo");
  await expect(host.getByLabel("Play it as")).toHaveValue("jwt-predict");
  await host.getByRole("button", { name: "Add activity" }).click();
  await expect(host.getByRole("heading", { name: "Activities (7)" })).toBeVisible();
  const seventh = host.getByRole("article", { name: /^Activity 7:/ });
  await seventh.getByRole("button", { name: "Preview activity 7" }).click();
  const preview = host.getByRole("region", { name: "Phone preview of activity 7" });
  await expect(preview.getByRole("button", { name: /^No match/ })).toBeDisabled();
  await shot(host, "builder-preview-1280");
  // The chain-fix preview shows the broken configuration's fields, never the fix.
  await host.getByRole("article", { name: /^Activity 4:/ }).getByRole("button", { name: "Preview activity 4" }).click();
  await expect(host.getByRole("region", { name: "Phone preview of activity 4" }).getByLabel("sub value")).toHaveValue("system:serviceaccount:payment:billing-svc");
  await host.getByRole("button", { name: "Save deck" }).click();
  await expect(host.getByText(/Saved at/)).toBeVisible();

  // ---- authoring: the simulator's objections next to the editor, then an accepted scenario in the picker ----
  await host.getByLabel("Scenario YAML").fill("kind: [unclosed");
  await host.getByRole("button", { name: "Validate and save" }).click();
  await expect(host.getByRole("alert").filter({ hasText: "The simulator did not accept this scenario" })).toBeVisible();
  const bankYaml = readFileSync(path.join(process.cwd(), "content/scenarios/pitfalls/22-condition-key-https.yaml"), "utf8");
  await host.getByLabel("Name (optional)").fill("my-https-key");
  await host.getByLabel("Scenario YAML").fill(bankYaml);
  await host.getByRole("button", { name: "Validate and save" }).click();
  await expect(host.getByText(/It is now in the scenario picker above/)).toBeVisible();
  await shot(host, "builder-authoring-1280", true);
  await expect(host.getByLabel("Add a scenario from the bank").locator("option", { hasText: "✎" })).toHaveCount(1);

  // ---- start the session; two phones join ----
  const started = await api<{ sessionId: string; code: string }>(host, "POST", "/api/sessions", { deckId, scoring: "accuracy" });
  expect(started.status).toBe(201);
  const { sessionId, code } = started.json;
  await host.goto(`/host/sessions/${sessionId}`);
  const projector = await laptop.newPage();
  await projector.goto(`/host/sessions/${sessionId}/present`);

  const ada = await phone(browser);
  const bob = await phone(browser);
  for (const [s, name] of [[ada, "Ada"], [bob, "Bob"]] as const) {
    await s.page.goto(`/join/${code}`);
    await s.page.getByLabel("Nickname").fill(name);
    await s.page.getByRole("button", { name: "Join session" }).click();
    await expect(s.page.getByRole("heading", { name: "You're in!" })).toBeVisible();
  }
  await expect(host.getByRole("heading", { name: /Students \(2 joined, 2 online\)/ })).toBeVisible();
  // The console names every kind in words (ACTIVITY_KIND_LABELS), never by its id.
  const activityList = host.getByRole("region", { name: "Activities" });
  for (const label of Object.values(ACTIVITY_KIND_LABELS)) await expect(activityList.getByText(label, { exact: false }).first()).toBeVisible();
  await expect(activityList).not.toContainText("which-step");
  await host.getByRole("button", { name: "Start", exact: true }).click();

  const n = PLAN.length;
  for (const [q, step] of PLAN.entries()) {
    await expect(host.getByText(`Question ${q + 1} of ${n} — open`)).toBeVisible();
    for (const [s, right] of [[ada, true], [bob, false]] as const) {
      await expect(s.page.getByText(new RegExp(`^Question ${q + 1} of ${n}`)).first()).toBeVisible();
      if (right) await shot(s.page, `kind-${step.kind}-question-360`, true);
      // Before the reveal nothing on the phone says how the flow ran.
      await expect(s.page.getByText(/Not reached|Replay: step/)).toHaveCount(0);
      await step.answer(s.page, right);
      await expect(s.page.getByText("Answer received")).toBeVisible();
    }
    await expect(host.getByText("Answered: 2 / 2")).toBeVisible();
    if (step.kind === "chain-fix" || step.kind === "flow-replay") await shot(projector, `kind-${step.kind}-projector-1280`);
    await host.getByRole("button", { name: "Close early" }).click();
    await expect(host.getByText(`Question ${q + 1} of ${n} — answer revealed`)).toBeVisible();
    await expect(ada.page.getByRole("heading", { name: "Correct", exact: true })).toBeVisible();
    await expect(bob.page.getByRole("heading", { name: "Incorrect", exact: true })).toBeVisible();
    if (step.bobPartial) await expect(bob.page.getByText(step.bobPartial)).toBeVisible();
    if (step.kind === "chain-fix") {
      await expect(ada.page.getByText(/With your fields the flow succeeds/)).toBeVisible();
      await expect(bob.page.getByText(/With your fields the flow fails at step \d/)).toBeVisible();
    }
    if (step.kind === "setup-challenge") {
      await expect(bob.page.getByText(/The simulator says: /)).toBeVisible();
      // Both picked the right policy, only Ada's whole setup works: the projector does not call both "Correct".
      const options = projector.getByRole("list", { name: "How the class answered" }).getByRole("listitem");
      await expect(options.filter({ hasText: "✓ Correct policy" })).toContainText("2");
      await expect(projector.getByTestId("setup-whole-right")).toHaveText("Whole setup right (namespace, ServiceAccount and policy): 50% of answers");
    }
    if (step.kind === "flow-replay") {
      for (const s of [ada, bob]) await expect(s.page.getByText("Replay: waiting for the instructor to start")).toBeVisible();
      await host.getByRole("button", { name: "Start replay ▶ step 1" }).click();
      for (let k = 2; k <= 7; k++) {
        for (const s of [ada, bob]) await expect(s.page.getByText(`Replay: step ${k - 1} of 9`)).toBeVisible();
        await host.getByRole("button", { name: `Replay ▶ step ${k}` }).click();
      }
      for (const s of [ada, bob]) {
        await expect(s.page.getByText("Replay: step 7 of 9")).toBeVisible();
        const replay = s.page.getByRole("list", { name: "Replay of the token flow" });
        await expect(replay.getByRole("listitem").nth(6)).toContainText("Fails");
        await expect(replay.getByRole("listitem").nth(5)).toContainText("OK");
        await expect(replay.getByRole("listitem").nth(7)).not.toContainText("Not reached");
      }
      await expect(projector.getByText("Replay: step 7 of 9")).toBeVisible();
      await shot(ada.page, "kind-flow-replay-replay-360", true);
      await shot(projector, "kind-flow-replay-replay-projector-1280");
    }
    await shot(ada.page, `kind-${step.kind}-reveal-ada-360`, true);
    await shot(bob.page, `kind-${step.kind}-reveal-bob-360`, true);
    await host.getByRole("button", { name: "Show leaderboard" }).click();
    await expect(ada.page.getByRole("heading", { name: "Leaderboard" })).toBeVisible();
    await host.getByRole("button", { name: q === n - 1 ? "Final podium" : "Next question" }).click();
  }

  await expect(host.getByText("Final podium", { exact: true })).toBeVisible();
  await host.getByRole("button", { name: "End session" }).click();
  await host.getByRole("button", { name: "Yes, end session" }).click();
  for (const s of [ada, bob]) await expect(s.page.getByRole("heading", { name: "Session ended" })).toBeVisible();

  // ---- the leaderboard on screen equals the database ----
  const screenRows = await host
    .getByRole("table", { name: "Final leaderboard" })
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => (td.textContent ?? "").trim())));
  const db = new Database(e2eDatabasePath(), { readonly: true, fileMustExist: true });
  const stored = db.prepare(`SELECT nickname, score FROM "Participant" WHERE "sessionId" = ? ORDER BY score DESC`).all(sessionId) as { nickname: string; score: number }[];
  const answers = db.prepare(`SELECT COUNT(*) AS n FROM "Response" WHERE "sessionId" = ?`).get(sessionId) as { n: number };
  db.close();
  expect(answers.n).toBe(14);
  expect(screenRows.map((r) => [r[1], Number(r[2])])).toEqual(stored.map((r) => [r.nickname, r.score]));
  // Accuracy scoring: Ada 7 × 1000 plus streak bonuses; Bob only the node-role half credit (500).
  expect(stored.find((r) => r.nickname === "Bob")?.score).toBe(500);
  expect(stored[0]?.nickname).toBe("Ada");

  for (const s of [ada, bob]) await s.context.close();
  await laptop.close();
});
