import { type ExpressionBuilder, type SelectQueryBuilder, sql } from "kysely";
import type { Executor } from "../executor.ts";
import { type Page, toSortedPage } from "../pagination.ts";
import type { DB } from "../schema.ts";
import type { Task, TaskStatus } from "./task.table.ts";
import { taskColumns } from "./task-columns.ts";
import { encodeTaskCursor, type TaskCursor, type TaskSort } from "./task-cursor.ts";

export interface TaskFilters {
  /** Any of these; empty or absent: every status. */
  statuses?: readonly TaskStatus[] | undefined;
  /** A user id, or "unassigned". ("me" is the caller's id, resolved by the service.) */
  assignee?: string | undefined;
  priority?: number | undefined;
  /** Inclusive 'YYYY-MM-DD' bounds; a bound excludes tasks without a due date. */
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  /** Full-text search over title and description (websearch syntax: words, "phrases", -not). */
  search?: string | undefined;
}

export interface ListTasksOptions {
  orgId: string;
  projectId: string;
  filters?: TaskFilters | undefined;
  sort: TaskSort;
  /** Items per page; one more row is fetched to learn whether a next page exists. */
  limit: number;
  after?: TaskCursor | undefined;
}

export interface TaskListItem extends Task {
  assignee_name: string | null;
  comment_count: number;
}

const dueExpr = sql<string>`coalesce(tasks.due_date, 'infinity'::date)`;

/**
 * The task list query, unexecuted (the EXPLAIN test plans it). One statement: the assignee's name by join and
 * the comment count by a correlated count over `comments_task_created_idx`, so a page of 100 costs what a page of 1
 * does. Each sort order walks its own index (`tasks_project_<sort>_idx`) from the cursor with a row comparison.
 */
export function listTasksQuery(db: Executor, opts: ListTasksOptions) {
  let query = db
    .selectFrom("tasks")
    .leftJoin("users as assignee", "assignee.id", "tasks.assignee_id")
    .select(taskColumns)
    .select((eb) => [
      "assignee.name as assignee_name",
      eb
        .selectFrom("comments")
        .select((c) => c.fn.countAll<number>().as("n"))
        .whereRef("comments.task_id", "=", "tasks.id")
        .whereRef("comments.organization_id", "=", "tasks.organization_id")
        .$asScalar()
        .$notNull()
        .as("comment_count"),
    ])
    .where("tasks.organization_id", "=", opts.orgId)
    .where("tasks.project_id", "=", opts.projectId);
  query = applyFilters(query, opts.filters ?? {});
  const after = opts.after;
  if (after && after.sort !== opts.sort)
    throw new Error("listTasks: the cursor belongs to another sort order");
  switch (opts.sort) {
    case "created":
      if (after?.sort === "created")
        query = query.where(tupleBefore(["tasks.created_at", "tasks.id"], [after.createdAt, after.id]));
      query = query.orderBy("tasks.created_at", "desc").orderBy("tasks.id", "desc");
      break;
    case "updated":
      if (after?.sort === "updated")
        query = query.where(tupleBefore(["tasks.updated_at", "tasks.id"], [after.updatedAt, after.id]));
      query = query.orderBy("tasks.updated_at", "desc").orderBy("tasks.id", "desc");
      break;
    case "priority":
      if (after?.sort === "priority")
        query = query.where((eb) =>
          eb(
            eb.refTuple("tasks.priority", "tasks.created_at", "tasks.id"),
            "<",
            eb.tuple(after.priority, after.createdAt, after.id),
          ),
        );
      query = query
        .orderBy("tasks.priority", "desc")
        .orderBy("tasks.created_at", "desc")
        .orderBy("tasks.id", "desc");
      break;
    case "due":
      if (after?.sort === "due")
        query = query.where(sql<boolean>`(${dueExpr}, tasks.id) > (${after.due}::date, ${after.id}::uuid)`);
      query = query.orderBy(dueExpr, "asc").orderBy("tasks.id", "asc");
      break;
  }
  return query.limit(opts.limit + 1);
}

function tupleBefore(refs: ["tasks.created_at" | "tasks.updated_at", "tasks.id"], values: [Date, string]) {
  return (eb: ExpressionBuilder<DB & { assignee: DB["users"] }, "tasks" | "assignee">) =>
    eb(eb.refTuple(refs[0], refs[1]), "<", eb.tuple(values[0], values[1]));
}

function applyFilters<O>(
  query: SelectQueryBuilder<DB & { assignee: DB["users"] }, "tasks" | "assignee", O>,
  filters: TaskFilters,
) {
  let q = query;
  if (filters.statuses && filters.statuses.length > 0) q = q.where("tasks.status", "in", filters.statuses);
  if (filters.assignee === "unassigned") q = q.where("tasks.assignee_id", "is", null);
  else if (filters.assignee !== undefined) q = q.where("tasks.assignee_id", "=", filters.assignee);
  if (filters.priority !== undefined) q = q.where("tasks.priority", "=", filters.priority);
  if (filters.dueFrom !== undefined) q = q.where("tasks.due_date", ">=", filters.dueFrom);
  if (filters.dueTo !== undefined) q = q.where("tasks.due_date", "<=", filters.dueTo);
  const search = filters.search?.trim();
  if (search) q = q.where(sql<boolean>`tasks.search @@ websearch_to_tsquery('english', ${search})`);
  return q;
}

/** Runs `listTasksQuery` and turns the rows into a page whose `nextCursor` encodes this sort order's key. */
export async function listTasks(db: Executor, opts: ListTasksOptions): Promise<Page<TaskListItem>> {
  const rows = await listTasksQuery(db, opts).execute();
  return toSortedPage(
    rows,
    opts.limit,
    (row) => encodeTaskCursor(opts.sort, row),
    (row) => row,
  );
}
