import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The process configuration, read from the environment once at start-up (STYLE.md §4: validate environment
 * variables at start-up, with a message that says which one and why). Defaults make a fresh clone start with
 * no set-up: an SQLite file and a generated signing key, both in ./data.
 */
export interface Config {
  port: number;
  host: string;
  /** Folder for the database file and the generated signing key. Absolute. */
  dataDir: string;
  /** SQLite "file:" URL (the default), or a PostgreSQL "postgresql://" URL. */
  databaseUrl: string;
  /** HS256 key for instructor and participant tokens (≥ 32 bytes). */
  authSecret: Uint8Array;
  /** Where authSecret came from: the environment, the data folder, or generated just now. */
  authSecretSource: "env" | "file" | "generated";
  /** Public base URL for join links and QR codes, without a trailing slash (e.g. https://quiz.example.org). */
  publicUrl: string | null;
  nodeEnv: "development" | "production" | "test";
  /** Behind a reverse proxy: trust X-Forwarded-For / X-Forwarded-Proto for the client address and TLS. */
  trustProxy: boolean;
  /** "auto": Secure cookies when the request came over TLS (or PUBLIC_URL is https); "always" / "never". */
  secureCookies: "auto" | "always" | "never";
  /** Redis shared by several server processes (redis://host:6379); null = one process, everything in memory. */
  redisUrl: string | null;
}

export const AUTH_SECRET_FILE = "auth-secret";
const MIN_SECRET_BYTES = 32;

const booleanFlag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ["1", "0", "true", "false", "yes", "no", "on", "off", ""].includes(v), {
    message: 'expected one of "true", "false", "1", "0", "yes", "no"',
  })
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

const envSchema = z.object({
  PORT: z.coerce
    .number({ message: "expected a port number" })
    .int("expected a whole number")
    .min(0, "expected 0–65535")
    .max(65535, "expected 0–65535")
    .default(3000),
  HOST: z.string().trim().min(1, "must not be empty").default("0.0.0.0"),
  DATA_DIR: z.string().trim().min(1, "must not be empty").default("./data"),
  DATABASE_URL: z
    .string()
    .trim()
    .refine((v) => (v.startsWith("file:") && v.length > "file:".length) || /^postgres(ql)?:\/\/.+/i.test(v), {
      message: 'expected a SQLite URL such as "file:./data/irsa-classroom.db" or a PostgreSQL URL such as "postgresql://user:password@host:5432/irsa"',
    })
    .optional(),
  AUTH_SECRET: z
    .string()
    .refine((v) => Buffer.byteLength(v, "utf8") >= MIN_SECRET_BYTES, {
      message: `must be at least ${MIN_SECRET_BYTES} bytes (e.g. \`openssl rand -base64 32\`), or unset to generate one in DATA_DIR`,
    })
    .optional(),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: "expected an http(s) URL such as https://quiz.example.org" })
    .transform((v) => v.replace(/\/+$/, ""))
    .optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  TRUST_PROXY: booleanFlag.default(false),
  COOKIE_SECURE: z.enum(["auto", "always", "never"]).default("auto"),
  REDIS_URL: z
    .string()
    .trim()
    .refine((v) => /^rediss?:\/\/.+/.test(v), { message: 'expected a Redis URL such as "redis://127.0.0.1:6379"' })
    .optional(),
});

function emptyToUndefined(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key];
    out[key] = value === undefined || value.trim() === "" ? undefined : value;
  }
  return out;
}

/**
 * The signing key: AUTH_SECRET if set, else DATA_DIR/auth-secret, else 32 random bytes written there
 * (mode 0600, created exclusively so two processes starting together agree on one key).
 */
function loadAuthSecret(dataDir: string, fromEnv: string | undefined): Pick<Config, "authSecret" | "authSecretSource"> {
  if (fromEnv !== undefined) return { authSecret: new TextEncoder().encode(fromEnv), authSecretSource: "env" };
  const file = path.join(dataDir, AUTH_SECRET_FILE);
  const read = (): Uint8Array => {
    const bytes = Buffer.from(readFileSync(file, "utf8").trim(), "base64url");
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new Error(
        `AUTH_SECRET: ${file} holds ${bytes.length} bytes, expected ${MIN_SECRET_BYTES}; delete it to generate a new key (this signs everyone out)`,
      );
    }
    return new Uint8Array(bytes);
  };
  try {
    return { authSecret: read(), authSecretSource: "file" };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new Error(`DATA_DIR: cannot create ${dataDir}: ${(error as Error).message}`, { cause: error });
  }
  const secret = randomBytes(MIN_SECRET_BYTES);
  try {
    writeFileSync(file, secret.toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
    chmodSync(file, 0o600);
    return { authSecret: new Uint8Array(secret), authSecretSource: "generated" };
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return { authSecret: read(), authSecretSource: "file" };
    throw new Error(`DATA_DIR: cannot write the signing key to ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Validate the environment and build the Config. Throws an Error naming each bad variable and why, e.g.
 * `Invalid configuration: PORT: expected 0–65535 (got "70000")`.
 *
 * @example
 * const config = loadConfig({ PORT: "0", DATA_DIR: "/tmp/irsa-test" });
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw = emptyToUndefined(env);
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      const shown = name === "AUTH_SECRET" ? "" : ` (got ${JSON.stringify(raw[name])})`;
      return `  ${name}: ${issue.message}${shown}`;
    });
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `file:${path.join(dataDir, "irsa-classroom.db")}`,
    ...loadAuthSecret(dataDir, e.AUTH_SECRET),
    publicUrl: e.PUBLIC_URL ?? null,
    nodeEnv: e.NODE_ENV,
    trustProxy: e.TRUST_PROXY,
    secureCookies: e.COOKIE_SECURE,
    redisUrl: e.REDIS_URL ?? null,
  };
}

let cached: Config | undefined;

/** The process's Config, loaded from process.env on first use (route handlers and the socket server share it). */
export function getConfig(): Config {
  cached ??= loadConfig(process.env);
  return cached;
}

/** Forget the cached Config (tests that change process.env between cases). */
export function resetConfigCache(): void {
  cached = undefined;
}
