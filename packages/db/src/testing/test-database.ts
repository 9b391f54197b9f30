import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { sql } from "kysely";
import { afterAll, beforeAll, inject } from "vitest";
import { createDatabase, type Database, type DatabaseKind } from "../create-database.ts";
import { quoteIdent, withAdmin, withDatabase } from "./postgres-admin.ts";
import "./provided.ts";

export interface TestDatabase {
  db: Database;
  driver: DatabaseKind;
  /** A connection string for this database (postgres only): for code under test that opens its own pool. */
  connectionString: string | undefined;
  destroy(): Promise<void>;
}

/**
 * A migrated database of its own for the calling test file, on the driver of the running vitest project. It is
 * returned only once it answers a query, so a PGlite cold start (seconds on a loaded machine) is paid inside the
 * hook that created it, never by the first test.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const database = await openTestDatabase();
  await sql`select 1`.execute(database.db);
  return database;
}

async function openTestDatabase(): Promise<TestDatabase> {
  const target = inject("plinthDatabase");
  if (target.driver === "pglite") {
    const snapshot = new Blob([new Uint8Array(await readFile(target.snapshotPath))]);
    const db = createDatabase({ snapshot });
    return {
      db,
      driver: "pglite",
      connectionString: undefined,
      destroy: () => db.destroy(),
    };
  }

  const name = `${target.template}_${randomBytes(4).toString("hex")}`;
  await withAdmin(target.adminUrl, (admin) =>
    admin.query(`create database ${quoteIdent(name)} template ${quoteIdent(target.template)}`),
  );
  const connectionString = withDatabase(target.adminUrl, name);
  const db = createDatabase({ connectionString, pool: { max: 5 } });
  return {
    db,
    driver: "postgres",
    connectionString,
    destroy: async () => {
      await db.destroy();
      await withAdmin(target.adminUrl, (admin) =>
        admin.query(`drop database if exists ${quoteIdent(name)} with (force)`),
      );
    },
  };
}

/**
 * Registers a database for the whole test file: created before its first test, destroyed after its last.
 * Tests in one file share it, so they create their own rows rather than assume an empty table.
 */
export function useTestDatabase(): {
  readonly db: Database;
  readonly driver: DatabaseKind;
  readonly current: TestDatabase;
} {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await createTestDatabase();
  });
  afterAll(async () => {
    await current?.destroy();
  });
  const get = (): TestDatabase => {
    if (!current) throw new Error("useTestDatabase(): the database exists only while the file's tests run");
    return current;
  };
  return {
    get db() {
      return get().db;
    },
    get driver() {
      return get().driver;
    },
    get current() {
      return get();
    },
  };
}
