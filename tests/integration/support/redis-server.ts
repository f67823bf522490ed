import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

/**
 * Debian's redis-server on 127.0.0.1, on a free port, for the tests of several processes sharing Redis
 * (scripts/test.sh and .ci/run install it). No persistence: it starts empty and is killed at the end.
 */
export interface TestRedis {
  url: string;
  port: number;
  process: ChildProcess;
  /** SIGKILL, resolved once it has exited. */
  kill(): Promise<void>;
}

function redisServerPath(): string {
  try {
    return execFileSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).trim();
  } catch {
    return "";
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Starts redis-server on `port` (a free one by default) and resolves once it accepts connections. */
export async function startRedis(port?: number): Promise<TestRedis> {
  const bin = redisServerPath();
  if (!bin) {
    throw new Error(
      "redis-server is not installed: the multi-process tests need Debian's redis-server " +
        "(apt-get install -y redis-server; `npm test` and .ci/run install it when run as root).",
    );
  }
  const chosen = port ?? (await freePort());
  const child = spawn(bin, ["--port", String(chosen), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("Ready to accept connections")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}: ${out.slice(-500)}`)));
  });
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    process: child,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}
