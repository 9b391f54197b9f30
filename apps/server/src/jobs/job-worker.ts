import { type JobDeps, runDueJobs } from "@plinth/api";

export interface JobWorkerOptions extends JobDeps {
  /** How often to look for due jobs when nothing nudged the worker (retries and other processes' jobs). */
  pollIntervalMs?: number;
  batchSize?: number;
}

/**
 * Runs the job queue in this process, on either database engine. Claims are leases taken with FOR UPDATE SKIP
 * LOCKED, so several server processes share the queue without running a job twice at once. `nudge()` starts a
 * pass now (the api calls it after queueing) and resolves when the queue has nothing more due.
 */
export function startJobWorker(opts: JobWorkerOptions) {
  const pollIntervalMs = opts.pollIntervalMs ?? 2_000;
  const batchSize = opts.batchSize ?? 20;
  const deps: JobDeps = { db: opts.db, services: opts.services, logger: opts.logger };
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  async function pass(): Promise<void> {
    do {
      again = false;
      const { succeeded, failed } = await runDueJobs(deps, { limit: batchSize });
      if (succeeded + failed === batchSize) again = true;
    } while (again && !stopped);
  }

  function run(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      // A job queued during this pass may have been missed by its claim: go round once more.
      again = true;
      return running;
    }
    running = pass()
      .catch((error: unknown) => opts.logger.error({ err: error }, "job pass failed"))
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
    /** Stops polling and waits for the pass in progress; jobs not yet claimed stay queued for the next start. */
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

export type JobWorker = ReturnType<typeof startJobWorker>;
