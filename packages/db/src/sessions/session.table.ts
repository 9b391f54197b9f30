import type { ColumnType, Insertable, Selectable, Updateable } from "kysely";

/**
 * `sessions`: the id is the hex SHA-256 of the token the client holds (Lucia guide), so a leaked table grants
 * no session. Rows go with their user (ON DELETE CASCADE).
 */
export interface SessionTable {
  id: string;
  user_id: string;
  /** Sliding expiry: pushed forward on use, never past `absolute_expires_at`. */
  expires_at: Date;
  /** Fixed at creation (90 days): a session cannot outlive it however active it is. */
  absolute_expires_at: ColumnType<Date, Date, never>;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  user_agent: string | null;
  ip: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export type Session = Selectable<SessionTable>;
export type NewSession = Insertable<SessionTable>;
export type SessionUpdate = Updateable<SessionTable>;
