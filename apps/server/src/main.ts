import { scheduleIdempotencyPrune } from "@plinth/api";
import {
  createDatabase,
  type Database,
  DataDirLockedError,
  DEMO_PASSWORD,
  MIGRATION_TIMEOUTS,
  migrateToLatest,
  seed,
  sessions,
} from "@plinth/db";
import { configuredVariables, readEnv, type ServerEnv } from "./env.ts";
import { type JobWorker, startJobWorker } from "./jobs/job-worker.ts";
import { createLogger } from "./logger.ts";
import { devMailboxTransport, smtpTransport } from "./mail/transport.ts";
import { startServer } from "./server.ts";
import { createServices } from "./services.ts";

let env: ServerEnv;
try {
  env = readEnv();
} catch (error) {
  // Before a logger exists: one readable message that names the variable, and a non-zero exit.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const logger = createLogger({ level: env.LOG_LEVEL, pretty: env.NODE_ENV === "development" });
// Start-up has a deadline, so a dependency that never answers is one fatal line rather than a silent hang. The
// timer also holds the event loop open for the whole start-up: a top-level await on work that holds no handle
// would otherwise end the process with exit code 13 and no message.
const STARTUP_DEADLINE_MS = 180_000;
const startupDeadline = setTimeout(() => {
  logger.fatal({ deadlineMs: STARTUP_DEADLINE_MS }, "start-up did not finish in time");
  process.exit(1);
}, STARTUP_DEADLINE_MS);
const embedded = env.DATABASE_URL === undefined;
let db: Database;
try {
  db = createDatabase({
    connectionString: env.DATABASE_URL,
    dataDir: env.PGLITE_DATA_DIR,
    // The request-path bounds are for a server across a network; in-process PGlite keeps its own (its WASM start
    // alone can take longer than a connect timeout meant for a socket).
    pool: embedded
      ? { max: env.DB_POOL_MAX }
      : {
          max: env.DB_POOL_MAX,
          connectionTimeoutMillis: env.DB_CONNECT_TIMEOUT_MS,
          statementTimeoutMillis: env.DB_STATEMENT_TIMEOUT_MS,
          queryTimeoutMillis: env.DB_QUERY_TIMEOUT_MS,
        },
    onPoolError: (err) =>
      logger.warn(
        { err: { message: err.message } },
        "database connection lost; the pool reconnects on next use",
      ),
  });
} catch (error) {
  // Another process holds the embedded data directory: say which, in one line, without a stack.
  if (!(error instanceof DataDirLockedError)) throw error;
  console.error(error.message);
  process.exit(1);
}

async function startupFailed(component: string, error: unknown): Promise<never> {
  logger.fatal({ err: error }, `start-up failed: ${component}`);
  await db.destroy().catch(() => {});
  process.exit(1);
}

/** Migrations get their own short-lived handle without the request timeouts (PGlite: one process, one handle). */
async function migrate(): Promise<string[]> {
  if (embedded) return migrateToLatest(db);
  const migrationDb = createDatabase({
    connectionString: env.DATABASE_URL,
    pool: { max: 1, ...MIGRATION_TIMEOUTS },
    onPoolError: (err) => logger.warn({ err: { message: err.message } }, "migration connection lost"),
  });
  try {
    return await migrateToLatest(migrationDb);
  } finally {
    await migrationDb.destroy();
  }
}
logger.info({ set: configuredVariables() }, "configuration");
logger.info({ database: embedded ? `pglite:${env.PGLITE_DATA_DIR}` : "postgres" }, "database configured");

try {
  if (env.MIGRATE_ON_START) {
    const applied = await migrate();
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
} catch (error) {
  logger.fatal({ err: error }, "start-up failed");
  await db.destroy().catch(() => {});
  process.exit(1);
}

// A rate-limit store that cannot be reached does not stop start-up: Redis reconnects in the background and
// /readyz says 503 until it answers (ADR 010). Anything else that fails here is one fatal line, not a stack.
let storeWarnedAt = 0;
const transport = env.SMTP_URL ? smtpTransport(env.SMTP_URL, env.MAIL_FROM) : devMailboxTransport(logger);
// One queue for all deferred work, mail included (ADR 011): the jobs table, on both engines, run here and nudged
// when a request queues a job outside a transaction. Mail is queued inside transactions, so it waits for a poll.
let jobWorker: JobWorker | undefined;
const services = await createServices(env, {
  mailer: transport,
  onJobQueued: () => void jobWorker?.nudge(),
  onStoreError: (err) => {
    // Redis reports every reconnect attempt; once a minute is enough for the log.
    if (Date.now() - storeWarnedAt < 60_000) return;
    storeWarnedAt = Date.now();
    logger.warn({ err: { message: err.message } }, "rate-limit store unreachable; retrying");
  },
}).catch((error: unknown) => startupFailed("rate-limit store", error));
const jobs = startJobWorker({
  db,
  services,
  logger: logger.child({ component: "jobs" }),
  pollIntervalMs: 1_000,
});
jobWorker = jobs;
logger.info(
  { transport: transport.name, queue: "jobs table", rateLimitStore: env.RATE_LIMIT_STORE },
  "services ready",
);

// Sessions are deleted when presented after expiry; this sweeps the ones nobody presents again.
const sweepSessions = () =>
  sessions.deleteExpiredSessions(db, new Date()).then(
    (ended) => ended > 0 && logger.info({ ended }, "expired sessions removed"),
    (error: unknown) => logger.warn({ err: error }, "expired-session sweep failed"),
  );
const sweeper = setInterval(sweepSessions, 60 * 60_000);
sweeper.unref();
// Idempotency keys expire after 24 h (ADR 018): the prune is a job that re-queues itself hourly; this starts the
// chain (or finds it already queued). Without the schema yet (MIGRATE_ON_START off) the next start does it.
scheduleIdempotencyPrune(db, new Date()).catch((error: unknown) =>
  logger.warn({ err: error }, "could not queue the idempotency-key prune"),
);

const server = await startServer({
  db,
  logger,
  services,
  trustedProxies: env.TRUSTED_PROXIES,
  beforeDatabaseClose: async () => {
    clearInterval(sweeper);
    // The pass in progress finishes (an email being sent included) before the transport closes.
    await jobs.stop();
    transport.close();
    await services.rateLimiter.close();
  },
  port: env.PORT,
  host: env.HOST,
  webOrigins: env.WEB_ORIGIN,
  maxBodyBytes: env.BODY_LIMIT_BYTES,
  maxBatchSize: env.MAX_BATCH_SIZE,
  shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
});
clearTimeout(startupDeadline);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    logger.info({ signal }, "signal received");
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  });
}
