import { type RawBuilder, sql } from "kysely";
import type { Executor } from "../executor.ts";

/**
 * When a row of each table has served its purpose, as the expression its index (`…_retention_indexes`) holds:
 * a job when it finished, an email when it was sent, a session, a token or an invitation when it expired, an API
 * key when it was revoked or expired (whichever came first; `least` skips nulls). A row that has not ended has
 * null here (or a time still ahead) and is never pruned.
 */
const endedAt = {
  jobs: sql`finished_at`,
  email_outbox: sql`sent_at`,
  sessions: sql`expires_at`,
  user_tokens: sql`expires_at`,
  invitations: sql`expires_at`,
  api_keys: sql`least(revoked_at, expires_at)`,
} satisfies Record<string, RawBuilder<unknown>>;

export type PrunedTable = keyof typeof endedAt;
export const prunedTables = Object.keys(endedAt) as PrunedTable[];

/**
 * Deletes up to `limit` rows of `table` that ended before `olderThan`, oldest first, and says how many went; the
 * caller repeats while a full batch went, so no statement holds locks on a large part of the table:
 * ```sql
 * delete from jobs where id = any(array(select id from jobs where finished_at < $1 order by finished_at limit $2))
 * ```
 */
export async function pruneEnded(
  db: Executor,
  table: PrunedTable,
  opts: { olderThan: Date; limit: number },
): Promise<number> {
  const result = await pruneEndedQuery(table, opts).execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/** The statement `pruneEnded` runs; exported so a test can check its plan. */
export function pruneEndedQuery(table: PrunedTable, opts: { olderThan: Date; limit: number }) {
  const ended = endedAt[table];
  // `= any(array(…))`, not `in (…)`: the batch's ids become one array before the delete starts, so the delete
  // finds them by primary key; with `in` the planner may hash the batch and scan the whole table for it.
  return sql`
    delete from ${sql.table(table)} where id = any(array(
      select id from ${sql.table(table)} where ${ended} < ${opts.olderThan} order by ${ended} limit ${opts.limit}
    ))`;
}
