import { type ExpressionBuilder, type SelectQueryBuilder, sql } from "kysely";
import { z } from "zod";
import type { Executor } from "../executor.ts";
import {
  cursorDate,
  cursorTimestamp,
  decodeSortCursor,
  encodeSortCursor,
  type Page,
  toSortedPage,
} from "../pagination.ts";
import type { DB } from "../schema.ts";
import type { Task, TaskStatus } from "./task.table.ts";

// Every column but the generated `search` vector, which is matched in SQL and never sent anywhere.
const taskColumns = [
  "tasks.id",
  "tasks.organization_id",
  "tasks.project_id",
  "tasks.number",
  "tasks.title",
  "tasks.description",
  "tasks.status",
  "tasks.priority",
  "tasks.assignee_id",
  "tasks.due_date",
  "tasks.created_by",
  "tasks.version",
  "tasks.created_at",
  "tasks.updated_at",
] as const;

export interface NewTaskInput {
  orgId: string;
  projectId: string;
  title: string;
  description?: string | undefined;
  status?: TaskStatus | undefined;
  priority?: number | undefined;
  assigneeId?: string | null | undefined;
  dueDate?: string | null | undefined;
  createdBy: string;
}

/**
 * Takes the project's next number and inserts the task, in one statement:
 * `with n as (update projects set next_task_number = next_task_number + 1 where … returning …) insert into tasks … select … from n`.
 * The UPDATE locks the project row until the surrounding transaction ends, so concurrent creators queue on it
 * and numbers come out 1, 2, 3… without gaps: if the insert fails, the increment rolls back with it. Returns
 * undefined when the project is not in the organization. An assignee who is not a member is a 23503.
 */
export async function createTask(db: Executor, input: NewTaskInput): Promise<Task | undefined> {
  return db
    .with("n", (qb) =>
      qb
        .updateTable("projects")
        .set((eb) => ({ next_task_number: eb("next_task_number", "+", 1) }))
        .where("organization_id", "=", input.orgId)
        .where("id", "=", input.projectId)
        .returning(["organization_id", "id", sql<number>`next_task_number - 1`.as("number")]),
    )
    .insertInto("tasks")
    .columns([
      "organization_id",
      "project_id",
      "number",
      "title",
      "description",
      "status",
      "priority",
      "assignee_id",
      "due_date",
      "created_by",
    ])
    .expression((eb) =>
      eb
        .selectFrom("n")
        .select([
          "n.organization_id",
          "n.id",
          "n.number",
          sql<string>`${input.title}::text`.as("title"),
          sql<string>`${input.description ?? ""}::text`.as("description"),
          sql<string>`${input.status ?? "todo"}::text`.as("status"),
          sql<number>`${input.priority ?? 0}::smallint`.as("priority"),
          sql<string | null>`${input.assigneeId ?? null}::uuid`.as("assignee_id"),
          sql<string | null>`${input.dueDate ?? null}::date`.as("due_date"),
          sql<string>`${input.createdBy}::uuid`.as("created_by"),
        ]),
    )
    .returning(taskColumns.map((c) => c.slice(6) as StripTasks<typeof c>))
    .executeTakeFirst();
}

type StripTasks<C extends string> = C extends `tasks.${infer R}` ? R : never;

export async function findTask(
  db: Executor,
  input: { orgId: string; taskId: string },
): Promise<Task | undefined> {
  return db
    .selectFrom("tasks")
    .select(taskColumns)
    .where("tasks.organization_id", "=", input.orgId)
    .where("tasks.id", "=", input.taskId)
    .executeTakeFirst();
}

/** `WEB-42`: a task by its project and number. */
export async function findTaskByNumber(
  db: Executor,
  input: { orgId: string; projectId: string; number: number },
): Promise<Task | undefined> {
  return db
    .selectFrom("tasks")
    .select(taskColumns)
    .where("tasks.organization_id", "=", input.orgId)
    .where("tasks.project_id", "=", input.projectId)
    .where("tasks.number", "=", input.number)
    .executeTakeFirst();
}

export interface TaskChanges {
  title?: string;
  description?: string;
  status?: TaskStatus;
  priority?: number;
  assigneeId?: string | null;
  dueDate?: string | null;
}

/**
 * Optimistic update: `update tasks set … where organization_id = $1 and id = $2 and version = $3 returning …`.
 * The trigger bumps version. Undefined when the task is not there or another write came first (the caller
 * tells the two apart with `findTask`; a stale write is STALE_WRITE, never an overwrite).
 */
