import type { ColumnType, Generated, Insertable, JSONColumnType, Selectable } from "kysely";

export const auditEvents = [
  "signup",
  "login_succeeded",
  "login_failed",
  "logout",
  "logout_others",
  "session_revoked",
  "email_verified",
  "password_changed",
  "password_reset_requested",
  "password_reset",
  "email_change_requested",
  "email_changed",
  "user_disabled",
  "user_enabled",
] as const;
export type AuditEvent = (typeof auditEvents)[number];

/** `audit_log`: who did what to whom, from where. Never holds a password, hash, token or session id. */
export interface AuditLogTable {
  id: Generated<string>;
  occurred_at: ColumnType<Date, Date | undefined, never>;
  event: AuditEvent;
  actor_user_id: string | null;
  subject_user_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  details: JSONColumnType<Record<string, string | number | boolean | null>>;
}

export type AuditEntry = Selectable<AuditLogTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
