import { scheduleIdempotencyPrune, scheduleRetentionPrune } from "@plinth/api";
import type { ClusterChannel } from "@plinth/auth";
import { createDatabase, type Database, DataDirLockedError } from "@plinth/db";
import { configuredVariables, type ServerEnv } from "./env.ts";
import { type JobWorker, startJobWorker } from "./jobs/job-worker.ts";
import { createLogger } from "./logger.ts";
import { devMailboxTransport, smtpTransport } from "./mail/transport.ts";
import { prepareDatabase } from "./prepare-database.ts";
import { startServer } from "./server.ts";
import { createServices } from "./services.ts";

/**
 * One server process: the whole server when WEB_CONCURRENCY is 1, or one worker of a cluster (ADR 022). A worker
 * leaves migrations and seeding to its primary, counts the flood limits through it, and drains and exits when
 * the primary asks (SIGTERM).
 */
export async function serve(env: ServerEnv, opts: { clusterWorker: boolean }): Promise<void> {
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
      namedStatements: env.DB_NAMED_STATEMENTS,
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

  if (opts.clusterWorker) {
    logger.info({ database: "postgres" }, "cluster worker starting");
  } else {
    logger.info({ set: configuredVariables() }, "configuration");
    logger.info({ database: embedded ? `pglite:${env.PGLITE_DATA_DIR}` : "postgres" }, "database configured");
    await prepareDatabase(env, logger, db).catch((error: unknown) => startupFailed("database", error));
  }

  // A rate-limit store that cannot be reached does not stop start-up: Redis reconnects in the background and
  // /readyz says 503 until it answers (ADR 010). Anything else that fails here is one fatal line, not a stack.
  let storeWarnedAt = 0;
  const transport = env.SMTP_URL ? smtpTransport(env.SMTP_URL, env.MAIL_FROM) : devMailboxTransport(logger);
  // One queue for all deferred work, mail included (ADR 011): the jobs table, on both engines, run here and nudged
  // when a request queues a job outside a transaction. Mail is queued inside transactions, so it waits for a poll.
  // Every worker of a cluster runs one; claims are leases taken with FOR UPDATE SKIP LOCKED.
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
    ...(opts.clusterWorker ? { clusterChannel: primaryChannel() } : {}),
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

  // Idempotency keys expire after 24 h (ADR 018): the prune is a job that re-queues itself hourly; this starts the
  // chain (or finds it already queued, under a lock, so a cluster's workers start one chain between them).
  // Without the schema yet (MIGRATE_ON_START off) the next start does it.
  scheduleIdempotencyPrune(db, new Date()).catch((error: unknown) =>
    logger.warn({ err: error }, "could not queue the idempotency-key prune"),
  );
  // Finished jobs, sent emails, expired sessions, tokens and invitations, and long-ended API keys go after their
  // retention (ADR 034), by the same kind of hourly chain: one for the cluster, by index, in batches.
  scheduleRetentionPrune(db, new Date()).catch((error: unknown) =>
    logger.warn({ err: error }, "could not queue the retention prune"),
  );

  const server = await startServer({
    db,
    logger,
    services,
    trustedProxies: env.TRUSTED_PROXIES,
    beforeDatabaseClose: async () => {
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
    // A port already taken (EADDRINUSE) is a start-up failure like any other: one fatal line, not a stack.
  }).catch((error: unknown) => startupFailed("listen", error));
  clearTimeout(startupDeadline);

  const shutdown = (reason: { signal: string }) => {
    logger.info(reason, "signal received");
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  // A cluster worker gets SIGTERM from its primary. If the primary dies outright, node's cluster module ends the
  // worker at once (its channel closes), so no orphan keeps the port.
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => shutdown({ signal }));
}

/** The IPC channel to the cluster primary, for the flood-limit counter. */
function primaryChannel(): ClusterChannel {
  return {
    send(message, done) {
      if (!process.send || !process.connected) return done(new Error("no channel to the cluster primary"));
      process.send(message, undefined, {}, (error) => done(error ?? null));
    },
    onMessage(listener) {
      process.on("message", listener);
      return () => process.off("message", listener);
    },
  };
}
