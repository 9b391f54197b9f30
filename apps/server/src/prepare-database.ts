import {
  createDatabase,
  type Database,
  DEMO_PASSWORD,
  MIGRATION_TIMEOUTS,
  migrateToLatest,
  seed,
} from "@plinth/db";
import type { ServerEnv } from "./env.ts";
import type { Logger } from "./logger.ts";

/**
 * Start-up's database work, done once per start: by the only process, or by a cluster's primary before it forks
 * (ADR 022), so workers never race each other through the migrator. Throws; the caller logs one fatal line.
 */
export async function prepareDatabase(env: ServerEnv, logger: Logger, db: Database): Promise<void> {
  if (env.MIGRATE_ON_START) {
    const applied = await migrate(env, logger, db);
    logger.info({ applied }, applied.length ? "migrations applied" : "schema is current");
  } else {
    logger.info(
      "MIGRATE_ON_START is off: run `pnpm db migrate latest` before traffic; /readyz says 503 until then",
    );
  }
  if (env.SEED_DEMO_DATA) {
    const written = await seed(db);
    logger.info(
      written,
      `demo data seeded: ada@example.com (admin; owner of "Acme"), grace@ (Acme admin), edsger@ (Acme member) ` +
        `and the others sign in with "${DEMO_PASSWORD}"`,
    );
  }
}

/** Migrations get their own short-lived handle without the request timeouts (PGlite: one process, one handle). */
async function migrate(env: ServerEnv, logger: Logger, db: Database): Promise<string[]> {
  if (env.DATABASE_URL === undefined) return migrateToLatest(db);
  const migrationDb = createDatabase({
    connectionString: env.DATABASE_URL,
    namedStatements: env.DB_NAMED_STATEMENTS,
    pool: { max: 1, ...MIGRATION_TIMEOUTS },
    onPoolError: (err) => logger.warn({ err: { message: err.message } }, "migration connection lost"),
  });
  try {
    return await migrateToLatest(migrationDb);
  } finally {
    await migrationDb.destroy();
  }
}
