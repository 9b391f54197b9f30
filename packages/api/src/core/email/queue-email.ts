import { type DB, outbox } from "@plinth/db";
import type { Transaction } from "kysely";
import type { Context } from "../context.ts";
import type { EmailMessage } from "./messages.ts";

/**
 * Writes an email to the outbox inside the caller's transaction, so it exists if and only if the change that
 * caused it commits. A worker delivers it later.
 */
export async function queueEmail(
  ctx: Pick<Context, "services">,
  trx: Transaction<DB>,
  message: EmailMessage,
): Promise<void> {
  const row = await outbox.enqueueEmail(trx, {
    kind: message.kind,
    to_address: message.to,
    subject: message.subject,
    text_body: message.text,
  });
  await ctx.services.onEmailQueued?.(trx, row.id);
}
