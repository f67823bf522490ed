/**
 * Fails when an import points the wrong way (STYLE.md §1: `app/ → lib/ ← server/`):
 * - lib/sim, lib/quiz and lib/contract are pure: no Node I/O, socket.io, Next, React or Prisma;
 * - nothing in lib/ imports from app/ or server/;
 * - only lib/db (and prisma/, scripts/, tests/) import the generated Prisma client.
 * Run by `npm run check` and by tests/unit/architecture.test.ts.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

const PURE = ["lib/sim/", "lib/quiz/", "lib/contract/"];
const FORBIDDEN_IN_PURE = [
  /^node:(fs|net|http|https|child_process|worker_threads|dgram|tls)/,
  /^(fs|net|http|https|child_process)$/,
  /^socket\.io/,
  /^next(\/|$)/,
  /^react(-dom)?(\/|$)/,
  /@prisma\//,
  /generated\/prisma/,
];

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(ts|tsx)$/.test(name)) out.push(path);
  }
  return out;
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^import\s+["']([^"']+)["']/gm;

export function checkArchitecture(root: string): Violation[] {
  const violations: Violation[] = [];
  const files = ["lib", "server", "app"].flatMap((d) => {
    try {
      return walk(join(root, d));
    } catch {
      return [];
    }
  });
  for (const abs of files) {
    const file = relative(root, abs).split(sep).join("/");
    const text = readFileSync(abs, "utf8");
    for (const m of text.matchAll(IMPORT)) {
      const specifier = m[1] ?? m[2] ?? m[3] ?? "";
      const line = text.slice(0, m.index).split("\n").length;
      const add = (rule: string) => violations.push({ file, line, specifier, rule });
      if (PURE.some((p) => file.startsWith(p)) && FORBIDDEN_IN_PURE.some((re) => re.test(specifier))) {
        add("lib/sim, lib/quiz and lib/contract stay pure (no I/O, transport, UI or database imports)");
      }
      if (file.startsWith("lib/") && /^(@\/)?(app|server)\//.test(specifier)) {
        add("lib/ never imports from app/ or server/");
      }
      if (!file.startsWith("lib/db/") && /generated\/prisma|@prisma\/client/.test(specifier)) {
        add("only lib/db imports the Prisma client");
      }
    }
  }
  return violations;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split(sep).pop() ?? "")) {
  const violations = checkArchitecture(process.cwd());
  for (const v of violations) console.error(`${v.file}:${v.line}  imports "${v.specifier}" — ${v.rule}`);
  if (violations.length > 0) process.exit(1);
  console.log("architecture: imports point the right way");
}
