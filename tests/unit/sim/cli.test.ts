/** The CLI, run as a real process via tsx on the example scenarios. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const examples = path.join(repoRoot, "content", "scenarios", "examples");
const tsx = path.join(repoRoot, "node_modules", ".bin", "tsx");
const sim = (...args: string[]) => spawnSync(tsx, [path.join(repoRoot, "scripts", "sim.ts"), ...args], { cwd: repoRoot, encoding: "utf8", timeout: 60_000 });

interface Summary {
  scenario: string;
  outcome: string;
  identity: string | null;
  failedStep: number | null;
  error: { code: string; message: string; httpStatus: number | null } | null;
  steps: { n: number; id: string; title: string; status: string; error?: unknown }[];
  findings: { code: string; severity: string; message: string }[];
}

const traceJson = (file: string): { code: number | null; json: Summary } => {
  const r = sim("trace", path.join(examples, file), "--json");
  const lines = r.stdout.trim().split("\n");
  expect(lines).toHaveLength(1);
  return { code: r.status, json: JSON.parse(lines[0] ?? "") as Summary };
};

describe("npm run sim", () => {
  it("trace --json on the happy path: exactly one JSON object, exit 0", () => {
    const { code, json } = traceJson("happy-path.yaml");
    expect(code).toBe(0);
    expect(Object.keys(json)).toEqual(["scenario", "outcome", "identity", "failedStep", "error", "steps", "findings"]);
    expect(json).toMatchObject({ scenario: "happy-path", outcome: "success", failedStep: null, error: null });
    expect(json.identity).toMatch(/^arn:aws:sts::111122223333:assumed-role\/billing-dynamodb-reader\//);
    expect(json.steps.map((s) => s.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("trace --json on failures: exit 0 with the failing step and error", () => {
    const sub = traceJson("sub-typo.yaml");
    expect(sub.code).toBe(0);
    expect(sub.json).toMatchObject({ outcome: "failure", failedStep: 6, identity: null, error: { code: "AccessDenied", httpStatus: 403, message: "Not authorized to perform sts:AssumeRoleWithWebIdentity" } });
    expect(sub.json.steps[5]).toMatchObject({ status: "fail", error: { code: "AccessDenied" } });
    expect(sub.json.steps.slice(6).every((s) => s.status === "skipped")).toBe(true);
    const aud = traceJson("audience-typo.yaml");
    expect(aud.json).toMatchObject({ failedStep: 5, error: { message: "Incorrect token audience" } });
    const old = traceJson("old-sdk-node-role.yaml");
    expect(old.json.identity).toBe("arn:aws:sts::111122223333:assumed-role/eks-node-role/i-0123456789abcdef0");
    expect(old.json.findings.map((f) => f.code)).toContain("credentials.node-role");
  });

  it("trace without --json prints a readable trace", () => {
    const r = sim("trace", path.join(examples, "sub-typo.yaml"));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("6. Check trust policy  [fail]");
    expect(r.stdout).toContain("AccessDenied (HTTP 403): Not authorized to perform sts:AssumeRoleWithWebIdentity");
  });

  it("malformed input: exit 2 and a clear message on stderr, no stack trace", () => {
    const r = sim("trace", path.join(examples, "invalid", "malformed.yaml"), "--json");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("document 1 (Scenario/malformed): spec.webhook.running");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(sim("trace", path.join(examples, "nope.yaml")).status).toBe(2);
    expect(sim("frobnicate", "x").status).toBe(2);
  });

  it("mutate --json prints the Pods after the webhook", () => {
    const r = sim("mutate", path.join(examples, "happy-path.yaml"), "--json");
    expect(r.status).toBe(0);
    const pods = JSON.parse(r.stdout) as { spec: { containers: { env: { name: string; value: string }[] }[]; volumes: { name: string }[] } }[];
    expect(pods).toHaveLength(1);
    expect(pods[0]?.spec.containers[0]?.env.map((e) => e.name)).toEqual(["AWS_STS_REGIONAL_ENDPOINTS", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE"]);
    expect(pods[0]?.spec.volumes[0]?.name).toBe("aws-iam-token");
  });

  it("check DIR prints each file's outcome", () => {
    const r = sim("check", examples);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/SUCCESS\s+happy-path\.yaml/);
    expect(r.stdout).toMatch(/FAILURE\s+sub-typo\.yaml\s+step 6 AccessDenied/);
    const bad = sim("check", path.join(examples, "invalid"));
    expect(bad.status).toBe(2);
    expect(bad.stdout).toContain("INVALID  malformed.yaml");
  });
});