export async function updateTask(
  db: Executor,
  input: { orgId: string; taskId: string; expectedVersion: number; changes: TaskChanges },
): Promise<Task | undefined> {
  const { assigneeId, dueDate, ...rest } = input.changes;
  return db
    .updateTable("tasks")
    .set({
      ...rest,
      ...(assigneeId === undefined ? {} : { assignee_id: assigneeId }),
      ...(dueDate === undefined ? {} : { due_date: dueDate }),
    })
    .where("organization_id", "=", input.orgId)
    .where("id", "=", input.taskId)
    .where("version", "=", input.expectedVersion)
    .returning(taskColumns.map((c) => c.slice(6) as StripTasks<typeof c>))
    .executeTakeFirst();
}

/**
 * Moves a task to another project of the same organization and gives it that project's next number, in one
 * statement (the same lock as `createTask`). Undefined when the task or target is missing or the version is stale.
 */
export async function moveTask(
  db: Executor,
  input: { orgId: string; taskId: string; toProjectId: string; expectedVersion: number },
): Promise<Task | undefined> {
  return db
    .with("n", (qb) =>
      qb
        .updateTable("projects")
        .set((eb) => ({ next_task_number: eb("next_task_number", "+", 1) }))
        .where("organization_id", "=", input.orgId)
        .where("id", "=", input.toProjectId)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom("tasks")
              .select("tasks.id")
              .where("tasks.organization_id", "=", input.orgId)
              .where("tasks.id", "=", input.taskId)
              .where("tasks.version", "=", input.expectedVersion)
              .where("tasks.project_id", "<>", input.toProjectId),
          ),
        )
        .returning(["id", sql<number>`next_task_number - 1`.as("number")]),
    )
    .updateTable("tasks")
    .from("n")
    .set((eb) => ({ project_id: eb.ref("n.id"), number: eb.ref("n.number") }))
    .where("tasks.organization_id", "=", input.orgId)
    .where("tasks.id", "=", input.taskId)
    .where("tasks.version", "=", input.expectedVersion)
    .returning(taskColumns)
    .executeTakeFirst();
}

export async function deleteTask(db: Executor, input: { orgId: string; taskId: string }): Promise<boolean> {
  const result = await db
    .deleteFrom("tasks")
    .where("organization_id", "=", input.orgId)
    .where("id", "=", input.taskId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export const taskSorts = ["created", "updated", "priority", "due"] as const;
export type TaskSort = (typeof taskSorts)[number];

/**
 * Where a page ends, per sort order; id always last, so rows with equal keys still have one total order.
 * created/updated: newest first. priority: most urgent first, then newest. due: soonest first, undated last
 * ('infinity').
 */
export type TaskCursor =
  | { sort: "created"; createdAt: Date; id: string }
  | { sort: "updated"; updatedAt: Date; id: string }
  | { sort: "priority"; priority: number; createdAt: Date; id: string }
  | { sort: "due"; due: string; id: string };

const priorityKey = z.number().int().min(0).max(4);
const dueKey = z.union([z.literal("infinity"), cursorDate]);
const cursorShapes = {
  created: z.tuple([cursorTimestamp, z.uuid()]),
  updated: z.tuple([cursorTimestamp, z.uuid()]),
  priority: z.tuple([priorityKey, cursorTimestamp, z.uuid()]),
  due: z.tuple([dueKey, z.uuid()]),
};

/** Null for a cursor this module did not produce for this sort order: the caller answers 400. */
export function decodeTaskCursor(sort: TaskSort, value: string): TaskCursor | null {
  switch (sort) {
    case "created": {
      const k = decodeSortCursor(value, sort, cursorShapes.created);
      return k && { sort, createdAt: k[0], id: k[1] };
    }
    case "updated": {
      const k = decodeSortCursor(value, sort, cursorShapes.updated);
      return k && { sort, updatedAt: k[0], id: k[1] };
    }
    case "priority": {
      const k = decodeSortCursor(value, sort, cursorShapes.priority);
      return k && { sort, priority: k[0], createdAt: k[1], id: k[2] };
    }
    case "due": {
      const k = decodeSortCursor(value, sort, cursorShapes.due);
      return k && { sort, due: k[0], id: k[1] };
    }
  }
}

function encodeTaskCursor(sort: TaskSort, row: Task): string {
  switch (sort) {
    case "created":
      return encodeSortCursor(sort, [row.created_at, row.id]);
    case "updated":
      return encodeSortCursor(sort, [row.updated_at, row.id]);
    case "priority":
      return encodeSortCursor(sort, [row.priority, row.created_at, row.id]);
    case "due":
      return encodeSortCursor(sort, [row.due_date ?? "infinity", row.id]);
  }
}

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
