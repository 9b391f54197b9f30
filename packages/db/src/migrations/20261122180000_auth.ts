import { type Kysely, sql } from "kysely";

// Authentication: disabled accounts, richer sessions, single-use tokens, the email outbox and the audit log.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("users").addColumn("disabled_at", sql`timestamptz(3)`).execute();

  // The absolute cap (ASVS 7.3) is fixed at creation; sliding expiry never moves past it.
  await db.schema
    .alterTable("sessions")
    .addColumn("absolute_expires_at", sql`timestamptz(3)`, (col) =>
      col.notNull().defaultTo(sql`now() + interval '90 days'`),
    )
    .addColumn("last_seen_at", sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("user_agent", "text", (col) => col.check(sql`length(user_agent) <= 512`))
    .addColumn("ip", "text", (col) => col.check(sql`length(ip) <= 64`))
    .execute();
  await sql`alter table sessions alter column absolute_expires_at drop default`.execute(db);

  // Email verification, password reset and email change share one shape. Only the SHA-256 of a token is stored;
  // consuming one is a single conditional UPDATE, so of parallel uses exactly one wins.
  await db.schema
    .createTable("user_tokens")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("user_id", "uuid", (col) => col.notNull().references("users.id").onDelete("cascade"))
    .addColumn("purpose", "text", (col) =>
      col.notNull().check(sql`purpose in ('email_verification', 'password_reset', 'email_change')`),
    )
    .addColumn("token_hash", "text", (col) => col.notNull().unique())
    .addColumn("email", sql`citext`)
    .addColumn("expires_at", sql`timestamptz(3)`, (col) => col.notNull())
    .addColumn("consumed_at", sql`timestamptz(3)`)
    .addColumn("created_at", sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("user_tokens_user_purpose_idx")
    .on("user_tokens")
    .columns(["user_id", "purpose"])
    .execute();

  // Transactional outbox: a row is written in the same transaction as the change that causes the email.
  await db.schema
    .createTable("email_outbox")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("to_address", "text", (col) => col.notNull())
    .addColumn("subject", "text", (col) => col.notNull())
    .addColumn("text_body", "text", (col) => col.notNull())
    .addColumn("created_at", sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("available_at", sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("sent_at", sql`timestamptz(3)`)
    .execute();
  await sql`create index email_outbox_pending_idx on email_outbox (available_at) where sent_at is null`.execute(
    db,
  );
  await db.schema
    .createIndex("email_outbox_created_idx")
    .on("email_outbox")
    .columns(["created_at", "id"])
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("occurred_at", sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("event", "text", (col) => col.notNull())
    .addColumn("actor_user_id", "uuid", (col) => col.references("users.id").onDelete("set null"))
    .addColumn("subject_user_id", "uuid", (col) => col.references("users.id").onDelete("set null"))
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .addColumn("request_id", "text")
    .addColumn("details", "jsonb", (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .createIndex("audit_log_subject_idx")
    .on("audit_log")
    .columns(["subject_user_id", "occurred_at"])
    .execute();
  await db.schema.createIndex("audit_log_occurred_idx").on("audit_log").column("occurred_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("audit_log").execute();
  await db.schema.dropTable("email_outbox").execute();
  await db.schema.dropTable("user_tokens").execute();
  await db.schema
    .alterTable("sessions")
    .dropColumn("absolute_expires_at")
    .dropColumn("last_seen_at")
    .dropColumn("user_agent")
    .dropColumn("ip")
    .execute();
  await db.schema.alterTable("users").dropColumn("disabled_at").execute();
}
