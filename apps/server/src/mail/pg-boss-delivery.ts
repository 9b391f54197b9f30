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

  await boss.work<{ id: string }>(
    QUEUE,
    { batchSize: 5, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1 },
    async (jobs) => {
      for (const job of jobs) {
        const email = await outbox.findOutboxEmail(opts.db, job.data.id);
        if (!email || email.sent_at) continue;
        // Throwing fails the job, and pg-boss retries it with backoff.
        if (!(await deliverEmail(opts.db, opts.transport, email, opts.logger)))
          throw new Error(`delivery of ${email.id} failed`);
      }
    },
  );

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
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
      await pool.end();
      opts.transport.close();
    },
  };
}

export type PgBossDelivery = Awaited<ReturnType<typeof startPgBossDelivery>>;
