import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

export const apiKeyScopes = ["read", "write"] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

/**
 * `api_keys`: a user's personal API keys. The token (`plinth_<public_id>_<secret>`) is never stored, only the hex
 * SHA-256 of all of it (`secret_hash`). Revoked keys keep their row (`revoked_at`) for the audit trail.
 */
export interface ApiKeyTable {
  id: Generated<string>;
  user_id: ColumnType<string, string, never>;
  /** The short, non-secret part of the token: shown in lists and audit rows, unique. */
  public_id: ColumnType<string, string, never>;
  secret_hash: ColumnType<string, string, never>;
  name: string;
  /** A non-empty subset of `apiKeyScopes` (CHECK constraint). */
  scopes: ColumnType<ApiKeyScope[], ApiKeyScope[], never>;
  expires_at: ColumnType<Date | null, Date | null | undefined, never>;
  /** Coarse: written at most once a minute per key (`API_KEY_POLICY.lastUsedResolutionMs`). */
  last_used_at: ColumnType<Date | null, never, Date>;
  revoked_at: ColumnType<Date | null, never, Date>;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export type ApiKey = Selectable<ApiKeyTable>;
export type NewApiKey = Insertable<ApiKeyTable>;
