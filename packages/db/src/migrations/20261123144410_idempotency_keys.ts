import { type Kysely, sql } from "kysely";

// REST callers retry a POST create with an `Idempotency-Key` header (issue 8, ADR 018): the first request's
// response is kept for 24 h and replayed, so a retry after a lost answer does not create a second resource. A
// row is a claim while the work runs (`in_progress`, held until `locked_until`) and the stored answer once done.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("idempotency_keys")
    .addColumn("user_id", "uuid", (col) => col.notNull().references("users.id").onDelete("cascade"))
    .addColumn("key", "text", (col) => col.notNull())
    .addColumn("fingerprint", "text", (col) => col.notNull())
    .addColumn("state", "text", (col) => col.notNull().check(sql`state in ('in_progress', 'done')`))
    // Names the claim that holds an in_progress row, so a request overtaken after its lease can neither store
    // its answer over the new holder's nor release the new holder's claim.
    .addColumn("claim_token", "uuid", (col) => col.notNull())
    .addColumn("locked_until", sql`timestamptz(3)`)
    .addColumn("response_status", "integer")
    // The body as the first request sent it (text, not jsonb, so a replay is byte-for-byte the same JSON).
    .addColumn("response_body", "text")
    .addColumn("response_location", "text")
    .addColumn("created_at", sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("idempotency_keys_pkey", ["user_id", "key"])
    .addCheckConstraint(
      "idempotency_keys_state_shape",
      sql`(state = 'in_progress' and locked_until is not null and response_status is null)
        or (state = 'done' and locked_until is null and response_status is not null)`,
    )
    .execute();
  // The prune deletes the oldest rows in batches; without this index each batch would scan the table.
  await db.schema
    .createIndex("idempotency_keys_created_at_idx")
    .on("idempotency_keys")
    .column("created_at")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("idempotency_keys").execute();
}
