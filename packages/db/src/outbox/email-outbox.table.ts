import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

/** `email_outbox`: emails waiting for (or past) delivery, written in the transaction that caused them. */
export interface EmailOutboxTable {
  id: Generated<string>;
  kind: string;
  to_address: string;
  subject: string;
  text_body: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  available_at: ColumnType<Date, Date | undefined, Date>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  sent_at: Date | null;
}

export type OutboxEmail = Selectable<EmailOutboxTable>;
export type NewOutboxEmail = Insertable<EmailOutboxTable>;
