import { sql } from "kysely";
import type { Executor } from "../executor.ts";
import type { NewOutboxEmail, OutboxEmail } from "./email-outbox.table.ts";

export async function enqueueEmail(db: Executor, email: NewOutboxEmail): Promise<OutboxEmail> {
  return db.insertInto("email_outbox").values(email).returningAll().executeTakeFirstOrThrow();
}

export async function findOutboxEmail(db: Executor, id: string): Promise<OutboxEmail | undefined> {
  return db.selectFrom("email_outbox").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Leases up to `limit` due emails to one worker: their `available_at` moves `leaseMs` ahead, so a worker that
 * dies mid-send releases them by time. `for update skip locked` keeps several workers from claiming one row.
 */
export async function claimDueEmails(
  db: Executor,
  opts: { limit: number; now: Date; leaseMs: number; maxAttempts: number },
): Promise<OutboxEmail[]> {
  const leaseUntil = new Date(opts.now.getTime() + opts.leaseMs);
  return db
    .updateTable("email_outbox")
    .set((eb) => ({ available_at: leaseUntil, attempts: eb("attempts", "+", 1) }))
    .where(
      "id",
      "in",
      db
        .selectFrom("email_outbox")
        .select("id")
        .where("sent_at", "is", null)
        .where("available_at", "<=", opts.now)
        .where("attempts", "<", opts.maxAttempts)
        .orderBy("available_at")
        .limit(opts.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

export async function markEmailSent(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable("email_outbox").set({ sent_at: now, last_error: null }).where("id", "=", id).execute();
}

/** Records a failed attempt and when to try again (the caller backs off). */
export async function markEmailFailed(db: Executor, id: string, error: string, retryAt: Date): Promise<void> {
  await db
    .updateTable("email_outbox")
    .set({ last_error: error.slice(0, 1000), available_at: retryAt })
    .where("id", "=", id)
    .execute();
}

/** Newest first; optionally for one address. Backs the development mailbox. */
export async function listRecentEmails(
  db: Executor,
  opts: { to?: string | undefined; limit: number },
): Promise<OutboxEmail[]> {
  let query = db.selectFrom("email_outbox").selectAll();
  if (opts.to) query = query.where(sql`lower(to_address)`, "=", opts.to.toLowerCase());
  return query.orderBy("created_at", "desc").orderBy("id", "desc").limit(opts.limit).execute();
}
