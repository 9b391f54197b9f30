import { type Job, jobs as jobQueries } from "@plinth/db";
import { type JobRegistry, jobDefinitions } from "../../job-registry.ts";
import type { JobDeps } from "./define-job.ts";

/** Backoff before attempt n+1: 10 s, 20 s, 40 s … capped at an hour. */
export const jobRetryDelayMs = (attempts: number) =>
  Math.min(60 * 60_000, 5_000 * 2 ** Math.max(1, attempts));

const DEFAULT_MAX_ATTEMPTS = 5;
/** Longer than any handler should take; a worker that dies mid-job frees it after this. */
const LEASE_MS = 5 * 60_000;

export interface RunJobsOptions {
  /** Wall-clock time the queue is compared with (job rows carry database time). Tests move it forward. */
  now?: Date;
  limit?: number;
  /** Only for tests of the runner itself; a worker runs the jobs this version defines. */
  registry?: JobRegistry;
}

export interface RunJobsResult {
  succeeded: number;
  failed: number;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * One pass over the queue: claims due jobs of known names, runs each, and records success, a retry with backoff,
 * or giving up after the job's attempts are spent. Never throws for a job's failure; a database error does.
 */
export async function runDueJobs(deps: JobDeps, opts: RunJobsOptions = {}): Promise<RunJobsResult> {
  const registry = opts.registry ?? jobDefinitions;
  const now = opts.now ?? new Date();
  const names = Object.keys(registry);
  const maxAttempts = Math.max(...Object.values(registry).map((d) => d.maxAttempts ?? DEFAULT_MAX_ATTEMPTS));
  const due = await jobQueries.claimDueJobs(deps.db, {
    limit: opts.limit ?? 20,
    now,
    leaseMs: LEASE_MS,
    maxAttempts,
    names,
  });
  const result: RunJobsResult = { succeeded: 0, failed: 0 };
  for (const job of due) {
    if (await runOne(deps, registry, job, now)) result.succeeded++;
    else result.failed++;
  }
  return result;
}

async function runOne(deps: JobDeps, registry: JobRegistry, job: Job, now: Date): Promise<boolean> {
  const definition = registry[job.name];
  const logger = deps.logger.child({ jobId: job.id, job: job.name, attempt: job.attempts });
  const parsed = definition?.payload.safeParse(job.payload);
  if (!definition || !parsed?.success) {
    // Retrying cannot fix a payload this version refuses.
    logger.error("job payload refused; giving up");
    await jobQueries.giveUpJob(deps.db, job.id, "payload refused by its schema", new Date());
    return false;
  }
  try {
    await definition.handler(deps, parsed.data, { id: job.id, attempts: job.attempts });
  } catch (error) {
    const message = messageOf(error);
    if (job.attempts >= (definition.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)) {
      logger.error({ err: { message } }, "job failed; giving up");
      await jobQueries.giveUpJob(deps.db, job.id, message, new Date());
    } else {
      logger.warn({ err: { message } }, "job failed; will retry");
      await jobQueries.failJob(
        deps.db,
        job.id,
        message,
        new Date(now.getTime() + jobRetryDelayMs(job.attempts)),
      );
    }
    return false;
  }
  await jobQueries.completeJob(deps.db, job.id, new Date());
  logger.debug("job done");
  return true;
}
