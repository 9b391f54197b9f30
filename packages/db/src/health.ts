import { sql } from "kysely";
import type { Database } from "./create-database.ts";
import { migrationStatus } from "./migrator.ts";

export interface DatabaseHealth {
  reachable: boolean;
  pendingMigrations: string[];
  error?: string;
}

/** One round trip to prove the database answers, then the migration table to prove the schema is current. */
export async function checkDatabase(db: Database): Promise<DatabaseHealth> {
  try {
    await sql`select 1`.execute(db);
    const pending = (await migrationStatus(db)).filter((m) => m.executedAt === null).map((m) => m.name);
    return { reachable: true, pendingMigrations: pending };
  } catch (error) {
    return {
      reachable: false,
      pendingMigrations: [],
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

/** `select now()`: the database's clock, which proves a round trip and gives callers a shared time source. */
export async function databaseTime(db: Database): Promise<Date> {
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(db);
  const now = rows[0]?.now;
  if (!now) throw new Error("select now() returned no row");
  return now;
}
