import type { Executor } from "../executor.ts";
import type { KnownDevice } from "./known-device.table.ts";

/**
 * The device, if it signed in to this account before and has not expired:
 * `select * from known_devices where user_id = $1 and token_hash = $2 and expires_at > $now`.
 */
export async function findKnownDevice(
  db: Executor,
  opts: { userId: string; tokenHash: string; now: Date },
): Promise<KnownDevice | undefined> {
  return db
    .selectFrom("known_devices")
    .selectAll()
    .where("user_id", "=", opts.userId)
    .where("token_hash", "=", opts.tokenHash)
    .where("expires_at", ">", opts.now)
    .executeTakeFirst();
}

/**
 * Records a successful sign-in from a device:
 * `insert … on conflict (user_id, token_hash) do update set last_used_at = $now, expires_at = $expires`.
 */
export async function rememberKnownDevice(
  db: Executor,
  opts: { userId: string; tokenHash: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto("known_devices")
    .values({
      user_id: opts.userId,
      token_hash: opts.tokenHash,
      created_at: opts.now,
      last_used_at: opts.now,
      expires_at: opts.expiresAt,
    })
    .onConflict((oc) =>
      oc
        .columns(["user_id", "token_hash"])
        .doUpdateSet({ last_used_at: opts.now, expires_at: opts.expiresAt }),
    )
    .execute();
}

/**
 * Keeps an account's list bounded: drops its expired devices and all but the `keep` most recently used live
 * ones, so a client that never sends its token back cannot grow the table without end:
 * `delete from known_devices where user_id = $1 and (expires_at <= $now or token_hash not in
 *  (select token_hash from known_devices where user_id = $1 and expires_at > $now
 *   order by last_used_at desc limit $keep))`.
 */
export async function pruneKnownDevices(
  db: Executor,
  opts: { userId: string; now: Date; keep: number },
): Promise<number> {
  const result = await db
    .deleteFrom("known_devices")
    .where("user_id", "=", opts.userId)
    .where((eb) =>
      eb.or([
        eb("expires_at", "<=", opts.now),
        eb(
          "token_hash",
          "not in",
          eb
            .selectFrom("known_devices")
            .select("token_hash")
            .where("user_id", "=", opts.userId)
            .where("expires_at", ">", opts.now)
            .orderBy("last_used_at", "desc")
            .limit(opts.keep),
        ),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Forgets every device of an account (after a password reset): `delete from known_devices where user_id = $1`. */
export async function forgetKnownDevices(db: Executor, userId: string): Promise<number> {
  const result = await db.deleteFrom("known_devices").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
