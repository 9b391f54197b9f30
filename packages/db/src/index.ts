export * as apiKeys from "./api-keys/api-key.queries.ts";
export { type ApiKey, type ApiKeyScope, apiKeyScopes, type NewApiKey } from "./api-keys/api-key.table.ts";
export type { ActivityEntry, AuditRecord } from "./audit/audit-log.queries.ts";
export * as audit from "./audit/audit-log.queries.ts";
export {
  type AuditChanges,
  type AuditEntityType,
  type AuditEntry,
  type AuditEvent,
  type AuditValue,
  auditEntityTypes,
  auditEvents,
} from "./audit/audit-log.table.ts";
export type { CommentWithAuthor } from "./comments/comment.queries.ts";
export * as comments from "./comments/comment.queries.ts";
export type { Comment } from "./comments/comment.table.ts";
export {
  createDatabase,
  type Database,
  type DatabaseConfig,
  type DatabaseKind,
  databaseKind,
  type PoolOptions,
} from "./create-database.ts";
export { DataDirLockedError } from "./data-dir-lock.ts";
export * as knownDevices from "./devices/known-device.queries.ts";
export type { KnownDevice } from "./devices/known-device.table.ts";
export {
  isDatabaseUnavailable,
  isForeignKeyViolation,
  isQueryReadTimeout,
  isUniqueViolation,
} from "./errors.ts";
export type { Executor } from "./executor.ts";
export { checkDatabase, type DatabaseHealth, databaseTime } from "./health.ts";
export type { ClaimInput, ClaimRef, ClaimResult } from "./idempotency/idempotency.queries.ts";
export * as idempotencyKeys from "./idempotency/idempotency.queries.ts";
export {
  type IdempotencyKey,
  type IdempotencyState,
  idempotencyStates,
} from "./idempotency/idempotency.table.ts";
export * as invitations from "./invitations/invitation.queries.ts";
export type { Invitation } from "./invitations/invitation.table.ts";
export * as jobs from "./jobs/job.queries.ts";
export type { Job } from "./jobs/job.table.ts";
export type { DirectoryEntry, Member, OwnerGuardedResult } from "./memberships/membership.queries.ts";
export * as memberships from "./memberships/membership.queries.ts";
export { type Membership, type MembershipRole, membershipRoles } from "./memberships/membership.table.ts";
export {
  createMigrator,
  MigrationError,
  type MigrationState,
  migrateDown,
  migrateToLatest,
  migrateUp,
  migrationStatus,
} from "./migrator.ts";
export type { MyOrganization } from "./organizations/organization.queries.ts";
export * as organizations from "./organizations/organization.queries.ts";
export type { Organization } from "./organizations/organization.table.ts";
export * as outbox from "./outbox/email-outbox.queries.ts";
export type { NewOutboxEmail, OutboxEmail } from "./outbox/email-outbox.table.ts";
export {
  cursorDate,
  cursorTimestamp,
  decodeCursor,
  decodeSortCursor,
  encodeCursor,
  encodeSortCursor,
  type KeysetCursor,
  type Page,
  type SortKeyValue,
  toPage,
  toSortedPage,
} from "./pagination.ts";
export { defaultPgliteDataDir } from "./paths.ts";
export {
  createPgPool,
  MIGRATION_TIMEOUTS,
  type PgPoolOptions,
  type PgTimeouts,
  REQUEST_TIMEOUTS,
  superviseConnections,
} from "./pg-pool.ts";
export * as projects from "./projects/project.queries.ts";
export type { Project } from "./projects/project.table.ts";
export type { PrunedTable } from "./retention/retention.queries.ts";
export * as retention from "./retention/retention.queries.ts";
export type { DB } from "./schema.ts";
export { DEMO_PASSWORD, DEMO_PASSWORD_HASH, type SeedResult, seed } from "./seed.ts";
export * as sessions from "./sessions/session.queries.ts";
export type { NewSession, Session, SessionTable } from "./sessions/session.table.ts";
export type {
  ListTasksOptions,
  NewTaskInput,
  TaskChanges,
  TaskCursor,
  TaskFilters,
  TaskListItem,
  TaskSort,
} from "./tasks/task.queries.ts";
export * as tasks from "./tasks/task.queries.ts";
export {
  type Task,
  type TaskPriority,
  type TaskStatus,
  taskPriorities,
  taskStatuses,
} from "./tasks/task.table.ts";
export * as userTokens from "./tokens/user-token.queries.ts";
export { type TokenPurpose, tokenPurposes, type UserToken } from "./tokens/user-token.table.ts";
export * as users from "./users/user.queries.ts";
export {
  type NewUser,
  type User,
  type UserRole,
  type UserTable,
  type UserUpdate,
  userRoles,
} from "./users/user.table.ts";
