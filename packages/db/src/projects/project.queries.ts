import type { Executor } from "../executor.ts";
import { type KeysetCursor, type Page, toPage } from "../pagination.ts";
import { defineQueryShape } from "../prepared/query-shape.ts";
import type { Project } from "./project.table.ts";

/** A key already used in the organization raises 23505. */
export async function createProject(
  db: Executor,
  input: { orgId: string; name: string; key: string; description?: string | undefined },
): Promise<Project> {
  return db
    .insertInto("projects")
    .values({
      organization_id: input.orgId,
      name: input.name,
      key: input.key,
      ...(input.description === undefined ? {} : { description: input.description }),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Every project-scoped call (the task list among them) checks the project with it (ADR 024). */
const project = defineQueryShape({
  name: "project",
  bind: (input: { orgId: string; projectId: string }, bind) => ({
    orgId: bind(input.orgId),
    projectId: bind(input.projectId),
  }),
  build: (db, input) =>
    db
      .selectFrom("projects")
      .selectAll()
      .where("organization_id", "=", input.orgId)
      .where("id", "=", input.projectId),
});

export async function findProject(
  db: Executor,
  input: { orgId: string; projectId: string },
): Promise<Project | undefined> {
  return (await project.execute(db, input)).rows[0];
}

/** `select … for no key update`: the project, locked against other writers until the transaction ends (see `lockOrganization`). */
export async function lockProject(
  db: Executor,
  input: { orgId: string; projectId: string },
): Promise<Project | undefined> {
  return db
    .selectFrom("projects")
    .selectAll()
    .where("organization_id", "=", input.orgId)
    .where("id", "=", input.projectId)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

export async function findProjectByKey(
  db: Executor,
  input: { orgId: string; key: string },
): Promise<Project | undefined> {
  return db
    .selectFrom("projects")
    .selectAll()
    .where("organization_id", "=", input.orgId)
    .where("key", "=", input.key)
    .executeTakeFirst();
}

/** Rename, describe, archive (`archivedAt: date`) or unarchive (`archivedAt: null`). */
export async function updateProject(
  db: Executor,
  input: {
    orgId: string;
    projectId: string;
    changes: { name?: string; key?: string; description?: string; archivedAt?: Date | null };
  },
): Promise<Project | undefined> {
  const { archivedAt, ...rest } = input.changes;
  return db
    .updateTable("projects")
    .set({ ...rest, ...(archivedAt === undefined ? {} : { archived_at: archivedAt }) })
    .where("organization_id", "=", input.orgId)
    .where("id", "=", input.projectId)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes the project with its tasks and their comments (cascade). */
export async function deleteProject(
  db: Executor,
  input: { orgId: string; projectId: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom("projects")
    .where("organization_id", "=", input.orgId)
    .where("id", "=", input.projectId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * An organization's projects, newest first, by keyset over `projects_org_created_idx`:
 * `where organization_id = $1 [and archived_at is null] and (created_at, id) < ($2, $3) order by created_at desc, id desc`.
 */
export async function listProjects(
  db: Executor,
  opts: { orgId: string; limit: number; after?: KeysetCursor | undefined; includeArchived?: boolean },
): Promise<Page<Project>> {
  let query = db.selectFrom("projects").selectAll().where("organization_id", "=", opts.orgId);
  if (!opts.includeArchived) query = query.where("archived_at", "is", null);
  const after = opts.after;
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple("created_at", "id"), "<", eb.tuple(after.createdAt, after.id)),
    );
  }
  const rows = await query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(opts.limit + 1)
    .execute();
  return toPage(rows, opts.limit, (r) => r);
}
