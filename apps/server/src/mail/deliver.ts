import { type Database, type OutboxEmail, outbox } from "@plinth/db";
import type { Logger } from "pino";
import type { MailTransport } from "./transport.ts";

/** Backoff for the next attempt: 10 s, 20 s, 40 s … capped at an hour. */
export const retryDelayMs = (attempts: number) => Math.min(60 * 60_000, 5_000 * 2 ** Math.max(1, attempts));

/**
 * Sends one outbox email and records the outcome. At-least-once: if the send succeeds but recording it fails,
 * a retry sends it again, which is the right side to err on for account mail.
 */
export async function deliverEmail(
  db: Database,
  transport: MailTransport,
  email: OutboxEmail,
  logger: Logger,
): Promise<boolean> {
  try {
    await transport.send(email);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.warn(
      { emailId: email.id, attempts: email.attempts, err: { message } },
      "email delivery failed; will retry",
    );
    await outbox.markEmailFailed(db, email.id, message, new Date(Date.now() + retryDelayMs(email.attempts)));
    return false;
  }
  await outbox.markEmailSent(db, email.id, new Date());
  return true;
}
