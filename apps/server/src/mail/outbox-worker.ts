import { type Database, outbox } from "@plinth/db";
import type { Logger } from "pino";
import { deliverEmail } from "./deliver.ts";
import type { MailTransport } from "./transport.ts";

export interface OutboxWorkerOptions {
  db: Database;
  transport: MailTransport;
  logger: Logger;
  /** How often to look for due emails when nothing nudged the worker. */
  pollIntervalMs?: number;
  batchSize?: number;
  maxAttempts?: number;
}

/**
 * Delivers the outbox. Claims due rows with a lease (FOR UPDATE SKIP LOCKED, so several server processes share
 * the work without sending twice), sends each, and marks it sent or schedules a retry with exponential backoff.
 * `nudge()` runs a pass at once, so a just-committed email does not wait for the next poll.
 */
export function startOutboxWorker(opts: OutboxWorkerOptions) {
  const pollIntervalMs = opts.pollIntervalMs ?? 2_000;
  const batchSize = opts.batchSize ?? 20;
  const maxAttempts = opts.maxAttempts ?? 8;
  const leaseMs = 60_000;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  async function pass(): Promise<void> {
    do {
      again = false;
      const due = await outbox.claimDueEmails(opts.db, {
        limit: batchSize,
        now: new Date(),
        leaseMs,
        maxAttempts,
      });
      for (const email of due) await deliverEmail(opts.db, opts.transport, email, opts.logger);
      if (due.length === batchSize) again = true;
    } while (again && !stopped);
  }

  function run(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = pass()
      .catch((error: unknown) => opts.logger.error({ err: error }, "outbox pass failed"))
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  const timer = setInterval(() => void run(), pollIntervalMs);
  timer.unref();
  void run();

  return {
    nudge: run,
    /** Stops polling and waits for the pass in progress. */
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      await running;
      opts.transport.close();
    },
  };
}

export type OutboxWorker = ReturnType<typeof startOutboxWorker>;
