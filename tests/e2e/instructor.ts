import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

/** Same-origin JSON call from the instructor's page (their cookie, their Origin). */
export async function api<T>(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const res = await fetch(url, { method, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, json: (await res.json()) as T };
    },
    { method, url, body },
  );
}

/**
 * A new instructor, signed up through the UI on a 1280×800 laptop (a fresh email each run), on the decks page.
 * Returns the laptop's context and page.
 */
export async function signUpInstructor(browser: Browser, name: string): Promise<{ laptop: BrowserContext; host: Page }> {
  const laptop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const host = await laptop.newPage();
  await host.goto("/host");
  await host.getByRole("button", { name: "Create an account" }).click();
  await host.getByLabel("Your name").fill(name);
  await host.getByLabel("Email").fill(`${name.split(" ")[0]!.toLowerCase()}-${Date.now()}@example.test`);
  await host.getByLabel("Password").fill("correct horse battery");
  await host.getByRole("button", { name: "Create account" }).click();
  await expect(host.getByRole("heading", { name: `Welcome, ${name}` })).toBeVisible();
  return { laptop, host };
}

/** One activity of a deck, as POST /api/decks takes it (config empty: the preset's default). */
export function activity(kind: string, scenarioId: string, timeLimitSec = 120): { kind: string; scenarioId: string; config: object; timeLimitSec: number; pointsMultiplier: 1 } {
  return { kind, scenarioId, config: {}, timeLimitSec, pointsMultiplier: 1 };
}

/**
 * A deck of these activities and a live session of it, created through the API as the instructor signed in on
 * `host` (their cookie, their Origin); then `host` opens the session's console.
 */
export async function startSession(
  host: Page,
  deck: { title: string; description?: string; activities: ReturnType<typeof activity>[] },
  scoring: "accuracy" | "speed" = "accuracy",
): Promise<{ deckId: string; sessionId: string; code: string }> {
  const created = await api<{ deck: { id: string } }>(host, "POST", "/api/decks", { description: "e2e", ...deck });
  expect(created.status).toBe(201);
  const started = await api<{ sessionId: string; code: string }>(host, "POST", "/api/sessions", { deckId: created.json.deck.id, scoring });
  expect(started.status).toBe(201);
  await host.goto(`/host/sessions/${started.json.sessionId}`);
  return { deckId: created.json.deck.id, ...started.json };
}
