import { type Executor, idempotencyKeys } from "@plinth/db";
import { definePeriodicJob, pruneInBatches } from "../jobs/periodic-job.ts";

/** How long an answer is kept for replay (issue 8): a client retrying later than this is making a new request. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60_000;
/** How often the prune runs; a row lives at most retention + this. */
export const IDEMPOTENCY_PRUNE_EVERY_MS = 60 * 60_000;

/** Deletes the rows claimed more than 24 h before `now`, oldest first, in batches (`pruneInBatches`). */
export async function pruneIdempotencyKeys(
  db: Executor,
  opts: { now: Date; batchSize?: number; maxBatches?: number },
): Promise<number> {
  const olderThan = new Date(opts.now.getTime() - IDEMPOTENCY_RETENTION_MS);
  return pruneInBatches((limit) => idempotencyKeys.pruneIdempotencyKeys(db, { olderThan, limit }), opts);
}

const prune = definePeriodicJob({
  name: "idempotency_prune",
  everyMs: IDEMPOTENCY_PRUNE_EVERY_MS,
  run: async (deps, now) => {
    const removed = await pruneIdempotencyKeys(deps.db, { now });
    if (removed > 0) deps.logger.info({ removed }, "expired idempotency keys removed");
  },
});

/** The hourly prune (ADR 018), on the job queue of either engine; see `definePeriodicJob`. */
export const idempotencyPruneJob = prune.job;
/** Queues a prune now unless one is queued already: every server process calls it at start. */
export const scheduleIdempotencyPrune = prune.schedule;
