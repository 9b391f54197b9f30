import type { OutboxEmail } from "@plinth/db";

/** Hands one email to whatever delivers it; throws when delivery failed (the delivery job retries). */
export interface MailTransport {
  readonly name: string;
  send(email: OutboxEmail): Promise<void>;
  close(): void;
}

/** Tests and anything else that sends nothing: the outbox row itself is the mailbox (`dev.mailbox` reads it). */
export const keepInOutboxTransport: MailTransport = { name: "outbox-only", send: async () => {}, close() {} };
