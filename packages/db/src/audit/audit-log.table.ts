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
  "api_key_created",
  "api_key_revoked",
  // The organization activity feed: these rows carry organization_id, the entity and its changes.
  "organization_created",
  "organization_updated",
  "organization_deleted",
  "invitation_created",
  "invitation_accepted",
  "invitation_declined",
  "invitation_revoked",
  "member_role_changed",
  "member_removed",
  "member_left",
  "project_created",
  "project_updated",
  "project_archived",
  "project_unarchived",
  "project_deleted",
  "task_created",
  "task_updated",
  "task_moved",
  "task_deleted",
  "comment_added",
  "comment_edited",
  "comment_deleted",
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
  /** Set for the organization activity feed; no foreign key, so the history outlives the organization. */
  organization_id: ColumnType<string | null, string | null | undefined, never>;
  entity_type: ColumnType<AuditEntityType | null, AuditEntityType | null | undefined, never>;
  entity_id: ColumnType<string | null, string | null | undefined, never>;
  /** The changed fields only: `{ before: { title: "a" }, after: { title: "b" } }`. */
  changes: JSONColumnType<AuditChanges | null, string | null | undefined, never>;
}

export const auditEntityTypes = [
  "organization",
  "membership",
  "invitation",
  "project",
  "task",
  "comment",
] as const;
export type AuditEntityType = (typeof auditEntityTypes)[number];

export type AuditValue = string | number | boolean | null;
export interface AuditChanges {
  before?: Record<string, AuditValue>;
  after?: Record<string, AuditValue>;
}

export type AuditEntry = Selectable<AuditLogTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
