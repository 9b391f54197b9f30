import { type Kysely, sql } from "kysely";

// The tenant domain: organizations, their members and invitations, projects, tasks and comments.
//
// Every row below an organization carries `organization_id`, and child tables reference their parent through
// the pair (organization_id, id). So a task can only point at a project, a comment at a task and an assignee at
// a membership of the same organization: a tenant mix-up is a foreign-key error, not a silent leak.
//
// ON DELETE, deliberately:
// - deleting an organization removes everything below it (memberships, invitations, projects → tasks → comments);
// - deleting a project removes its tasks and their comments;
// - deleting a user removes their memberships, which unassigns their tasks (the composite key sets only
//   assignee_id to null); tasks they created and comments they wrote stay, with created_by / author_id null.
// Timestamps are timestamptz(3) so a Date read back is exact and keyset cursors neither skip nor repeat rows.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organizations (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 200),
      slug citext not null unique check (slug ~ '^[a-z0-9](-?[a-z0-9])*$' and length(slug) <= 60),
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now()
    )`.execute(db);

  await sql`
    create table memberships (
      organization_id uuid not null references organizations (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      role text not null check (role in ('owner', 'admin', 'member')),
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now(),
      primary key (organization_id, user_id)
    )`.execute(db);
  // "My organizations" and the directory start from the user.
  await sql`create index memberships_user_idx on memberships (user_id, organization_id)`.execute(db);
  // The member list pages by (created_at, user_id) within one organization.
  await sql`create index memberships_org_created_idx on memberships (organization_id, created_at, user_id)`.execute(
    db,
  );

  await sql`
    create table invitations (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations (id) on delete cascade,
      email citext not null,
      role text not null check (role in ('owner', 'admin', 'member')),
      token_hash text not null unique,
      invited_by uuid references users (id) on delete set null,
      expires_at timestamptz(3) not null,
      accepted_at timestamptz(3),
      declined_at timestamptz(3),
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now(),
      check (accepted_at is null or declined_at is null)
    )`.execute(db);
  await sql`create index invitations_org_created_idx on invitations (organization_id, created_at, id)`.execute(
    db,
  );
  await sql`create index invitations_email_idx on invitations (email) where accepted_at is null and declined_at is null`.execute(
    db,
  );

  await sql`
    create table projects (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations (id) on delete cascade,
      name text not null check (length(name) between 1 and 200),
      key text not null check (key ~ '^[A-Z][A-Z0-9]{1,9}$'),
      description text not null default '' check (length(description) <= 10000),
      archived_at timestamptz(3),
      next_task_number integer not null default 1 check (next_task_number >= 1),
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now(),
      unique (organization_id, key),
      unique (organization_id, id)
    )`.execute(db);
  await sql`create index projects_org_created_idx on projects (organization_id, created_at, id)`.execute(db);

  await sql`
    create table tasks (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null,
      project_id uuid not null,
      number integer not null check (number >= 1),
      title text not null check (length(title) between 1 and 500),
      description text not null default '' check (length(description) <= 50000),
      status text not null default 'todo' check (status in ('todo', 'in_progress', 'done', 'canceled')),
      priority smallint not null default 0 check (priority between 0 and 4),
      assignee_id uuid,
      due_date date,
      created_by uuid references users (id) on delete set null,
      version integer not null default 1,
      search tsvector generated always as (
        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', description), 'B')
      ) stored,
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now(),
      unique (project_id, number),
      unique (organization_id, id),
      foreign key (organization_id, project_id) references projects (organization_id, id) on delete cascade,
      foreign key (organization_id, assignee_id) references memberships (organization_id, user_id)
        on delete set null (assignee_id)
    )`.execute(db);
  // One index per sort order of the task list, each ending in id so equal sort keys still have one order.
  await sql`create index tasks_project_created_idx on tasks (project_id, created_at, id)`.execute(db);
  await sql`create index tasks_project_updated_idx on tasks (project_id, updated_at, id)`.execute(db);
  await sql`create index tasks_project_priority_idx on tasks (project_id, priority, created_at, id)`.execute(
    db,
  );
  // Tasks without a due date sort last: 'infinity' keeps the key a plain comparable value, so the keyset
  // comparison needs no NULL special case.
  await sql`create index tasks_project_due_idx on tasks (project_id, (coalesce(due_date, 'infinity'::date)), id)`.execute(
    db,
  );
  await sql`create index tasks_project_status_idx on tasks (project_id, status)`.execute(db);
  // Serves "assigned to X" filters and the ON DELETE of a membership (and unassigning a removed member).
  await sql`create index tasks_org_assignee_idx on tasks (organization_id, assignee_id)`.execute(db);
  await sql`create index tasks_search_idx on tasks using gin (search)`.execute(db);

  await sql`
    create table comments (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null,
      task_id uuid not null,
      author_id uuid references users (id) on delete set null,
      body text not null check (length(body) between 1 and 10000),
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now(),
      foreign key (organization_id, task_id) references tasks (organization_id, id) on delete cascade
    )`.execute(db);
  await sql`create index comments_task_created_idx on comments (task_id, created_at, id)`.execute(db);

  for (const table of ["organizations", "memberships", "invitations", "comments"]) {
    await sql`
      create trigger ${sql.raw(`${table}_set_updated_at`)} before update on ${sql.table(table)}
      for each row execute function set_updated_at()`.execute(db);
  }
  // Handing out a task number is not an edit of the project, so only these columns move updated_at.
  await sql`
    create trigger projects_set_updated_at before update of name, key, description, archived_at on projects
    for each row execute function set_updated_at()`.execute(db);

  // Every write to a task, including the ON DELETE SET NULL of its assignee, moves its version, so an
  // optimistic update based on an older read always fails instead of overwriting that write.
  await sql`
    create function tasks_touch() returns trigger language plpgsql as $$
    begin
      new.updated_at := now();
      new.version := old.version + 1;
      return new;
    end
    $$`.execute(db);
  await sql`
    create trigger tasks_touch before update on tasks
    for each row execute function tasks_touch()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["comments", "tasks", "projects", "invitations", "memberships", "organizations"]) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
  await sql`drop function tasks_touch()`.execute(db);
}
