import type { ApiKeyTable } from "./api-keys/api-key.table.ts";
import type { AuditLogTable } from "./audit/audit-log.table.ts";
import type { CommentTable } from "./comments/comment.table.ts";
import type { KnownDeviceTable } from "./devices/known-device.table.ts";
import type { IdempotencyKeyTable } from "./idempotency/idempotency.table.ts";
import type { InvitationTable } from "./invitations/invitation.table.ts";
import type { JobTable } from "./jobs/job.table.ts";
import type { MembershipTable } from "./memberships/membership.table.ts";
import type { OrganizationTable } from "./organizations/organization.table.ts";
import type { EmailOutboxTable } from "./outbox/email-outbox.table.ts";
import type { ProjectTable } from "./projects/project.table.ts";
import type { SessionTable } from "./sessions/session.table.ts";
import type { TaskTable } from "./tasks/task.table.ts";
import type { UserTokenTable } from "./tokens/user-token.table.ts";
import type { UserTable } from "./users/user.table.ts";

/** Every table Kysely knows about. A migration that adds a table adds it here too. */
export interface DB {
  users: UserTable;
  sessions: SessionTable;
  user_tokens: UserTokenTable;
  email_outbox: EmailOutboxTable;
  audit_log: AuditLogTable;
  known_devices: KnownDeviceTable;
  jobs: JobTable;
  organizations: OrganizationTable;
  memberships: MembershipTable;
  invitations: InvitationTable;
  projects: ProjectTable;
  tasks: TaskTable;
  comments: CommentTable;
  idempotency_keys: IdempotencyKeyTable;
  api_keys: ApiKeyTable;
}
