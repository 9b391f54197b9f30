import { type DB, outbox } from "@plinth/db";
import type { Transaction } from "kysely";
import type { Services } from "../services.ts";
import type { EmailMessage } from "./messages.ts";

/**
 * Writes an email to the outbox and queues its delivery job, both inside the caller's transaction, so the email
 * exists and goes out if and only if the change that caused it commits.
 */
export async function queueEmail(
  deps: { services: Pick<Services, "jobs"> },
  trx: Transaction<DB>,
  message: EmailMessage,
): Promise<void> {
  const row = await outbox.enqueueEmail(trx, {
    kind: message.kind,
    to_address: message.to,
    subject: message.subject,
    text_body: message.text,
  });
  await deps.services.jobs.enqueue(trx, "email_delivery", { outboxId: row.id });
}
