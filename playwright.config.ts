import { defineConfig } from "@playwright/test";
import { E2E_BASE_URL, E2E_DATABASE_URL, E2E_DATA_DIR, E2E_PORT } from "./tests/e2e/env";

/**
 * End-to-end tests against the real custom server (server/index.ts: Next + socket.io on one port), production
 * build, fresh SQLite database. Playwright cannot download browsers here, so it drives Debian's Chromium
 * (CHROMIUM_PATH, default /usr/bin/chromium) with the flags from STACK.md.
 */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  // Two cores: one worker, the server and the browsers already share them.
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 240_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  outputDir: "test-results",
  use: {
    baseURL: E2E_BASE_URL,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  webServer: {
    command: "bash tests/e2e/start-server.sh",
    url: `${E2E_BASE_URL}/`,
    reuseExistingServer: !process.env.CI && process.env.E2E_REUSE_SERVER === "1",
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E_PORT),
      HOST: "127.0.0.1",
      DATA_DIR: E2E_DATA_DIR,
      DATABASE_URL: E2E_DATABASE_URL,
      PUBLIC_URL: E2E_BASE_URL,
      E2E_SKIP_BUILD: process.env.E2E_SKIP_BUILD ?? "0",
    },
  },
});
