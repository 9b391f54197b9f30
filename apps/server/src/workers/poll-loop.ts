import type { Logger } from "pino";

export interface PollLoopOptions {
  /** Handles one batch and returns how many items it took; a full batch means there may be more. */
  batch: () => Promise<number>;
  batchSize: number;
  /** How often to look when nothing nudged the loop (retries, other processes' work). */
  pollIntervalMs: number;
  logger: Logger;
  /** The log message when a pass throws. */
  failure: string;
}

/**
 * The loop every queue worker in the server runs: poll on a timer, run a pass at once when nudged, never two passes
 * at a time, and drain full batches back to back. A nudge during a pass asks for one more round, since work queued
 * after the pass's claim would otherwise wait for the next poll.
 */
export function startPollLoop(opts: PollLoopOptions) {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  async function pass(): Promise<void> {
    do {
      again = false;
      if ((await opts.batch()) >= opts.batchSize) again = true;
    } while (again && !stopped);
  }

  function run(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = pass()
      .catch((error: unknown) => opts.logger.error({ err: error }, opts.failure))
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  const timer = setInterval(() => void run(), opts.pollIntervalMs);
  timer.unref();
  void run();

  return {
    /** Runs a pass now; resolves when the queue has nothing more due. */
    nudge: run,
    /** Stops polling and waits for the pass in progress. */
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
