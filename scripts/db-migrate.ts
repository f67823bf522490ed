/**
 * Prisma migrations through the WebAssembly schema engine (the native one cannot be downloaded here).
 *
 *   tsx scripts/db-migrate.ts deploy        = prisma migrate deploy   (npm run db:migrate)
 *   tsx scripts/db-migrate.ts dev [name]    = prisma migrate dev --name <name>   (npm run db:migrate:dev -- name)
 *
 * The database is DATABASE_URL (default file:<DATA_DIR>/irsa-classroom.db, DATA_DIR default ./data). A
 * postgresql:// URL uses prisma/postgres/schema.prisma and prisma/postgres/migrations instead.
 */
import { loadConfig } from "../lib/config";
import path from "node:path";
import { createMigration, migrateDatabase, migratePathsFor } from "../lib/db/migrate";

async function main(): Promise<void> {
  const [command = "deploy", name] = process.argv.slice(2);
  // The same validated configuration as the server: one definition of the default database path.
  const url = loadConfig().databaseUrl;
  switch (command) {
    case "deploy": {
      const applied = await migrateDatabase(url);
      console.log(
        applied.length
          ? `db:migrate: applied ${applied.length} migration(s) to ${url}: ${applied.join(", ")}`
          : `db:migrate: ${url} is up to date`,
      );
      return;
    }
    case "dev": {
      const result = await createMigration(url, name ?? "migration");
      const dir = path.relative(process.cwd(), migratePathsFor(url).migrationsDir);
      if (result.created) console.log(`db:migrate:dev: created ${dir}/${result.created}/migration.sql`);
      else console.log("db:migrate:dev: the schema matches the migrations; nothing to create");
      if (result.applied.length) console.log(`db:migrate:dev: applied ${result.applied.join(", ")} to ${url}`);
      return;
    }
    default:
      throw new Error(`unknown command "${command}" (expected "deploy" or "dev [name]")`);
  }
}

// The WebAssembly engine leaves a 10 s timer behind on PostgreSQL (its advisory-lock wait): exit when done.
main().then(() => process.exit(0), (error: unknown) => {
  console.error(`db-migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
