import { outbox } from "@plinth/db";
import { z } from "zod";
import { defineJob } from "../jobs/define-job.ts";

/**
 * Sends one outbox email: `queueEmail` queues this job in the transaction that wrote the row, so the mail goes
 * out if and only if the change that caused it committed, on either database engine. Retries and backoff are the
 * job queue's (ADR 011). At least once: a crash between the send and the job's completion sends it again, the
 * right side to err on for account mail; an email already marked sent is not sent again.
 */
export const emailDeliveryJob = defineJob({
  payload: z.strictObject({ outboxId: z.uuid() }),
  maxAttempts: 8,
  handler: async (deps, { outboxId }) => {
    const email = await outbox.findOutboxEmail(deps.db, outboxId);
    if (!email || email.sent_at) return;
    try {
      await deps.services.mailer.send(email);
    } catch (error) {
      // Kept on the row too, so the outbox alone says why a mail is late; the job schedules the retry.
      const message = error instanceof Error ? error.message : String(error);
      await outbox.markEmailFailed(deps.db, email.id, message);
      throw error;
    }
    await outbox.markEmailSent(deps.db, email.id, new Date());
  },
});
