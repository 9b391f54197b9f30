import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

export const userRoles = ["user", "admin"] as const;
export type UserRole = (typeof userRoles)[number];

/**
 * `users`: one row per account. `email` is citext, so uniqueness and look-ups ignore case while the address is
 * stored as the person typed it. `updated_at` is kept current by a trigger, not by callers.
 */
export interface UserTable {
  id: Generated<string>;
  email: string;
  name: string;
  /** argon2id PHC string; null for an account that has no password yet (invited, or reset pending). */
  password_hash: string | null;
  email_verified_at: Date | null;
  role: ColumnType<UserRole, UserRole | undefined, UserRole>;
  /** Set when an admin disables the account: it cannot sign in, and its sessions were revoked. */
  disabled_at: Date | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, never>;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
