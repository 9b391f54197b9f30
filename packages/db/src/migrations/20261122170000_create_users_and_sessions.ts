import { type Kysely, sql } from "kysely";

// Timestamps are timestamptz(3): a JS Date holds milliseconds, so a value read back and sent as a keyset
// cursor compares exactly equal to the stored one.
// Migrations take Kysely<unknown>: they must not depend on today's table types, which change after them.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists citext`.execute(db);

  await sql`
    create or replace function set_updated_at() returns trigger language plpgsql as $$
    begin
      new.updated_at := now();
      return new;
    end
    $$`.execute(db);

  await db.schema
    .createTable("users")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("email", sql`citext`, (col) => col.notNull().unique())
    .addColumn("name", "text", (col) => col.notNull().check(sql`length(name) between 1 and 200`))
    .addColumn("password_hash", "text")
    .addColumn("email_verified_at", sql`timestamptz(3)`)
    .addColumn("role", "text", (col) => col.notNull().defaultTo("user").check(sql`role in ('user', 'admin')`))
    .addColumn("created_at", sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await sql`
    create trigger users_set_updated_at before update on users
    for each row execute function set_updated_at()`.execute(db);

  // Keyset pagination walks users by (created_at, id); this index serves it in both directions.
  await db.schema.createIndex("users_created_at_id_idx").on("users").columns(["created_at", "id"]).execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("user_id", "uuid", (col) => col.notNull().references("users.id").onDelete("cascade"))
    .addColumn("expires_at", sql`timestamptz(3)`, (col) => col.notNull())
    .addColumn("created_at", sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema.createIndex("sessions_user_id_idx").on("sessions").column("user_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("sessions").execute();
  await db.schema.dropTable("users").execute();
  await sql`drop function if exists set_updated_at()`.execute(db);
  // citext stays: other schemas in the database may use it, and dropping an extension is not ours to do.
}
