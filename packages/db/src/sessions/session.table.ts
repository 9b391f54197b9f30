import type { ColumnType, Insertable, Selectable, Updateable } from "kysely";

/**
 * `sessions`: the id is the hex SHA-256 of the token the client holds (Lucia guide), so a leaked table grants
 * no session. Rows go with their user (ON DELETE CASCADE).
 */
export interface SessionTable {
  id: string;
  user_id: string;
  expires_at: Date;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export type Session = Selectable<SessionTable>;
export type NewSession = Insertable<SessionTable>;
export type SessionUpdate = Updateable<SessionTable>;
