import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AUTH_SECRET_FILE, loadConfig } from "@/lib/config";
import { tempDir } from "./helpers";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function dataDir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

describe("loadConfig", () => {
  it("has defaults that start a fresh clone", () => {
    const dir = dataDir();
    const c = loadConfig({ DATA_DIR: dir });
    expect(c.port).toBe(3000);
    expect(c.host).toBe("0.0.0.0");
    expect(c.dataDir).toBe(dir);
    expect(c.databaseUrl).toBe(`file:${path.join(dir, "irsa-classroom.db")}`);
    expect(c.publicUrl).toBeNull();
    expect(c.nodeEnv).toBe("development");
    expect(c.trustProxy).toBe(false);
    expect(c.secureCookies).toBe("auto");
  });

  it("generates a 32-byte key on first start, mode 0600, and reuses it", () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir });
    expect(first.authSecretSource).toBe("generated");
    expect(first.authSecret).toBeInstanceOf(Uint8Array);
    expect(first.authSecret.length).toBe(32);
    const file = path.join(dir, AUTH_SECRET_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadConfig({ DATA_DIR: dir });
    expect(second.authSecretSource).toBe("file");
    expect(Buffer.from(second.authSecret).equals(Buffer.from(first.authSecret))).toBe(true);
  });

  it("prefers AUTH_SECRET from the environment", () => {
    const c = loadConfig({ DATA_DIR: dataDir(), AUTH_SECRET: "x".repeat(40) });
    expect(c.authSecretSource).toBe("env");
    expect(new TextDecoder().decode(c.authSecret)).toBe("x".repeat(40));
  });

  it("refuses a short key file with a message naming it", () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, AUTH_SECRET_FILE), "c2hvcnQ\n");
    expect(() => loadConfig({ DATA_DIR: dir })).toThrow(/AUTH_SECRET: .*auth-secret holds 5 bytes/);
  });

  it.each([
    [{ PORT: "70000" }, /PORT: expected 0–65535 \(got "70000"\)/],
    [{ PORT: "abc" }, /PORT: /],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL: expected a SQLite URL .* or a PostgreSQL URL/],
    [{ REDIS_URL: "localhost:6379" }, /REDIS_URL: expected a Redis URL/],
    [{ AUTH_SECRET: "short" }, /AUTH_SECRET: must be at least 32 bytes/],
    [{ PUBLIC_URL: "not a url" }, /PUBLIC_URL: expected an http\(s\) URL/],
    [{ PUBLIC_URL: "ftp://example.org" }, /PUBLIC_URL: /],
    [{ NODE_ENV: "staging" }, /NODE_ENV: /],
    [{ TRUST_PROXY: "maybe" }, /TRUST_PROXY: expected one of/],
    [{ COOKIE_SECURE: "sometimes" }, /COOKIE_SECURE: /],
  ])("names the bad variable: %o", (env, message) => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), ...env })).toThrow(message);
  });

  it("never echoes AUTH_SECRET in an error", () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), AUTH_SECRET: "hunter2" })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("hunter2") as unknown }),
    );
  });

  it("parses the rest", () => {
    const c = loadConfig({
      DATA_DIR: dataDir(),
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: "file:/tmp/x.db",
      PUBLIC_URL: "https://quiz.example.org/",
      NODE_ENV: "production",
      TRUST_PROXY: "1",
      COOKIE_SECURE: "always",
    });
    expect(c).toMatchObject({
      port: 0,
      host: "127.0.0.1",
      databaseUrl: "file:/tmp/x.db",
      publicUrl: "https://quiz.example.org",
      nodeEnv: "production",
      trustProxy: true,
      secureCookies: "always",
    });
  });

  it("treats empty variables as unset", () => {
    const c = loadConfig({ DATA_DIR: dataDir(), PORT: "", AUTH_SECRET: "" });
    expect(c.port).toBe(3000);
    expect(c.authSecretSource).toBe("generated");
    expect(readFileSync(path.join(c.dataDir, AUTH_SECRET_FILE), "utf8").trim().length).toBeGreaterThan(40);
  });

  it("takes a PostgreSQL DATABASE_URL and a REDIS_URL (several processes); neither by default", () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).redisUrl).toBeNull();
    const c = loadConfig({
      DATA_DIR: dataDir(),
      DATABASE_URL: "postgresql://irsa:secret@db.internal:5432/irsa",
      REDIS_URL: "redis://127.0.0.1:6379",
    });
    expect(c.databaseUrl).toBe("postgresql://irsa:secret@db.internal:5432/irsa");
    expect(c.redisUrl).toBe("redis://127.0.0.1:6379");
  });
});
