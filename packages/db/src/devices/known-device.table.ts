import type { ColumnType, Insertable, Selectable } from "kysely";

/**
 * `known_devices`: browsers and API clients that signed in to an account before, so sign-in from them is not held
 * by the per-account failure limit (ADR 008). Only the hex SHA-256 of the device token is stored. One token may
 * be known for several accounts (a shared browser), hence the key (user_id, token_hash). Rows go with their user.
 */
export interface KnownDeviceTable {
  user_id: string;
  token_hash: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  last_used_at: Date;
  /** Pushed forward at each successful sign-in from the device. */
  expires_at: Date;
}

export type KnownDevice = Selectable<KnownDeviceTable>;
export type NewKnownDevice = Insertable<KnownDeviceTable>;
