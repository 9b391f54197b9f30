import { type MigrationResultSet, Migrator } from "kysely";
import type { Database } from "./create-database.ts";
import { migrations } from "./migrations/index.ts";

export interface MigrationState {
  name: string;
  executedAt: Date | null;
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration: string | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "MigrationError";
  }
}

/**
 * The one Migrator the CLI, the server and the tests share. Kysely takes a PostgreSQL advisory lock around each
 * run, so two servers starting at once do not migrate twice.
 */
export function createMigrator(db: Database): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName;
    throw new MigrationError(`Migration ${failed ?? "(unknown)"} failed`, failed, { cause: result.error });
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: Database): Promise<string[]> {
  return unwrap(await createMigrator(db).migrateToLatest());
}

export async function migrateUp(db: Database): Promise<string[]> {
  return unwrap(await createMigrator(db).migrateUp());
}

export async function migrateDown(db: Database): Promise<string[]> {
  return unwrap(await createMigrator(db).migrateDown());
}

export async function migrationStatus(db: Database): Promise<MigrationState[]> {
  const all = await createMigrator(db).getMigrations();
  return all.map((m) => ({ name: m.name, executedAt: m.executedAt ?? null }));
}
