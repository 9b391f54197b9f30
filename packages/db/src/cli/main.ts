import { fileURLToPath } from "node:url";
import { createDatabase } from "../create-database.ts";
import { readDbEnv } from "../env.ts";
import { migrateDown, migrateToLatest, migrateUp, migrationStatus } from "../migrator.ts";
import { MIGRATION_TIMEOUTS } from "../pg-pool.ts";
import { DEMO_PASSWORD, seed } from "../seed.ts";
import { createMigration, MigrationNameError } from "./create-migration.ts";

const usage = `usage: pnpm db <command>

  migrate latest   apply every pending migration
  migrate up       apply the next pending migration
  migrate down     undo the most recent migration
  migrate status   list migrations and when each ran
  migrate create <name>
                   write src/migrations/<timestamp>_<name>.ts and register it
  seed             insert demo data (idempotent; NODE_ENV=development only)

Uses DATABASE_URL when set, else the embedded database in PGLITE_DATA_DIR
(default: .data/pglite at the workspace root). Stop the dev server before
using the embedded database here: PGlite allows one process at a time.`;

async function main(args: string[]): Promise<number> {
  if (args[0] === "migrate" && args[1] === "create") {
    if (args.length !== 3 || !args[2]) {
      console.error("usage: pnpm db migrate create <name>   (snake_case, e.g. add_projects)");
      return 2;
    }
    try {
      const created = createMigration(fileURLToPath(new URL("../migrations/", import.meta.url)), args[2]);
      console.log(`created ${created.file}\nregistered ${created.key} in src/migrations/index.ts`);
      return 0;
    } catch (error) {
      if (error instanceof MigrationNameError) {
        console.error(error.message);
        return 2;
      }
      throw error;
    }
  }
  const command = args.join(" ");
  const known = ["migrate latest", "migrate up", "migrate down", "migrate status", "seed"];
  if (!known.includes(command)) {
    console.error(usage);
    return args.length === 0 || args[0] === "help" ? 0 : 2;
  }

  const env = readDbEnv();
  if (command === "seed" && env.NODE_ENV !== "development") {
    // The demo admin's password is in the README: never create it where NODE_ENV does not say development.
    console.error(
      "pnpm db seed: refused, demo accounts have a published password; run NODE_ENV=development pnpm db seed",
    );
    return 1;
  }
  const target = env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `PGlite at ${env.PGLITE_DATA_DIR}`;
  const db = createDatabase({
    connectionString: env.DATABASE_URL,
    dataDir: env.PGLITE_DATA_DIR,
    // Migrations may run long: no statement or query timeout on PostgreSQL, only a bounded connect. PGlite keeps
    // its own pool settings (its WASM start can outlast a connect timeout meant for a socket).
    pool: env.DATABASE_URL ? { max: 1, ...MIGRATION_TIMEOUTS } : { max: 1 },
    onPoolError: (error) => console.error(`database connection lost: ${error.message}`),
  });
  console.log(`database: ${target}`);
  try {
    switch (command) {
      case "migrate latest":
      case "migrate up":
      case "migrate down": {
        const run = {
          "migrate latest": migrateToLatest,
          "migrate up": migrateUp,
          "migrate down": migrateDown,
        }[command];
        const names = await run(db);
        const verb = command === "migrate down" ? "reverted" : "applied";
        console.log(names.length ? names.map((n) => `${verb} ${n}`).join("\n") : "nothing to do");
        break;
      }
      case "migrate status":
        for (const m of await migrationStatus(db)) {
          console.log(`${m.executedAt ? m.executedAt.toISOString() : "pending                 "}  ${m.name}`);
        }
        break;
      case "seed": {
        await migrateToLatest(db);
        const seeded = await seed(db);
        console.log(
          `seeded ${seeded.accounts} demo accounts and ${seeded.tasks} demo tasks in "Acme"; ada (owner), ` +
            `grace (admin), edsger (member) and the others @example.com sign in with "${DEMO_PASSWORD}"`,
        );
        break;
      }
    }
    return 0;
  } finally {
    await db.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      error instanceof Error
        ? `${error.message}${error.cause ? `\n  cause: ${String(error.cause)}` : ""}`
        : error,
    );
    process.exit(1);
  },
);
