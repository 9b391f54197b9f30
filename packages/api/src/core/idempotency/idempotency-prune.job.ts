import { type Database, type Executor, idempotencyKeys, jobs } from "@plinth/db";
import { z } from "zod";
import { defineJob } from "../jobs/define-job.ts";

/** How long an answer is kept for replay (issue 8): a client retrying later than this is making a new request. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60_000;
/** How often the prune runs; a row lives at most retention + this. */
export const IDEMPOTENCY_PRUNE_EVERY_MS = 60 * 60_000;
const JOB_NAME = "idempotency_prune";

/**
 * Deletes the rows claimed more than 24 h before `now`, `batchSize` at a time (each batch its own short
 * statement, oldest first) until a batch comes back short or `maxBatches` ran; the next run takes the rest.
 */
export async function pruneIdempotencyKeys(
  db: Executor,
  opts: { now: Date; batchSize?: number; maxBatches?: number },
): Promise<number> {
  const olderThan = new Date(opts.now.getTime() - IDEMPOTENCY_RETENTION_MS);
  const limit = opts.batchSize ?? 1_000;
  let removed = 0;
  for (let batch = 0; batch < (opts.maxBatches ?? 100); batch++) {
    const n = await idempotencyKeys.pruneIdempotencyKeys(db, { olderThan, limit });
    removed += n;
    if (n < limit) break;
  }
  return removed;
}

/**
 * Queues a prune now unless one is queued already: every server process calls it at start. The check and the
 * insert hold one lock across processes, so N processes starting at once (ADR 022) start one chain, not N.
 */
export async function scheduleIdempotencyPrune(db: Database, now: Date): Promise<void> {
  await jobs.enqueueJobUnlessQueued(db, { name: JOB_NAME, payload: {}, runAt: now });
}

/**
 * The prune, on the job queue of either engine: it first queues its successor an hour on (unless one is
 * queued, e.g. by an earlier attempt of this run), so a failing prune does not end the chain.
 */
export const idempotencyPruneJob = defineJob({
  payload: z.strictObject({}),
  maxAttempts: 3,
  handler: async (deps) => {
    const now = deps.services.clock.now();
    const runAt = new Date(now.getTime() + IDEMPOTENCY_PRUNE_EVERY_MS);
    await jobs.enqueueJobUnlessQueued(deps.db, { name: JOB_NAME, payload: {}, runAt }, { dueAfter: now });
    const removed = await pruneIdempotencyKeys(deps.db, { now });
    if (removed > 0) deps.logger.info({ removed }, "expired idempotency keys removed");
  },
});
