import { type Kysely, sql } from "kysely";
import type { Executor } from "../executor.ts";
import type { DB } from "../schema.ts";
import type { Job } from "./job.table.ts";

/**
 * Queues a job. Pass a transaction to make the job exist if and only if the caller's change commits.
 * `payload` is stored as jsonb: plain JSON values only.
 */
export async function enqueueJob(
  db: Executor,
  job: { name: string; payload: Record<string, unknown>; runAt?: Date },
): Promise<Job> {
  return db
    .insertInto("jobs")
    .values({
      name: job.name,
      payload: JSON.stringify(job.payload),
      ...(job.runAt ? { run_at: job.runAt } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findJob(db: Executor, id: string): Promise<Job | undefined> {
  return db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Leases up to `limit` due jobs to one worker: each gets `locked_until = now + leaseMs` and one more attempt.
 * ```sql
 * update jobs set locked_until = $1, attempts = attempts + 1
 * where id in (select id from jobs where finished_at is null and run_at <= $now
 *              and (locked_until is null or locked_until <= $now) and attempts < $max
 *              order by run_at limit $n for update skip locked)
 * returning *
 * ```
 * `skip locked` lets several workers (processes) claim side by side without taking one job twice. `names`
 * limits the claim to jobs the caller can run, so a process of an older version leaves newer jobs alone.
 */
export async function claimDueJobs(
  db: Executor,
  opts: { limit: number; now: Date; leaseMs: number; maxAttempts: number; names?: readonly string[] },
): Promise<Job[]> {
  if (opts.names?.length === 0) return [];
  const leaseUntil = new Date(opts.now.getTime() + opts.leaseMs);
  let due = db
    .selectFrom("jobs")
    .select("id")
    .where("finished_at", "is", null)
    .where("run_at", "<=", opts.now)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<=", opts.now)]))
    .where("attempts", "<", opts.maxAttempts);
  if (opts.names) due = due.where("name", "in", opts.names);
  return db
    .updateTable("jobs")
    .set((eb) => ({ locked_until: leaseUntil, attempts: eb("attempts", "+", 1) }))
    .where("id", "in", due.orderBy("run_at").limit(opts.limit).forUpdate().skipLocked())
    .returningAll()
    .execute();
}

export async function completeJob(db: Executor, id: string, now: Date): Promise<void> {
  await db
    .updateTable("jobs")
    .set({ finished_at: now, locked_until: null, last_error: null })
    .where("id", "=", id)
    .execute();
}

/** Records a failed attempt and releases the lease; the job is due again at `retryAt`. */
export async function failJob(db: Executor, id: string, error: string, retryAt: Date): Promise<void> {
  await db
    .updateTable("jobs")
    .set({ last_error: error.slice(0, 1000), run_at: retryAt, locked_until: null })
    .where("id", "=", id)
    .execute();
}

/** The last attempt failed too: the job is finished with its error kept, and never claimed again. */
export async function giveUpJob(db: Executor, id: string, error: string, now: Date): Promise<void> {
  await db
    .updateTable("jobs")
    .set({ last_error: error.slice(0, 1000), finished_at: now, locked_until: null })
    .where("id", "=", id)
    .execute();
}

/**
 * Whether an unfinished job of this name is queued (with `dueAfter`, only one due after that time). A job that
 * re-queues itself asks with `dueAfter: now`, which leaves itself out, so a retry of a run that already queued
 * its successor does not queue a second one:
 * `select id from jobs where name = $1 and finished_at is null [and run_at > $dueAfter] limit 1`.
 */
export async function hasQueuedJob(db: Executor, opts: { name: string; dueAfter?: Date }): Promise<boolean> {
  let query = db
    .selectFrom("jobs")
    .select("id")
    .where("name", "=", opts.name)
    .where("finished_at", "is", null);
  if (opts.dueAfter) query = query.where("run_at", ">", opts.dueAfter);
  const row = await query.limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Queues a job unless an unfinished one of its name is queued (with `dueAfter`, one due after that time): the
 * check and the insert as one step across processes. Periodic jobs that re-queue themselves start their chain
 * this way at every server start; N processes starting at once (WEB_CONCURRENCY, ADR 022) would otherwise all
 * see none queued and start N chains. A transaction-scoped advisory lock on the name serialises the callers, so
 * the second sees the first's row:
 * `select pg_advisory_xact_lock(hashtext('plinth.jobs'), hashtext($name))`, then the select and the insert.
 * Returns the queued job, or undefined when one was there. Opens its own transaction, so it takes the database,
 * not a transaction.
 */
export async function enqueueJobUnlessQueued(
  db: Kysely<DB>,
  job: { name: string; payload: Record<string, unknown>; runAt?: Date },
  opts: { dueAfter?: Date } = {},
): Promise<Job | undefined> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('plinth.jobs'), hashtext(${job.name}))`.execute(trx);
    const queued = await hasQueuedJob(trx, { name: job.name, ...opts });
    return queued ? undefined : enqueueJob(trx, job);
  });
}
