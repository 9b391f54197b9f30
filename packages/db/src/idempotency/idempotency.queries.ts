import { sql } from "kysely";
import type { Executor } from "../executor.ts";
import type { IdempotencyKey } from "./idempotency.table.ts";

export interface ClaimInput {
  userId: string;
  key: string;
  fingerprint: string;
  /** A fresh uuid per attempt; `completeIdempotencyKey` and `releaseIdempotencyKey` must present it. */
  claimToken: string;
  now: Date;
  /** How long the claim holds the key before it counts as abandoned. */
  leaseMs: number;
}

/** Either this call holds the key now, or the row that holds it (undefined if it was released in between). */
export type ClaimResult =
  | { claimed: true; row: IdempotencyKey }
  | { claimed: false; row: IdempotencyKey | undefined };

/**
 * Claims a key for one request, in one statement, so two requests racing for it cannot both win:
 * ```sql
 * insert into idempotency_keys (user_id, key, fingerprint, state, claim_token, locked_until, created_at, updated_at)
 * values ($user, $key, $fp, 'in_progress', $token, $now + lease, $now, $now)
 * on conflict (user_id, key) do update set claim_token = excluded.claim_token, locked_until = excluded.locked_until,
 *   created_at = excluded.created_at, updated_at = excluded.updated_at
 * where idempotency_keys.state = 'in_progress' and idempotency_keys.locked_until <= $now
 *   and idempotency_keys.fingerprint = excluded.fingerprint
 * returning *
 * ```
 * The `do update … where` is the takeover of an abandoned claim (its holder died before answering); the same
 * body is required, since a key stays bound to the request that first claimed it. On PostgreSQL two takeovers at
 * once serialize on the row lock, and the second re-checks `locked_until` on the row the first wrote, so it loses.
 * When nothing is returned, the existing row is read and handed back for the caller to judge.
 */
export async function claimIdempotencyKey(db: Executor, input: ClaimInput): Promise<ClaimResult> {
  const lockedUntil = new Date(input.now.getTime() + input.leaseMs);
  const claimed = await db
    .insertInto("idempotency_keys")
    .values({
      user_id: input.userId,
      key: input.key,
      fingerprint: input.fingerprint,
      state: "in_progress",
      claim_token: input.claimToken,
      locked_until: lockedUntil,
      created_at: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc
        .columns(["user_id", "key"])
        .doUpdateSet((eb) => ({
          claim_token: eb.ref("excluded.claim_token"),
          locked_until: eb.ref("excluded.locked_until"),
          created_at: eb.ref("excluded.created_at"),
          updated_at: eb.ref("excluded.updated_at"),
        }))
        .where("idempotency_keys.state", "=", "in_progress")
        .where("idempotency_keys.locked_until", "<=", input.now)
        .whereRef("idempotency_keys.fingerprint", "=", "excluded.fingerprint"),
    )
    .returningAll()
    .executeTakeFirst();
  if (claimed) return { claimed: true, row: claimed };
  return { claimed: false, row: await findIdempotencyKey(db, input.userId, input.key) };
}

export async function findIdempotencyKey(
  db: Executor,
  userId: string,
  key: string,
): Promise<IdempotencyKey | undefined> {
  return db
    .selectFrom("idempotency_keys")
    .selectAll()
    .where("user_id", "=", userId)
    .where("key", "=", key)
    .executeTakeFirst();
}

/** Whom a completion or release is for: the claim as `claimIdempotencyKey` returned it. */
export interface ClaimRef {
  userId: string;
  key: string;
  claimToken: string;
}

/**
 * Stores the answer of the claim's work, if the claim still holds the key (false when it was taken over):
 * `update idempotency_keys set state = 'done', locked_until = null, response_… = …, updated_at = $now
 *  where user_id = $1 and key = $2 and claim_token = $3 and state = 'in_progress'`.
 */
export async function completeIdempotencyKey(
  db: Executor,
  claim: ClaimRef,
  response: { status: number; body: string | null; location: string | null; now: Date },
): Promise<boolean> {
  const result = await db
    .updateTable("idempotency_keys")
    .set({
      state: "done",
      locked_until: null,
      response_status: response.status,
      response_body: response.body,
      response_location: response.location,
      updated_at: response.now,
    })
    .where("user_id", "=", claim.userId)
    .where("key", "=", claim.key)
    .where("claim_token", "=", claim.claimToken)
    .where("state", "=", "in_progress")
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Gives the key up after work that failed in a way a retry may fix (a 5xx, a thrown error), so the retry runs
 * the work instead of waiting out the lease; only the claim's own row goes:
 * `delete from idempotency_keys where user_id = $1 and key = $2 and claim_token = $3 and state = 'in_progress'`.
 */
export async function releaseIdempotencyKey(db: Executor, claim: ClaimRef): Promise<boolean> {
  const result = await db
    .deleteFrom("idempotency_keys")
    .where("user_id", "=", claim.userId)
    .where("key", "=", claim.key)
    .where("claim_token", "=", claim.claimToken)
    .where("state", "=", "in_progress")
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Deletes up to `limit` rows claimed before `olderThan`, oldest first, and says how many went; the caller repeats
 * while a full batch went, so no single statement holds locks on a large part of the table:
 * ```sql
 * delete from idempotency_keys where ctid = any(array(
 *   select ctid from idempotency_keys where created_at < $olderThan order by created_at limit $limit))
 * ```
 * By `ctid` (the row's physical address, stable within the statement), because the key is two columns: with
 * `(user_id, key) in (select …)` the planner hashed the batch and scanned the whole table for it. A row that a
 * concurrent statement updates meanwhile gets a new `ctid` and is left for the next run.
 */
export async function pruneIdempotencyKeys(
  db: Executor,
  opts: { olderThan: Date; limit: number },
): Promise<number> {
  const result = await pruneIdempotencyKeysQuery(opts).execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/** The statement `pruneIdempotencyKeys` runs; exported so a test can check its plan. */
export function pruneIdempotencyKeysQuery(opts: { olderThan: Date; limit: number }) {
  return sql`
    delete from idempotency_keys where ctid = any(array(
      select ctid from idempotency_keys where created_at < ${opts.olderThan} order by created_at limit ${opts.limit}
    ))`;
}
