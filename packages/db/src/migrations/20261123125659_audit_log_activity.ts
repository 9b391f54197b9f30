import { type Kysely, sql } from "kysely";

// The organization activity feed is read from audit_log: a mutation names its organization and the entity it
// touched, and keeps the changed fields before and after.
//
// organization_id deliberately has no foreign key: the audit trail is history, and the row that records an
// organization's deletion (written in the same transaction) must survive that deletion.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table audit_log
      add column organization_id uuid,
      add column entity_type text,
      add column entity_id uuid,
      add column changes jsonb`.execute(db);
  // The feed pages newest first by (occurred_at, id) within one organization.
  await sql`
    create index audit_log_org_occurred_idx on audit_log (organization_id, occurred_at, id)
    where organization_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index audit_log_org_occurred_idx`.execute(db);
  await sql`
    alter table audit_log
      drop column organization_id,
      drop column entity_type,
      drop column entity_id,
      drop column changes`.execute(db);
}
