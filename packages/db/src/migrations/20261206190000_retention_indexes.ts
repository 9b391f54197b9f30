import { type Kysely, sql } from "kysely";

// Rows that have served their purpose are deleted by the hourly retention prune (ADR 034): finished jobs, sent
// emails (their bodies hold sign-in and reset links), expired sessions, single-use tokens and invitations, and API
// keys long after they were revoked or expired. Each prune finds its oldest rows by the moment they ended, so each
// table gets an index on that moment; partial where most rows have not ended yet.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index jobs_finished_idx on jobs (finished_at) where finished_at is not null`.execute(db);
  await sql`create index email_outbox_sent_idx on email_outbox (sent_at) where sent_at is not null`.execute(
    db,
  );
  // A session's expiry moves about twice a month (sliding, ADR 007), so this index costs its updates
  // little; until now every process swept expired sessions hourly by reading the whole table.
  await sql`create index sessions_expires_idx on sessions (expires_at)`.execute(db);
  await sql`create index user_tokens_expires_idx on user_tokens (expires_at)`.execute(db);
  await sql`create index invitations_expires_idx on invitations (expires_at)`.execute(db);
  // least() skips nulls: a key ends at its revocation or its expiry, whichever came first. Not partial: the
  // planner cannot tell that `least(…) < $1` implies either column is set, and would not use it.
  await sql`create index api_keys_ended_idx on api_keys ((least(revoked_at, expires_at)))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [
    "api_keys_ended_idx",
    "invitations_expires_idx",
    "user_tokens_expires_idx",
    "sessions_expires_idx",
    "email_outbox_sent_idx",
    "jobs_finished_idx",
  ]) {
    await sql`drop index ${sql.ref(index)}`.execute(db);
  }
}
