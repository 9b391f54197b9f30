import type { Executor } from "../executor.ts";
import type { NewUserToken, TokenPurpose, UserToken } from "./user-token.table.ts";

export async function insertUserToken(db: Executor, token: NewUserToken): Promise<UserToken> {
  return db.insertInto("user_tokens").values(token).returningAll().executeTakeFirstOrThrow();
}

/** A new token of a purpose supersedes the old ones: `delete … where user_id = $1 and purpose = $2 and consumed_at is null`. */
export async function deleteUnconsumedTokens(
  db: Executor,
  userId: string,
  purpose: TokenPurpose,
): Promise<number> {
  const result = await db
    .deleteFrom("user_tokens")
    .where("user_id", "=", userId)
    .where("purpose", "=", purpose)
    .where("consumed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Uses a token at most once:
 * `update user_tokens set consumed_at = $now where token_hash = $1 and purpose = $2 and consumed_at is null
 *  and expires_at > $now returning *`. Concurrent callers queue on the row lock; after the first commits, the
 * others re-check `consumed_at is null`, find it false, and get nothing back.
 */
export async function consumeUserToken(
  db: Executor,
  opts: { tokenHash: string; purpose: TokenPurpose; now: Date },
): Promise<UserToken | undefined> {
  return db
    .updateTable("user_tokens")
    .set({ consumed_at: opts.now })
    .where("token_hash", "=", opts.tokenHash)
    .where("purpose", "=", opts.purpose)
    .where("consumed_at", "is", null)
    .where("expires_at", ">", opts.now)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Voids every outstanding token of a user, all purposes, when the account's security state changes (password,
 * email, disabling): `delete from user_tokens where user_id = $1 and consumed_at is null`. A link mailed before
 * the change must not outlive it. Pass the transaction that makes the change.
 */
export async function deleteAllUnconsumedTokens(db: Executor, userId: string): Promise<number> {
  const result = await db
    .deleteFrom("user_tokens")
    .where("user_id", "=", userId)
    .where("consumed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * A usable token without using it up, for a cheap check before expensive work:
 * `select user_id, email from user_tokens where token_hash = $1 and purpose = $2 and consumed_at is null
 *  and expires_at > $now`. The caller must still consume it; only `consumeUserToken` settles races.
 */
export async function findUsableToken(
  db: Executor,
  opts: { tokenHash: string; purpose: TokenPurpose; now: Date },
): Promise<Pick<UserToken, "user_id" | "email"> | undefined> {
  return db
    .selectFrom("user_tokens")
    .select(["user_id", "email"])
    .where("token_hash", "=", opts.tokenHash)
    .where("purpose", "=", opts.purpose)
    .where("consumed_at", "is", null)
    .where("expires_at", ">", opts.now)
    .executeTakeFirst();
}
