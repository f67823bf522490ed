/**
 * CLI for the IRSA simulator (thin: reads files, calls lib/sim, prints).
 *   npm run sim -- trace FILE [--json]   run the nine steps
 *   npm run sim -- mutate FILE [--json]  the file's Pods after the webhook
 *   npm run sim -- check DIR             validate and run every .yaml in DIR
 * Exit 0 when the command ran (whatever the flow's outcome), 2 for unusable input.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { formatScenarioErrors, mutatePod, parseScenario, toTraceSummary, traceFlow, type FlowTrace, type Scenario } from "../lib/sim/index";

const USAGE = "usage: npm run sim -- trace FILE [--json] | mutate FILE [--json] | check DIR";

class UsageError extends Error {}

function load(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const r = parseScenario(text, file);
  if (!r.ok) throw new UsageError(`${file} is not a usable scenario:\n${formatScenarioErrors(r.errors, file)}`);
  return r.scenario;
}

const ICON: Record<string, string> = { ok: "✔", fail: "✘", skipped: "·", warn: "!" };

function printTrace(t: FlowTrace): void {
  const out: string[] = [`Scenario: ${t.scenario}`, ""];
  for (const s of t.steps) {
    out.push(`${ICON[s.status] ?? "?"} ${s.n}. ${s.title}  [${s.status}]`);
    if (!/^Skipped: step \d+ failed\.$/.test(s.explanation)) out.push(`     ${s.explanation}`);
    if (s.error) out.push(`     ${s.error.code}${s.error.httpStatus !== null ? ` (HTTP ${s.error.httpStatus})` : ""}: ${s.error.message}`);
  }
  out.push("");
  out.push(`Outcome: ${t.outcome.toUpperCase()}${t.failedStep !== null ? ` at step ${t.failedStep}` : ""}`);
  out.push(`Identity: ${t.identity ?? "(none)"}`);
  if (t.findings.length > 0) {
    out.push("Findings:");
    for (const f of t.findings) out.push(`  [${f.severity}] ${f.code}: ${f.message}`);
  }
  console.log(out.join("\n"));
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  const [command, target] = argv.filter((a) => a !== "--json");
  if (!command || !target) throw new UsageError(USAGE);
  switch (command) {
    case "trace": {
      const sc = load(target);
      const t = await traceFlow(sc.world, { scenario: sc.name });
      if (json) process.stdout.write(`${JSON.stringify(toTraceSummary(t))}\n`);
      else printTrace(t);
      return 0;
    }
    case "mutate": {
      const sc = load(target);
      const pods = sc.pods.length > 0 ? sc.pods : [sc.world.kubernetes.pod];
      const mutated = pods.map((pod) => {
        const ns = pod.metadata.namespace ?? "default";
        const saName = pod.spec.serviceAccountName ?? "default";
        const sa = sc.world.kubernetes.serviceAccounts.find((s) => s.metadata.name === saName && (s.metadata.namespace ?? ns) === ns);
        return mutatePod({ pod, serviceAccount: sa, settings: sc.world.webhook }).pod;
      });
      process.stdout.write(json ? `${JSON.stringify(mutated, null, 2)}\n` : mutated.map((p) => stringify(p)).join("---\n"));
      return 0;
    }
    case "check": {
      let files: string[];
      try {
        if (!statSync(target).isDirectory()) throw new UsageError(`${target} is not a directory`);
        files = readdirSync(target).filter((f) => /\.ya?ml$/.test(f)).sort();
      } catch (e) {
        if (e instanceof UsageError) throw e;
        throw new UsageError(`cannot read directory ${target}`);
      }
      let invalid = 0;
      for (const f of files) {
        const file = path.join(target, f);
        const r = parseScenario(readFileSync(file, "utf8"), file);
        if (!r.ok) {
          invalid++;
          console.log(`INVALID  ${f}\n${formatScenarioErrors(r.errors, f).replace(/^/gm, "         ")}`);
          continue;
        }
        const t = await traceFlow(r.scenario.world, { scenario: r.scenario.name });
        const crit = t.findings.filter((x) => x.severity === "critical").map((x) => x.code);
        console.log(`${t.outcome === "success" ? "SUCCESS" : "FAILURE"}  ${f}  ${t.failedStep !== null ? `step ${t.failedStep} ${t.error?.code}: ${t.error?.message}` : `as ${t.identity}`}${crit.length ? `  [critical: ${crit.join(", ")}]` : ""}`);
      }
      console.log(`${files.length} file(s), ${invalid} invalid`);
      if (invalid > 0) console.error(`${invalid} scenario file(s) in ${target} are not usable`);
      return invalid > 0 ? 2 : 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) console.error(e.message);
    else console.error(`internal error: ${(e as Error).message}`);
    process.exit(2);
  },
);
