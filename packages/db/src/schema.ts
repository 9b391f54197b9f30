import type { SessionTable } from "./sessions/session.table.ts";
import type { UserTable } from "./users/user.table.ts";

/** Every table Kysely knows about. A migration that adds a table adds it here too. */
export interface DB {
  users: UserTable;
  sessions: SessionTable;
}
