export {
  createDatabase,
  type Database,
  type DatabaseConfig,
  type DatabaseKind,
  databaseKind,
  type PoolOptions,
} from "./create-database.ts";
export { isForeignKeyViolation, isUniqueViolation } from "./errors.ts";
export { checkDatabase, type DatabaseHealth, databaseTime } from "./health.ts";
export {
  createMigrator,
  MigrationError,
  type MigrationState,
  migrateDown,
  migrateToLatest,
  migrateUp,
  migrationStatus,
} from "./migrator.ts";
export {
  decodeCursor,
  encodeCursor,
  type KeysetCursor,
  type Page,
  toPage,
} from "./pagination.ts";
export { defaultPgliteDataDir } from "./paths.ts";
export type { DB } from "./schema.ts";
export { seed } from "./seed.ts";
export type { Session, SessionTable } from "./sessions/session.table.ts";
export * as users from "./users/user.queries.ts";
export {
  type NewUser,
  type User,
  type UserRole,
  type UserTable,
  type UserUpdate,
  userRoles,
} from "./users/user.table.ts";
