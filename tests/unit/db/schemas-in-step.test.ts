import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * prisma/postgres/schema.prisma is the PostgreSQL twin of prisma/schema.prisma: the models must stay the same,
 * only the header comment, the generator's output and the datasource's provider differ.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

function models(file: string): string {
  const text = readFileSync(path.join(root, file), "utf8");
  const start = text.indexOf("model ");
  return text.slice(start).trim();
}

describe("the SQLite and PostgreSQL schemas", () => {
  it("declare the same models", () => {
    expect(models("prisma/postgres/schema.prisma")).toBe(models("prisma/schema.prisma"));
  });

  it("differ only in the provider and where the client is generated", () => {
    const pg = readFileSync(path.join(root, "prisma/postgres/schema.prisma"), "utf8");
    expect(pg).toContain('provider = "postgresql"');
    expect(pg).toContain('output   = "../../generated/prisma-pg"');
  });
});
