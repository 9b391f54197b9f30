import { type Kysely, sql } from "kysely";

// Organizations and projects get the optimistic-concurrency `version` that tasks have had since issue 6 (ADR 033).
// Without it, a REST PATCH with If-Match could only compare the tag and then write: two callers holding the same
// tag could both pass the check, and the second overwrote the first. The version moves only with the columns a
// client sees (as `updated_at` does on projects), so handing out a task number is not a conflicting edit.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organizations add column version integer not null default 1`.execute(db);
  await sql`alter table projects add column version integer not null default 1`.execute(db);
  await sql`
    create function bump_version() returns trigger language plpgsql as $$
    begin
      new.version := old.version + 1;
      return new;
    end
    $$`.execute(db);
  await sql`
    create trigger organizations_bump_version before update of name, slug on organizations
    for each row execute function bump_version()`.execute(db);
  await sql`
    create trigger projects_bump_version before update of name, key, description, archived_at on projects
    for each row execute function bump_version()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger projects_bump_version on projects`.execute(db);
  await sql`drop trigger organizations_bump_version on organizations`.execute(db);
  await sql`drop function bump_version()`.execute(db);
  await sql`alter table projects drop column version`.execute(db);
  await sql`alter table organizations drop column version`.execute(db);
}
