import { outbox } from "@plinth/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { AppError } from "../../core/errors.ts";
import { checked } from "../../core/output-check.ts";
import { publicProcedure } from "../../core/trpc.ts";
import { mailboxInput, mailboxOutput } from "./dev.schemas.ts";

/**
 * Development only. The mailbox shows what the outbox holds, bodies included, so the local demo can follow a
 * verification or reset link without an SMTP server. In any other deployment it answers as if it did not exist.
 */
export const devRouter = {
  mailbox: publicProcedure
    .input(mailboxInput)
    .output(checked(mailboxOutput))
    .query(async ({ ctx, input }) => {
      if (!ctx.services.devMailbox) throw new AppError("PROCEDURE_NOT_FOUND", 'No procedure "dev.mailbox"');
      const emails = await outbox.listRecentEmails(ctx.db, { to: input.to, limit: input.limit });
      return emails.map((e) => ({
        id: e.id,
        kind: e.kind,
        to: e.to_address,
        subject: e.subject,
        text: e.text_body,
        createdAt: e.created_at,
        sentAt: e.sent_at,
      }));
    }),
} satisfies TRPCRouterRecord;
