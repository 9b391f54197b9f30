import { type Database, jobs } from "@plinth/db";
import { z } from "zod";
import { defineJob, type JobDeps } from "./define-job.ts";

/**
 * A job that runs every `everyMs` on the job queue of either engine, as one chain for all server processes:
 * - `schedule`, called by every process at start, queues a run unless one is queued; the check and the insert
 *   hold one lock across processes, so N processes starting at once (ADR 022) start one chain, not N;
 * - each run first queues its successor `everyMs` on (unless one is queued, e.g. by an earlier attempt of this
 *   run), so a failing run does not end the chain.
 */
export function definePeriodicJob(opts: {
  name: string;
  everyMs: number;
  maxAttempts?: number;
  run: (deps: JobDeps, now: Date) => Promise<void>;
}) {
  const job = defineJob({
    payload: z.strictObject({}),
    maxAttempts: opts.maxAttempts ?? 3,
    handler: async (deps) => {
      const now = deps.services.clock.now();
      const runAt = new Date(now.getTime() + opts.everyMs);
      await jobs.enqueueJobUnlessQueued(deps.db, { name: opts.name, payload: {}, runAt }, { dueAfter: now });
      await opts.run(deps, now);
    },
  });
  const schedule = async (db: Database, now: Date): Promise<void> => {
    await jobs.enqueueJobUnlessQueued(db, { name: opts.name, payload: {}, runAt: now });
  };
  return { job, schedule };
}

/**
 * Runs `deleteBatch(limit)` until a batch comes back short or `maxBatches` ran (the next run takes the rest), and
 * says how many rows went. Each batch is its own short statement, so a prune never locks a large part of a table.
 */
export async function pruneInBatches(
  deleteBatch: (limit: number) => Promise<number>,
  opts: { batchSize?: number | undefined; maxBatches?: number | undefined } = {},
): Promise<number> {
  const limit = opts.batchSize ?? 1_000;
  let removed = 0;
  for (let batch = 0; batch < (opts.maxBatches ?? 100); batch++) {
    const n = await deleteBatch(limit);
    removed += n;
    if (n < limit) break;
  }
  return removed;
}
