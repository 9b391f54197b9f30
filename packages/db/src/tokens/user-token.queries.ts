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
