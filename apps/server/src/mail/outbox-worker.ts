import { type Database, outbox } from "@plinth/db";
import type { Logger } from "pino";
import { startPollLoop } from "../workers/poll-loop.ts";
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
  const batchSize = opts.batchSize ?? 20;
  const maxAttempts = opts.maxAttempts ?? 8;
  const leaseMs = 60_000;
  const loop = startPollLoop({
    batchSize,
    pollIntervalMs: opts.pollIntervalMs ?? 2_000,
    logger: opts.logger,
    failure: "outbox pass failed",
    batch: async () => {
      const due = await outbox.claimDueEmails(opts.db, {
        limit: batchSize,
        now: new Date(),
        leaseMs,
        maxAttempts,
      });
      for (const email of due) await deliverEmail(opts.db, opts.transport, email, opts.logger);
      return due.length;
    },
  });

  return {
    nudge: loop.nudge,
    /** Stops polling, waits for the pass in progress, and closes the transport. */
    async stop(): Promise<void> {
      await loop.stop();
      opts.transport.close();
    },
  };
}

export type OutboxWorker = ReturnType<typeof startOutboxWorker>;
