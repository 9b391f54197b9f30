/**
 * W3 on the raw baseline: tasks.list with a status filter and an assignee filter, default order, first page.
 *
 * The list statement is not written here by hand: before the baseline starts, the bench compiles packages/db's own
 * `listTasksQuery` with Kysely once per number of statuses (bench/task-templates.ts), and requests here run that
 * SQL text through `pg` with their own parameters. So the baseline runs exactly plinth's statement (a change to the
 * query changes both sides), while no query builder runs per request.
 */
import type { TaskStatus } from "@plinth/db";
import type pg from "pg";

/** How the baseline runs a statement: `name` makes it a named prepared statement in the raw-prepared baseline. */
export type Query = <R extends pg.QueryResultRow = pg.QueryResultRow>(
  name: string,
  text: string,
  values: unknown[],
) => Promise<pg.QueryResult<R>>;

interface TaskRow {
  id: string;
  organization_id: string;
  project_id: string;
  number: number;
  title: string;
  description: string;
  status: TaskStatus;
  priority: number;
  assignee_id: string | null;
  due_date: string | null;
  created_by: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  assignee_name: string | null;
  comment_count: number;
}

interface ListRequest {
  orgId: string;
  projectId: string;
  statuses: TaskStatus[];
  assignee: string;
}

/** One compiled statement, and for each parameter either the request field it takes or a fixed value. */
export interface Template {
  sql: string;
  params: ({ slot: string } | { value: unknown })[];
}

/**
 * What bench/task-templates.ts compiled in the bench process: plinth's task statuses, and the list statement per
 * number of statuses. The baseline gets it as JSON, so it never loads Kysely or @plinth/db (their memory would
 * count against the baseline's RSS).
 */
export interface TaskTemplates {
  statuses: TaskStatus[];
  byCount: Record<string, Template>;
}

const pageSize = 20;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The checks listTasksInput makes for these fields; null for a request plinth would answer 400. */
export function parseListRequest(
  query: URLSearchParams,
  taskStatuses: readonly string[],
): ListRequest | null {
  const orgId = query.get("org") ?? "";
  const projectId = query.get("project") ?? "";
  const assignee = query.get("assignee") ?? "";
  const statuses = (query.get("status") ?? "").split(",");
  if (![orgId, projectId, assignee].every((id) => uuidPattern.test(id))) return null;
  if (statuses.length > taskStatuses.length) return null;
  if (!statuses.every((s): s is TaskStatus => taskStatuses.includes(s))) return null;
  return { orgId, projectId, statuses, assignee };
}

/**
 * The same two statements as plinth's tasks.listTasks after the session lookup: the caller's membership with the
 * project (packages/db's findMembershipWithProject: a non-member or a project outside the organization gets 404),
 * then the page. Null means 404.
 */
export async function listTasks(query: Query, templates: TaskTemplates, userId: string, req: ListRequest) {
  const check = await query<{ project_id: string | null }>(
    "task_member_project",
    `select "m".*, "p"."id" as "project_id" from "memberships" as "m" left join "projects" as "p"
      on "p"."organization_id" = "m"."organization_id" and "p"."id" = $1
      where "m"."organization_id" = $2 and "m"."user_id" = $3`,
    [req.projectId, req.orgId, userId],
  );
  if (!check.rows[0]?.project_id) return null;
  const template = templates.byCount[req.statuses.length];
  if (!template) return null;
  const fields: Record<string, unknown> = {
    orgId: req.orgId,
    projectId: req.projectId,
    assignee: req.assignee,
    ...Object.fromEntries(req.statuses.map((s, i) => [`status${i}`, s])),
  };
  const params = template.params.map((p) => ("slot" in p ? fields[p.slot] : p.value));
  // One name per statuses count: each count is a different statement text.
  const { rows } = await query<TaskRow>(`task_list_${req.statuses.length}`, template.sql, params);
  const items = rows.slice(0, pageSize);
  const last = items.at(-1);
  return {
    items: items.map(toListItem),
    nextCursor: rows.length > pageSize && last ? encodeCreatedCursor(last) : null,
  };
}

/** packages/db's encodeSortCursor for the "created" order: base64url JSON `{s, k: [created_at, id]}`. */
function encodeCreatedCursor(row: TaskRow): string {
  return Buffer.from(JSON.stringify({ s: "created", k: [row.created_at.toISOString(), row.id] })).toString(
    "base64url",
  );
}

/** The shape of packages/api's toTaskListItemView. */
function toListItem(t: TaskRow) {
  return {
    id: t.id,
    projectId: t.project_id,
    number: t.number,
    title: t.title,
    description: t.description,
    status: t.status,
    priority: t.priority,
    assigneeId: t.assignee_id,
    dueDate: t.due_date,
    createdBy: t.created_by,
    version: t.version,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    assignee: t.assignee_id ? { id: t.assignee_id, name: t.assignee_name } : null,
    commentCount: t.comment_count,
  };
}
