import { type Kysely, sql } from "kysely";

// Personal API keys (issue 8, ADR 016): external callers authenticate as a user without a browser session.
// Only the SHA-256 of the whole token is stored (`secret_hash`, looked up on every call, hence unique and
// indexed); `public_id` is the short, non-secret part of the token shown in lists and audit rows.
//
// Revocation is a soft state (`revoked_at`), not a delete: the audit trail names the key by id and public id, and
// "which key made this call, and when was it last used" must stay answerable after the key is revoked.
// `updated_at` has no trigger on purpose: the once-a-minute `last_used_at` write is not a change of the key.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table api_keys (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      public_id text not null,
      secret_hash text not null,
      name text not null,
      scopes text[] not null,
      expires_at timestamptz(3),
      last_used_at timestamptz(3),
      revoked_at timestamptz(3),
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now(),
      constraint api_keys_public_id_key unique (public_id),
      constraint api_keys_secret_hash_key unique (secret_hash),
      constraint api_keys_name_length check (char_length(name) between 1 and 100),
      -- A non-empty subset of the known scopes, each at most once.
      constraint api_keys_scopes_check check (
        cardinality(scopes) between 1 and 2
        and scopes <@ array['read', 'write']::text[]
        and array_position(scopes, null) is null
        and (cardinality(scopes) = 1 or scopes[1] <> scopes[2])
      )
    )`.execute(db);
  // "My keys", newest first; the per-user cap counts the same rows.
  await sql`create index api_keys_user_created_idx on api_keys (user_id, created_at desc, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table api_keys`.execute(db);
}
