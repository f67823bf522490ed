/**
 * Prisma migrations through the WebAssembly schema engine (the native one cannot be downloaded here).
 *
 *   tsx scripts/db-migrate.ts deploy        = prisma migrate deploy   (npm run db:migrate)
 *   tsx scripts/db-migrate.ts dev [name]    = prisma migrate dev --name <name>   (npm run db:migrate:dev -- name)
 *
 * The database is DATABASE_URL (default file:<DATA_DIR>/irsa-classroom.db, DATA_DIR default ./data).
 */
import { loadConfig } from "../lib/config";
import { createMigration, migrateDatabase } from "../lib/db/migrate";

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
      if (result.created) console.log(`db:migrate:dev: created prisma/migrations/${result.created}/migration.sql`);
      else console.log("db:migrate:dev: the schema matches the migrations; nothing to create");
      if (result.applied.length) console.log(`db:migrate:dev: applied ${result.applied.join(", ")} to ${url}`);
      return;
    }
    default:
      throw new Error(`unknown command "${command}" (expected "deploy" or "dev [name]")`);
  }
}

main().catch((error: unknown) => {
  console.error(`db-migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
