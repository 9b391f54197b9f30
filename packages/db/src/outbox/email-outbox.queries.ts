import { sql } from "kysely";
import type { Executor } from "../executor.ts";
import type { NewOutboxEmail, OutboxEmail } from "./email-outbox.table.ts";

export async function enqueueEmail(db: Executor, email: NewOutboxEmail): Promise<OutboxEmail> {
  return db.insertInto("email_outbox").values(email).returningAll().executeTakeFirstOrThrow();
}

export async function findOutboxEmail(db: Executor, id: string): Promise<OutboxEmail | undefined> {
  return db.selectFrom("email_outbox").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function markEmailSent(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable("email_outbox").set({ sent_at: now, last_error: null }).where("id", "=", id).execute();
}

/** Records a failed send; the delivery job (packages/api) schedules the retry. */
export async function markEmailFailed(db: Executor, id: string, error: string): Promise<void> {
  await db
    .updateTable("email_outbox")
    .set((eb) => ({ last_error: error.slice(0, 1000), attempts: eb("attempts", "+", 1) }))
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
