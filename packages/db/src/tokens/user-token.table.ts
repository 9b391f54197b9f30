import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

export const tokenPurposes = ["email_verification", "password_reset", "email_change"] as const;
export type TokenPurpose = (typeof tokenPurposes)[number];

/** `user_tokens`: single-use tokens, stored only as the hex SHA-256 of what was sent to the user. */
export interface UserTokenTable {
  id: Generated<string>;
  user_id: string;
  purpose: TokenPurpose;
  token_hash: string;
  /** The address the token was sent to: the one to verify, or the new one for an email change. */
  email: string | null;
  expires_at: Date;
  consumed_at: Date | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export type UserToken = Selectable<UserTokenTable>;
export type NewUserToken = Insertable<UserTokenTable>;
