import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { pruneIdempotencyKeysQuery } from "../idempotency/idempotency.queries.ts";
import { makeOrganization, makeUser, useTestDatabase } from "../testing/index.ts";
import { type PrunedTable, prunedTables, pruneEndedQuery } from "./retention.queries.ts";

// The hourly prune must find its few old rows by index, not by reading every table it prunes. Each table gets
// 20,000 rows, one in a hundred of them ended long ago, built by INSERT … SELECT over generate_series and
// ANALYZEd, so the planner sees real sizes (a plan for an empty table would prove nothing).

const t = useTestDatabase();
const ROWS = 20_000;
const cutoff = new Date("2001-01-01T00:00:00Z");
const endedIndex: Record<PrunedTable, string> = {
  jobs: "jobs_finished_idx",
  email_outbox: "email_outbox_sent_idx",
  sessions: "sessions_expires_idx",
  user_tokens: "user_tokens_expires_idx",
  invitations: "invitations_expires_idx",
  api_keys: "api_keys_ended_idx",
};

beforeAll(async () => {
  const user = await makeUser(t.db);
  const { org } = await makeOrganization(t.db);
  // Row g ended long ago when g % 100 = 0, else it has not ended (or ends in the future).
  const old = sql`timestamptz '2000-01-01' + g * interval '1 second'`;
  const future = sql`now() + interval '1 day'`;
  await sql`
    insert into jobs (name, payload, finished_at)
    select 'explain', '{}'::jsonb, case when g % 100 = 0 then ${old} end from generate_series(1, ${ROWS}) g`.execute(
    t.db,
  );
  await sql`
    insert into email_outbox (kind, to_address, subject, text_body, sent_at)
    select 'explain', 'a@example.com', 's', 'b', case when g % 100 = 0 then ${old} end
    from generate_series(1, ${ROWS}) g`.execute(t.db);
  await sql`
    insert into sessions (id, user_id, expires_at, absolute_expires_at)
    select 's' || g, ${user.id}::uuid, case when g % 100 = 0 then ${old} else ${future} end, ${future}
    from generate_series(1, ${ROWS}) g`.execute(t.db);
  await sql`
    insert into user_tokens (user_id, purpose, token_hash, expires_at)
    select ${user.id}::uuid, 'password_reset', 'h' || g, case when g % 100 = 0 then ${old} else ${future} end
    from generate_series(1, ${ROWS}) g`.execute(t.db);
  await sql`
    insert into invitations (organization_id, email, role, token_hash, expires_at)
    select ${org.id}::uuid, 'i' || g || '@example.com', 'member', 'h' || g,
           case when g % 100 = 0 then ${old} else ${future} end
    from generate_series(1, ${ROWS}) g`.execute(t.db);
  await sql`
    insert into api_keys (user_id, public_id, secret_hash, name, scopes, expires_at)
    select ${user.id}::uuid, 'p' || g, 'h' || g, 'k', array['read'], case when g % 100 = 0 then ${old} end
    from generate_series(1, ${ROWS}) g`.execute(t.db);
  await sql`
    insert into idempotency_keys (user_id, key, fingerprint, state, claim_token, locked_until, created_at)
    select ${user.id}::uuid, 'k' || g, repeat('f', 64), 'in_progress', gen_random_uuid(), now(),
           case when g % 100 = 0 then ${old} else ${future} end
    from generate_series(1, ${ROWS}) g`.execute(t.db);
  for (const table of [...prunedTables, "idempotency_keys"])
    await sql`analyze ${sql.table(table)}`.execute(t.db);
}, 600_000);

describe("retention prune plans", () => {
  it.each(prunedTables)(
    "%s: the batch is found by the table's 'ended' index, not a scan of the table",
    async (table) => {
      const query = pruneEndedQuery(table, { olderThan: cutoff, limit: 1_000 });
      const { rows } = await sql<{ "QUERY PLAN": string }>`explain ${query}`.execute(t.db);
      const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
      const index = endedIndex[table];
      expect(plan).toMatch(new RegExp(`Index Scan using ${index}|Bitmap Index Scan on ${index}`));
      // …and the batch's rows by primary key, not by scanning the table for its ids.
      expect(plan).toMatch(new RegExp(`Index Scan using ${table}_pkey|Bitmap Index Scan on ${table}_pkey`));
      expect(plan).not.toMatch(new RegExp(`Seq Scan on ${table}\\b`));
    },
  );

  it("idempotency_keys: the batch is found by created_at's index and deleted by row address, not a table scan", async () => {
    const query = pruneIdempotencyKeysQuery({ olderThan: cutoff, limit: 1_000 });
    const { rows } = await sql<{ "QUERY PLAN": string }>`explain ${query}`.execute(t.db);
    const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
    expect(plan).toMatch(/Index Scan using idempotency_keys_created_at_idx/);
    expect(plan).toMatch(/Tid Scan on idempotency_keys/);
    expect(plan).not.toMatch(/Seq Scan on idempotency_keys\b/);
  });
});
