import { type Kysely, sql } from "kysely";

// A durable job queue in the application database (ADR 011): work a request hands off, such as the lookup and
// mail behind a password-reset request, survives a restart and runs with retries.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("jobs")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("payload", "jsonb", (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("run_at", sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("locked_until", sql`timestamptz(3)`)
    .addColumn("last_error", "text")
    .addColumn("created_at", sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("finished_at", sql`timestamptz(3)`)
    .execute();
  // Claiming looks only at unfinished jobs, oldest due first; finished ones drop out of the index.
  await sql`create index jobs_due_idx on jobs (run_at) where finished_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("jobs").execute();
}
