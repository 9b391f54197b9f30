import type { Executor } from "../executor.ts";
import { defineQueryShape } from "../prepared/query-shape.ts";
import { joinedUserColumns } from "../users/joined-user-columns.ts";
import type { User } from "../users/user.table.ts";
import type { ApiKey, NewApiKey } from "./api-key.table.ts";

export async function insertApiKey(db: Executor, key: NewApiKey): Promise<ApiKey> {
  return db.insertInto("api_keys").values(key).returningAll().executeTakeFirstOrThrow();
}

/** Every call with an API key runs it: a named prepared statement (ADR 024). */
const keyWithUser = defineQueryShape({
  name: "api_key_with_user",
  bind: (secretHash: string, bind) => bind(secretHash),
  build: (db, secretHash) =>
    db
      .selectFrom("api_keys as k")
      .innerJoin("users as u", "u.id", "k.user_id")
      .select([
        "k.id as k_id",
        "k.user_id as k_user_id",
        "k.public_id as k_public_id",
        "k.secret_hash as k_secret_hash",
        "k.name as k_name",
        "k.scopes as k_scopes",
        "k.expires_at as k_expires_at",
        "k.last_used_at as k_last_used_at",
        "k.revoked_at as k_revoked_at",
        "k.created_at as k_created_at",
        "k.updated_at as k_updated_at",
        ...joinedUserColumns,
      ])
      .where("k.secret_hash", "=", secretHash),
});

/**
 * The key and its user in one look-up by the token's hash (`api_keys_secret_hash_key`):
 * `select k.*, u.* from api_keys k join users u on u.id = k.user_id where k.secret_hash = $1`.
 * Revoked and expired keys are returned too; the caller decides (and can tell them apart in a log).
 */
export async function findApiKeyWithUser(
  db: Executor,
  secretHash: string,
): Promise<{ key: ApiKey; user: User } | undefined> {
  const row = (await keyWithUser.execute(db, secretHash)).rows[0];
  if (!row) return undefined;
  const {
    k_id,
    k_user_id,
    k_public_id,
    k_secret_hash,
    k_name,
    k_scopes,
    k_expires_at,
    k_last_used_at,
    k_revoked_at,
    k_created_at,
    k_updated_at,
    ...user
  } = row;
  return {
    key: {
      id: k_id,
      user_id: k_user_id,
      public_id: k_public_id,
      secret_hash: k_secret_hash,
      name: k_name,
      scopes: k_scopes,
      expires_at: k_expires_at,
      last_used_at: k_last_used_at,
      revoked_at: k_revoked_at,
      created_at: k_created_at,
      updated_at: k_updated_at,
    },
    user,
  };
}

const touch = defineQueryShape({
  name: "api_key_touch",
  bind: (input: { id: string; usedAt: Date; staleBefore: Date }, bind) => ({
    id: bind(input.id),
    usedAt: bind(input.usedAt),
    staleBefore: bind(input.staleBefore),
  }),
  build: (db, input) =>
    db
      .updateTable("api_keys")
      .set({ last_used_at: input.usedAt })
      .where("id", "=", input.id)
      .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<=", input.staleBefore)])),
});

/**
 * Records a use, unless one was recorded after `staleBefore`: the condition is in the UPDATE, so
 * concurrent calls of one key write at most once per window. True when this call wrote.
 */
export async function touchApiKey(
  db: Executor,
  id: string,
  usedAt: Date,
  staleBefore: Date,
): Promise<boolean> {
  const result = await touch.execute(db, { id, usedAt, staleBefore });
  return (result.numAffectedRows ?? 0n) > 0n;
}

/** A user's keys that are not revoked (expired ones included, so the owner sees them lapse), newest first. */
export async function listUserApiKeys(db: Executor, userId: string): Promise<ApiKey[]> {
  return db
    .selectFrom("api_keys")
    .selectAll()
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

/** Keys that can still authenticate: not revoked, not expired at `now`. What the per-user cap counts. */
export async function countActiveApiKeys(db: Executor, userId: string, now: Date): Promise<number> {
  const row = await db
    .selectFrom("api_keys")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Serializes key creation per user until the transaction ends (`select … from users … for update`), so two
 * concurrent creates cannot both pass the cap check. False when the user does not exist.
 */
export async function lockKeyOwner(db: Executor, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("id", "=", userId)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Revokes one of a user's keys, and only theirs (the user id is in the condition). Undefined when no such live
 * key: another user's id, an unknown id, or a key already revoked.
 */
export async function revokeUserApiKey(
  db: Executor,
  userId: string,
  id: string,
  now: Date,
): Promise<ApiKey | undefined> {
  return db
    .updateTable("api_keys")
    .set({ revoked_at: now, updated_at: now })
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .returningAll()
    .executeTakeFirst();
}

/** Revokes every live key of a user (account recovery). Returns how many. */
export async function revokeAllUserApiKeys(db: Executor, userId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable("api_keys")
    .set({ revoked_at: now, updated_at: now })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
