import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Nicknames and scenario text never render as HTML (issue 6): React escapes every string it renders as a child
 * or an attribute, so the only ways text can become markup are the APIs below. None may appear in the code that
 * builds pages (app/) or what it renders (lib/). tests/e2e/security.spec.ts shows hostile nicknames rendering as
 * text in the browser; this keeps every other string — authored scenario text included — on the same path.
 */

const RAW_HTML = [
  /dangerouslySetInnerHTML/,
  /\.(inner|outer)HTML\s*=/,
  /insertAdjacentHTML/,
  /createContextualFragment/,
  /document\.write(ln)?\s*\(/,
  /\bsrcDoc\b|\bsrcdoc\b/,
  /new\s+DOMParser/,
  /\.setHTMLUnsafe|\.parseHTMLUnsafe/,
];

function sources(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => /\.(ts|tsx|js|jsx|mjs)$/.test(f))
    .map((f) => join(dir, f));
}

describe("no raw HTML in app/ or lib/", () => {
  it("no file renders a string as markup", () => {
    const files = [...sources("app"), ...sources("lib"), "proxy.ts", "instrumentation-client.ts"];
    expect(files.length).toBeGreaterThan(50);
    const hits: string[] = [];
    for (const file of files) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          for (const pattern of RAW_HTML) if (pattern.test(line)) hits.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(hits).toEqual([]);
  });

  it("the patterns catch what they are for", () => {
    const samples = ["<p dangerouslySetInnerHTML={{ __html: nickname }} />", "el.innerHTML = text", "el.insertAdjacentHTML('beforeend', t)", "<iframe srcDoc={t} />"];
    for (const sample of samples) expect(RAW_HTML.some((p) => p.test(sample)), sample).toBe(true);
  });
});
