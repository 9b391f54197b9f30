import type { ColumnType, Generated, JSONColumnType, Selectable } from "kysely";

/**
 * `jobs`: durable background work, written by the request that wants it done and run by a worker.
 * A job is done when `finished_at` is set: with `last_error` null it succeeded, otherwise it was given up.
 * `locked_until` is the lease of the worker running it; a worker that dies releases it by time.
 */
export interface JobTable {
  id: Generated<string>;
  name: string;
  payload: JSONColumnType<Record<string, unknown>>;
  run_at: ColumnType<Date, Date | undefined, Date>;
  attempts: ColumnType<number, number | undefined, number>;
  locked_until: Date | null;
  last_error: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  finished_at: Date | null;
}

export type Job = Selectable<JobTable>;
