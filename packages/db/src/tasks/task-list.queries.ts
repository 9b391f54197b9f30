import { type ExpressionBuilder, type SelectQueryBuilder, sql } from "kysely";
import type { Executor } from "../executor.ts";
import { type Page, toSortedPage } from "../pagination.ts";
import { type Bind, defineQueryShape } from "../prepared/query-shape.ts";
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
  return taskListQuery(db, opts, opts.limit + 1);
}

/** `listTasksQuery` fetching `rows` rows: the query shape binds the row count, so it must not add to it. */
function taskListQuery(db: Executor, opts: ListTasksOptions, rows: number) {
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
  return query.limit(rows);
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

/**
 * The task list (the bench's W3) as a query shape: one variant per sort order, cursor or not, and set of filters
 * present (with the number of statuses), named while there are at most 64 of them (ADR 024). The statuses'
 * `in (…)` list has at most four entries (the input schema caps it), so its lengths are few.
 */
const taskList = defineQueryShape({
  name: "task_list",
  maxVariants: 64,
  bind: ({ opts, rows }: { opts: ListTasksOptions; rows: number }, bind) => ({
    opts: {
      orgId: bind(opts.orgId),
      projectId: bind(opts.projectId),
      filters: opts.filters && bindFilters(opts.filters, bind),
      sort: opts.sort,
      // Read only through `rows`: 0 keeps the page size out of the variant key.
      limit: 0,
      after: opts.after && bindCursor(opts.after, bind),
    },
    rows: bind(rows),
  }),
  build: (db, { opts, rows }) => taskListQuery(db, opts, rows),
});

/** What `applyFilters` binds as parameters; "unassigned" and the presence of each filter stay in the key. */
function bindFilters(f: TaskFilters, bind: Bind): TaskFilters {
  const search = f.search?.trim();
  return {
    statuses: f.statuses?.map(bind),
    assignee: f.assignee === undefined || f.assignee === "unassigned" ? f.assignee : bind(f.assignee),
    priority: f.priority === undefined ? undefined : bind(f.priority),
    dueFrom: f.dueFrom === undefined ? undefined : bind(f.dueFrom),
    dueTo: f.dueTo === undefined ? undefined : bind(f.dueTo),
    search: search ? bind(search) : undefined,
  };
}

function bindCursor(after: TaskCursor, bind: Bind): TaskCursor {
  switch (after.sort) {
    case "created":
      return { sort: after.sort, createdAt: bind(after.createdAt), id: bind(after.id) };
    case "updated":
      return { sort: after.sort, updatedAt: bind(after.updatedAt), id: bind(after.id) };
    case "priority":
      return {
        sort: after.sort,
        priority: bind(after.priority),
        createdAt: bind(after.createdAt),
        id: bind(after.id),
      };
    case "due":
      return { sort: after.sort, due: bind(after.due), id: bind(after.id) };
  }
}

/** Runs `listTasksQuery` and turns the rows into a page whose `nextCursor` encodes this sort order's key. */
export async function listTasks(db: Executor, opts: ListTasksOptions): Promise<Page<TaskListItem>> {
  const { rows } = await taskList.execute(db, { opts, rows: opts.limit + 1 });
  return toSortedPage(
    rows,
    opts.limit,
    (row) => encodeTaskCursor(opts.sort, row),
    (row) => row,
  );
}
