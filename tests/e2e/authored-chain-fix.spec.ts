import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { api, signUpInstructor } from "./instructor";

/**
 * An instructor authors a broken world without a Pitfall in the deck builder: one that already works is refused with
 * the simulator's reason, one whose break lies in the chain is saved and offered as "Fix the chain"; its phone
 * preview shows the authored world's own fields, a deck save that plays it as a chain fix it cannot be is refused,
 * and a student fixes it in a live session, judged by the simulator.
 */
const CART = readFileSync(path.join(process.cwd(), "tests/unit/activities/fixtures/authored-cart-sub-typo.yaml"), "utf8");
const HAPPY = readFileSync(path.join(process.cwd(), "content/scenarios/examples/happy-path.yaml"), "utf8");
const SKEW = readFileSync(path.join(process.cwd(), "content/scenarios/pitfalls/27-clock-skew.yaml"), "utf8");

async function author(host: Page, name: string, yaml: string) {
  await host.getByLabel("Name (optional)").fill(name);
  await host.getByLabel("Scenario YAML").fill(yaml);
  await host.getByRole("button", { name: "Validate and save" }).click();
}

test("an authored scenario played as 'Fix the chain'", async ({ browser }) => {
  const { laptop, host } = await signUpInstructor(browser, "Cleo Chain");

  const created = await api<{ deck: { id: string } }>(host, "POST", "/api/decks", { title: "Authored chain fix", description: "e2e", activities: [] });
  expect(created.status).toBe(201);
  const deckId = created.json.deck.id;
  await host.goto(`/host/decks/${deckId}`);
  await expect(host.getByRole("heading", { name: "Activities (0)" })).toBeVisible();

  // A world that already works: refused, with the simulator's reason beside the editor.
  await author(host, "works already", HAPPY);
  const refused = host.getByRole("alert").filter({ hasText: "The simulator did not accept this scenario" });
  await expect(refused).toContainText("it cannot be played as a chain fix: the flow already succeeds with no critical finding: there is nothing to fix");

  // A world whose break lies in the chain: saved, offered as "Fix the chain".
  await author(host, "cart sub typo", CART);
  await expect(host.getByText("Saved “cart-sub-typo”. It is now in the scenario picker above.")).toBeVisible();
  await expect(host.getByText(/Fails at step 6 \(AccessDenied\)\. Playable as: Which step fails\?; Flow replay: predict the failure; Fix the chain\./)).toBeVisible();
  await host.getByLabel("Add a scenario from the bank").selectOption({ label: "✎ cart-sub-typo (fails at step 6)" });
  await expect(host.getByLabel("Play it as").locator("option")).toHaveText(["Which step fails?", "Flow replay: predict the failure", "Fix the chain"]);
  await host.getByLabel("Play it as").selectOption("chain-fix");
  await host.getByRole("button", { name: "Add activity" }).click();
  const first = host.getByRole("article", { name: /^Activity 1:/ });
  await expect(first.getByLabel("Kind")).toHaveValue("chain-fix");
  await first.getByRole("button", { name: "Preview activity 1" }).click();
  const preview = host.getByRole("region", { name: "Phone preview of activity 1" });
  await expect(preview.getByLabel("sub value", { exact: true })).toHaveValue("system:serviceaccount:shop:carts");
  await expect(preview.getByLabel("ServiceAccount name", { exact: true })).toHaveValue("cart");
  await host.getByRole("button", { name: "Save deck" }).click();
  await expect(host.getByText(/Saved at/)).toBeVisible();

  // A pitfall whose break is elsewhere is no chain fix: a deck that plays it so is refused on save, with the reason.
  await author(host, "clock skew", SKEW);
  await expect(host.getByText(/Saved “.*”\. It is now in the scenario picker above\./)).toBeVisible();
  const skew = (await api<{ scenarios: { scenarioId: string; name: string }[] }>(host, "GET", "/api/scenarios")).json.scenarios.find((s) => s.name === "clock skew")!;
  const bad = await api<{ error: { issues: { path: string; message: string }[] } }>(host, "PUT", `/api/decks/${deckId}`, {
    title: "Authored chain fix",
    description: "e2e",
    activities: [{ kind: "chain-fix", scenarioId: skew.scenarioId, config: {}, timeLimitSec: 60, pointsMultiplier: 1 }],
  });
  expect(bad.status).toBe(400);
  expect(bad.json.error.issues[0]).toMatchObject({ path: "activities.0.kind", message: expect.stringContaining("the break is outside the chain") as unknown });

  // Played live: a student fixes the sub; the simulator judges it.
  const started = await api<{ sessionId: string; code: string }>(host, "POST", "/api/sessions", { deckId, scoring: "accuracy" });
  expect(started.status).toBe(201);
  await host.goto(`/host/sessions/${started.json.sessionId}`);
  const phoneContext = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
  const phone = await phoneContext.newPage();
  await phone.goto(`/join/${started.json.code}`);
  await phone.getByLabel("Nickname").fill("Ada");
  await phone.getByRole("button", { name: "Join session" }).click();
  await expect(phone.getByRole("heading", { name: "You're in!" })).toBeVisible();
  await host.getByRole("button", { name: "Start", exact: true }).click();
  await expect(phone.getByLabel("sub value", { exact: true })).toHaveValue("system:serviceaccount:shop:carts");
  await phone.getByLabel("sub value", { exact: true }).fill("system:serviceaccount:shop:cart");
  await phone.getByRole("button", { name: "Submit my fix" }).click();
  await expect(phone.getByText("Answer received")).toBeVisible();
  await host.getByRole("button", { name: "Close early" }).click();
  await expect(phone.getByRole("heading", { name: "Correct", exact: true })).toBeVisible();
  await expect(phone.getByText("With your fields the flow succeeds with no critical finding")).toBeVisible();
  await laptop.close();
  await phoneContext.close();
});
