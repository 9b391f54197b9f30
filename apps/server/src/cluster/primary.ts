import cluster, { type Worker } from "node:cluster";
import { createClusterCounterPrimary } from "@plinth/auth";
import { createDatabase } from "@plinth/db";
import { configuredVariables, type ServerEnv } from "../env.ts";
import { createLogger } from "../logger.ts";
import { prepareDatabase } from "../prepare-database.ts";
import { LOCAL_RATE_LIMIT_RULES, rateLimitRules } from "../services.ts";

/** A replacement waits this long after a crash, doubling per crash in a row up to the cap. */
const RESTART_BACKOFF_MS = { first: 500, max: 30_000 };
/** A worker that served this long before it died starts its replacement's backoff afresh. */
const STABLE_AFTER_MS = 60_000;

/**
 * The cluster primary (WEB_CONCURRENCY > 1, ADR 022). It serves no request: it migrates once, forks the workers
 * (which share the port, node's round-robin handing each new connection to the next), counts the flood limits
 * for all of them, replaces a worker that dies, and on SIGTERM / SIGINT has each drain and exits when all have.
 *
 * A worker that fails before the first time all of them listened is a start-up failure (bad configuration, a
 * database that refuses): the whole cluster stops with one fatal line instead of restarting it forever.
 */
export async function runPrimary(env: ServerEnv): Promise<void> {
  const logger = createLogger({ level: env.LOG_LEVEL, pretty: env.NODE_ENV === "development" });
  logger.info({ set: configuredVariables() }, "configuration");
  logger.info({ workers: env.WEB_CONCURRENCY, database: "postgres" }, "cluster primary starting");

  const db = createDatabase({
    connectionString: env.DATABASE_URL,
    namedStatements: env.DB_NAMED_STATEMENTS,
    pool: { max: 1, connectionTimeoutMillis: env.DB_CONNECT_TIMEOUT_MS },
    onPoolError: (err) => logger.warn({ err: { message: err.message } }, "database connection lost"),
  });
  try {
    await prepareDatabase(env, logger, db);
  } catch (error) {
    logger.fatal({ err: error }, "start-up failed: database");
    await db.destroy().catch(() => {});
    process.exit(1);
  }
  await db.destroy();

  // One count of the flood limits for every worker: without it N workers would allow N × the limit.
  const rules = rateLimitRules(env);
  const counter = createClusterCounterPrimary(
    Object.fromEntries(LOCAL_RATE_LIMIT_RULES.map((name) => [name, rules[name]])),
  );
  cluster.on("message", (worker: Worker, message: unknown) => {
    counter.handle(message, (answer) => {
      // A worker that died since it asked has no channel; its callers are gone with it.
      if (worker.isConnected()) worker.send(answer, undefined, {}, () => {});
    });
  });

  let stopping = false;
  let allListening = false;
  let crashesInARow = 0;
  const startedAt = new Map<number, number>();
  const restarts = new Set<NodeJS.Timeout>();
  let worstExit = 0;

  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
  };
  const live = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);

  const listening = new Set<number>();
  cluster.on("listening", (worker, address) => {
    logger.info({ workerPid: worker.process.pid, port: address.port }, "worker listening");
    listening.add(worker.id);
    if (!allListening && listening.size >= env.WEB_CONCURRENCY) {
      allListening = true;
      logger.info({ workers: env.WEB_CONCURRENCY, port: address.port }, "cluster ready");
    }
  });

  cluster.on("exit", (worker, code, signal) => {
    const ranMs = Date.now() - (startedAt.get(worker.id) ?? Date.now());
    startedAt.delete(worker.id);
    if (stopping) {
      // The exit code says whether every worker drained cleanly.
      if (code !== 0) worstExit = 1;
      if (live().length === 0) finish();
      return;
    }
    const exit = { workerPid: worker.process.pid, code, signal };
    if (!allListening) {
      logger.fatal(exit, "start-up failed: a worker exited before the cluster was ready; stopping");
      worstExit = 1;
      stop();
      return;
    }
    crashesInARow = ranMs >= STABLE_AFTER_MS ? 1 : crashesInARow + 1;
    const delayMs = Math.min(RESTART_BACKOFF_MS.max, RESTART_BACKOFF_MS.first * 2 ** (crashesInARow - 1));
    logger.error({ ...exit, ranMs, restartInMs: delayMs }, "worker exited unexpectedly; restarting it");
    const timer = setTimeout(() => {
      restarts.delete(timer);
      if (!stopping) fork();
    }, delayMs);
    restarts.add(timer);
  });

  let forceTimer: NodeJS.Timeout | undefined;
  const finish = () => {
    clearTimeout(forceTimer);
    logger.info({ exitCode: worstExit }, "shutdown complete");
    process.exit(worstExit);
  };
  // Each worker drains its own requests (up to SHUTDOWN_TIMEOUT_MS) and exits; the primary waits for them all.
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const timer of restarts) clearTimeout(timer);
    const workers = live();
    if (workers.length === 0) return finish();
    // Always SIGTERM: a terminal's Ctrl-C has already sent SIGINT to every worker, which each handles once.
    for (const worker of workers) worker.process.kill("SIGTERM");
    forceTimer = setTimeout(() => {
      logger.error("workers did not stop in time; killing them");
      for (const worker of live()) worker.process.kill("SIGKILL");
      worstExit = 1;
    }, env.SHUTDOWN_TIMEOUT_MS + 15_000);
    forceTimer.unref();
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      logger.info({ signal }, "signal received");
      stop();
    });
  }

  for (let i = 0; i < env.WEB_CONCURRENCY; i++) fork();
}
