/**
 * Where the e2e server runs and which database it uses: a fresh SQLite file under ./data/e2e, wiped,
 * migrated and seeded by tests/e2e/start-server.sh before every run. Shared by playwright.config.ts and the specs.
 */
import path from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3107);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_DATA_DIR = "./data/e2e";
export const E2E_DATABASE_URL = `file:${E2E_DATA_DIR}/e2e.db`;

/** Absolute path of the e2e database, for specs that check what was stored. */
export function e2eDatabasePath(): string {
  return path.resolve(process.cwd(), E2E_DATA_DIR, "e2e.db");
}
