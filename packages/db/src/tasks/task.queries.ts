import { sql } from "kysely";
import type { Executor } from "../executor.ts";
import type { Task, TaskStatus } from "./task.table.ts";
import { taskColumns, taskReturning } from "./task-columns.ts";

// The list and its cursors live in their own files; they are re-exported so `tasks.*` is the whole module.
export * from "./task-cursor.ts";
export * from "./task-list.queries.ts";

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
  /**
   * Backdated timestamps, for seeds and imports only (the demo's tasks spread over past weeks so sorting by
   * created/updated means something); a request never sets them, and both default to now().
   */
  createdAt?: Date | undefined;
  updatedAt?: Date | undefined;
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
      "created_at",
      "updated_at",
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
          sql<Date>`coalesce(${input.createdAt ?? null}::timestamptz, now())`.as("created_at"),
          sql<Date>`coalesce(${input.updatedAt ?? input.createdAt ?? null}::timestamptz, now())`.as(
            "updated_at",
          ),
        ]),
    )
    .returning(taskReturning)
    .executeTakeFirst();
}

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
    .returning(taskReturning)
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
