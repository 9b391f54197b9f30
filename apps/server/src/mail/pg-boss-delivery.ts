import { createPgPool, type Database, type DB, outbox } from "@plinth/db";
import { CompiledQuery, type Transaction } from "kysely";
import PgBoss from "pg-boss";
import type { Logger } from "pino";
import { deliverEmail } from "./deliver.ts";
import type { MailTransport } from "./transport.ts";

const QUEUE = "email-delivery";

export interface PgBossDeliveryOptions {
  connectionString: string;
  db: Database;
  transport: MailTransport;
  logger: Logger;
  /** Seconds between retries (pg-boss doubles it each time with retryBackoff). */
  retryDelaySec?: number;
  pollingIntervalSeconds?: number;
}

/**
 * Email delivery on PostgreSQL through pg-boss. The job is inserted with the caller's transaction (pg-boss's
 * `db` option runs its SQL on our Kysely transaction), so it commits or rolls back together with the outbox row
 * and the change that caused it. pg-boss then owns retries, backoff and handing each job to one worker across
 * every server process.
 */
export async function startPgBossDelivery(opts: PgBossDeliveryOptions) {
  // pg-boss's own pool listens only for pool 'error', and pg-boss keeps no client checked out, but every pool in
  // the process is built the same way (packages/db/src/pg-pool.ts) so none of them is a special case. Job SQL is
  // off the request path: longer bounds than requests, still bounded.
  const pool = createPgPool({
    connectionString: opts.connectionString,
    max: 2,
    applicationName: "plinth-jobs",
    plinthTypes: false,
    timeouts: { connectionTimeoutMillis: 5_000, statementTimeoutMillis: 30_000, queryTimeoutMillis: 35_000 },
    onError: (error) =>
      opts.logger.warn({ err: { message: error.message } }, "job queue connection lost; it reconnects"),
  });
  const boss = new PgBoss({
    db: { executeSql: async (text, values) => ({ rows: (await pool.query(text, values)).rows }) },
  });
  boss.on("error", (error) => opts.logger.error({ err: error }, "pg-boss error"));
  try {
    await boss.start();
  } catch (error) {
    await pool.end();
    throw error;
  }
  await boss.createQueue(QUEUE, {
    name: QUEUE,
    retryLimit: 8,
    retryDelay: opts.retryDelaySec ?? 10,
    retryBackoff: true,
    expireInSeconds: 120,
  });

  // Our own fetch loop instead of `boss.work`: pg-boss 10's worker calls complete()/fail() without awaiting them,
  // so when the database drops between a job and its bookkeeping the rejection is unhandled and ends the process
  // (seen under `pg_ctl stop -m fast`). Here every step is awaited and a failed round is logged and retried.
  const pollMs = (opts.pollingIntervalSeconds ?? 1) * 1_000;
  let stopping = false;
  let wake: (() => void) | undefined;
  const deliverJob = async (job: { id: string; data: { id: string } }) => {
    try {
      const email = await outbox.findOutboxEmail(opts.db, job.data.id);
      if (email && !email.sent_at && !(await deliverEmail(opts.db, opts.transport, email, opts.logger)))
        throw new Error(`delivery of ${email.id} failed`);
      await boss.complete(QUEUE, job.id);
    } catch (error) {
      // fail() schedules the retry with backoff; if the database is down, the job expires and is retried anyway.
      await boss.fail(QUEUE, job.id, { message: error instanceof Error ? error.message : String(error) });
    }
  };
  const loop = (async () => {
    while (!stopping) {
      try {
        const jobs = await boss.fetch<{ id: string }>(QUEUE, { batchSize: 5 });
        for (const job of jobs ?? []) await deliverJob(job);
        if (jobs && jobs.length > 0) continue;
      } catch (error) {
        opts.logger.warn(
          { err: { message: (error as Error).message } },
          "email queue round failed; retrying",
        );
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, pollMs).unref();
      });
    }
  })();

  return {
    /** Services.onEmailQueued: schedule delivery inside the transaction that wrote the outbox row. */
    async onEmailQueued(trx: Transaction<DB>, outboxId: string): Promise<void> {
      const db = {
        executeSql: async (text: string, values: unknown[]) => {
          const result = await trx.executeQuery(CompiledQuery.raw(text, values));
          return { rows: result.rows as unknown[] };
        },
      };
      await boss.send(QUEUE, { id: outboxId }, { db });
    },
    async stop(): Promise<void> {
      stopping = true;
      wake?.();
      await loop;
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
      await pool.end();
      opts.transport.close();
    },
  };
}

export type PgBossDelivery = Awaited<ReturnType<typeof startPgBossDelivery>>;
