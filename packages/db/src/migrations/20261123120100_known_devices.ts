import { type Kysely, sql } from "kysely";

// Devices that signed in to an account before keep signing in while the account is under a guessing attack
// (ADR 008). Only the SHA-256 of the device token is stored.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("known_devices")
    .addColumn("user_id", "uuid", (col) => col.notNull().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (col) => col.notNull())
    .addColumn("created_at", sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", sql`timestamptz(3)`, (col) => col.notNull())
    .addColumn("expires_at", sql`timestamptz(3)`, (col) => col.notNull())
    .addPrimaryKeyConstraint("known_devices_pkey", ["user_id", "token_hash"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("known_devices").execute();
}
