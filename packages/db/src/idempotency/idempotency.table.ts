import type { ColumnType, Selectable } from "kysely";

export const idempotencyStates = ["in_progress", "done"] as const;
export type IdempotencyState = (typeof idempotencyStates)[number];

/**
 * `idempotency_keys`: one row per (user, Idempotency-Key) of a REST POST create (ADR 018). While the first
 * request works, the row is its claim (`in_progress`, `claim_token`, held until `locked_until`); once it has
 * answered, the row keeps that answer (`done`, `response_*`) for 24 h. `fingerprint` is the SHA-256 hex of the
 * request (method, route, canonical body) that claimed the key. Rows go with their user.
 */
export interface IdempotencyKeyTable {
  user_id: string;
  key: string;
  fingerprint: string;
  state: IdempotencyState;
  claim_token: string;
  /** Set while in_progress: after it, the claim counts as abandoned (a crashed process) and may be taken over. */
  locked_until: Date | null;
  response_status: number | null;
  /** Serialized JSON, as sent. */
  response_body: string | null;
  response_location: string | null;
  created_at: ColumnType<Date, Date | undefined, Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export type IdempotencyKey = Selectable<IdempotencyKeyTable>;
