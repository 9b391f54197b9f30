import { type Executor, type PrunedTable, retention } from "@plinth/db";
import { definePeriodicJob, pruneInBatches } from "../jobs/periodic-job.ts";

const day = 24 * 60 * 60_000;

/**
 * How long a row is kept after it ended (ADR 034). Long enough to answer "did that job run, did that email go
 * out, why was that invitation refused" for a while; short enough that the tables do not grow with every request
 * and that secrets at rest (sign-in and reset links in sent emails) do not outlive their use by long. API keys
 * stay longest: a revoked key still names itself in lists and audit rows for three months.
 */
export const RETENTION_MS: Readonly<Record<PrunedTable, number>> = {
  jobs: 7 * day,
  email_outbox: 7 * day,
  // An expired session is refused already; its row only says when someone last signed in from where.
  sessions: 0,
  user_tokens: 7 * day,
  invitations: 30 * day,
  api_keys: 90 * day,
};
/** How often the prune runs; a row lives at most its retention + this. */
export const RETENTION_PRUNE_EVERY_MS = 60 * 60_000;

/** Deletes, table by table, the rows that ended longer ago than their retention; says how many went from each. */
export async function pruneEndedRecords(
  db: Executor,
  opts: { now: Date; batchSize?: number; maxBatches?: number },
): Promise<Record<PrunedTable, number>> {
  const removed = {} as Record<PrunedTable, number>;
  for (const table of retention.prunedTables) {
    const olderThan = new Date(opts.now.getTime() - RETENTION_MS[table]);
    removed[table] = await pruneInBatches(
      (limit) => retention.pruneEnded(db, table, { olderThan, limit }),
      opts,
    );
  }
  return removed;
}

const prune = definePeriodicJob({
  name: "retention_prune",
  everyMs: RETENTION_PRUNE_EVERY_MS,
  run: async (deps, now) => {
    const removed = await pruneEndedRecords(deps.db, { now });
    if (Object.values(removed).some((n) => n > 0)) deps.logger.info({ removed }, "ended records removed");
  },
});

/** The hourly retention prune, on the job queue of either engine; see `definePeriodicJob`. */
export const retentionPruneJob = prune.job;
/** Queues a prune now unless one is queued already: every server process calls it at start. */
export const scheduleRetentionPrune = prune.schedule;
