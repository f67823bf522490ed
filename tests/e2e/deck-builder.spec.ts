import { expect, test } from "@playwright/test";
import { api, signUpInstructor } from "./instructor";

/**
 * The deck builder as an instructor types into it, key by key: a time limit is what was typed (not clamped per
 * keystroke), unsaved edits are said and not lost by a stray click on the way out, and deleting a deck asks first.
 */
test("deck builder: typed time limits, unsaved changes and a confirmed delete", async ({ browser }) => {
  test.setTimeout(120_000);
  const { laptop, host } = await signUpInstructor(browser, "Tess Typist");
  const created = await api<{ deck: { id: string } }>(host, "POST", "/api/decks", {
    title: "Typed by hand",
    description: "e2e",
    activities: [{ kind: "pitfall", scenarioId: "pitfalls/20-sub-namespace-typo", config: {}, timeLimitSec: 60, pointsMultiplier: 1 }],
  });
  expect(created.status).toBe(201);
  const deckId = created.json.deck.id;
  await host.goto(`/host/decks/${deckId}`);
  await expect(host.getByRole("heading", { name: "Activities (1)" })).toBeVisible();
  await expect(host.getByTestId("deck-unsaved")).toHaveCount(0);

  // Key by key, as a person types: "120" stays 120 (it used to become 520), an emptied field stays empty.
  const time = host.getByLabel("Time limit (seconds)");
  await time.click();
  await time.press("ControlOrMeta+a");
  await time.pressSequentially("120");
  await expect(time).toHaveValue("120");
  await time.press("ControlOrMeta+a");
  await time.press("Backspace");
  await expect(time).toHaveValue("");
  await time.pressSequentially("45");
  await expect(time).toHaveValue("45");
  await expect(host.getByTestId("deck-unsaved")).toBeVisible();

  // Out of range: said while typing, brought into range when the field is left.
  await time.press("ControlOrMeta+a");
  await time.pressSequentially("2");
  await expect(time).toHaveAttribute("aria-invalid", "true");
  await time.blur();
  await expect(time).toHaveValue("5");
  await time.click();
  await time.press("ControlOrMeta+a");
  await time.pressSequentially("45");

  // Leaving with unsaved edits asks first; staying keeps them.
  host.once("dialog", (d) => {
    expect(d.message()).toContain("unsaved changes");
    void d.dismiss();
  });
  await host.getByRole("link", { name: "← Decks and sessions" }).click();
  await expect(host).toHaveURL(new RegExp(`/host/decks/${deckId}$`));
  await expect(time).toHaveValue("45");

  await host.getByRole("button", { name: "Save deck" }).click();
  await expect(host.getByText(/Saved at/)).toBeVisible();
  await expect(host.getByTestId("deck-unsaved")).toHaveCount(0);
  const stored = await api<{ deck: { activities: { timeLimitSec: number }[] } }>(host, "GET", `/api/decks/${deckId}`);
  expect(stored.json.deck.activities[0]?.timeLimitSec).toBe(45);

  // Delete asks first: "Keep it" keeps the deck, "Delete for good" deletes it.
  await host.getByRole("button", { name: "Delete deck" }).click();
  const confirm = host.getByRole("alertdialog");
  await expect(confirm).toContainText("Delete the deck “Typed by hand”");
  await confirm.getByRole("button", { name: "Keep it" }).click();
  await expect(host.getByRole("alertdialog")).toHaveCount(0);
  expect((await api(host, "GET", `/api/decks/${deckId}`)).status).toBe(200);
  await host.getByRole("button", { name: "Delete deck" }).click();
  await host.getByRole("alertdialog").getByRole("button", { name: "Delete for good" }).click();
  await expect(host).toHaveURL(/\/host$/);
  expect((await api(host, "GET", `/api/decks/${deckId}`)).status).toBe(404);

  await laptop.close();
});
