import { type JobDeps, runDueJobs } from "@plinth/api";
import { startPollLoop } from "../workers/poll-loop.ts";

export interface JobWorkerOptions extends JobDeps {
  /** How often to look for due jobs when nothing nudged the worker (retries and other processes' jobs). */
  pollIntervalMs?: number;
  batchSize?: number;
}

/**
 * Runs the job queue in this process, on either database engine. Claims are leases taken with FOR UPDATE SKIP
 * LOCKED, so several server processes share the queue without running a job twice at once. `nudge()` starts a
 * pass now (the api calls it after queueing) and resolves when the queue has nothing more due; `stop()` leaves
 * jobs not yet claimed queued for the next start.
 */
export function startJobWorker(opts: JobWorkerOptions) {
  const batchSize = opts.batchSize ?? 20;
  const deps: JobDeps = { db: opts.db, services: opts.services, logger: opts.logger };
  return startPollLoop({
    batchSize,
    pollIntervalMs: opts.pollIntervalMs ?? 2_000,
    logger: opts.logger,
    failure: "job pass failed",
    batch: async () => {
      const { succeeded, failed } = await runDueJobs(deps, { limit: batchSize });
      return succeeded + failed;
    },
  });
}

export type JobWorker = ReturnType<typeof startJobWorker>;
