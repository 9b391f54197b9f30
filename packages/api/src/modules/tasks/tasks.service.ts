import {
  type Executor,
  isForeignKeyViolation,
  memberships,
  type Page,
  projects,
  type TaskChanges,
  tasks,
} from "@plinth/db";
import { byActor, diff, recordActivity, type ServiceDeps } from "../../core/activity.ts";
import { AppError } from "../../core/errors.ts";
import { staleWrite } from "../../core/stale-write.ts";
import { notFound, resolveOrgActor, resolveProjectActor } from "../../core/tenancy.ts";
import { type Caller, invalidCursor } from "../projects/index.ts";
import { auditedFields, toTaskListItemView, toTaskView } from "./task-view.ts";
import { canOnTask } from "./tasks.policy.ts";
import type {
  CreateTaskInput,
  ListTasksInput,
  MoveTaskInput,
  TaskListItemView,
  TaskRefInput,
  TaskView,
  UpdateTaskInput,
} from "./tasks.schemas.ts";

const assigneeNotMember = (cause?: unknown) =>
  new AppError("ASSIGNEE_NOT_MEMBER", "The assignee must be a member of the organization", {
    cause,
    details: [{ path: "assigneeId", message: "Not a member of this organization" }],
  });

async function checkAssignee(db: Executor, orgId: string, assigneeId: string | null | undefined) {
  if (!assigneeId) return;
  if (!(await memberships.findMembership(db, orgId, assigneeId))) throw assigneeNotMember();
}

/** The next number of the project, taken under the project's row lock, so 50 concurrent creations get 1..50. */
export async function createTask(
  deps: ServiceDeps,
  caller: Caller,
  input: CreateTaskInput,
): Promise<TaskView> {
  const actor = await resolveOrgActor(deps.db, caller.userId, input.organizationId);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      // The project first: another organization's project id is NOT_FOUND before the assignee is looked at.
      const project = await projects.findProject(trx, {
        orgId: actor.organizationId,
        projectId: input.projectId,
      });
      if (!project) throw notFound("project");
      await checkAssignee(trx, actor.organizationId, input.assigneeId);
      const task = await tasks.createTask(trx, {
        orgId: actor.organizationId,
        projectId: input.projectId,
        title: input.title,
        description: input.description,
        status: input.status,
        priority: input.priority,
        assigneeId: input.assigneeId,
        dueDate: input.dueDate,
        createdBy: actor.userId,
      });
      if (!task) throw notFound("project");
      await recordActivity(deps, trx, {
        ...byActor(actor),
        event: "task_created",
        entityType: "task",
        entityId: task.id,
        changes: { after: auditedFields(task) },
      });
      return toTaskView(task);
    });
  } catch (error) {
    // The assignee left between the check and the insert: the (organization, assignee) foreign key caught it.
    if (isForeignKeyViolation(error)) throw assigneeNotMember(error);
    throw error;
  }
}

export async function getTask(deps: ServiceDeps, caller: Caller, input: TaskRefInput): Promise<TaskView> {
  const actor = await resolveOrgActor(deps.db, caller.userId, input.organizationId);
  const task = await tasks.findTask(deps.db, { orgId: actor.organizationId, taskId: input.taskId });
  if (!task) throw notFound("task");
  return toTaskView(task);
}

/**
 * A partial update guarded by the version the caller read: `… where version = $v`. If another write came in
 * between, nothing is overwritten and the caller gets STALE_WRITE, with the row lock deciding between racers.
 */
export async function updateTask(
  deps: ServiceDeps,
  caller: Caller,
  input: UpdateTaskInput,
): Promise<TaskView> {
  const actor = await resolveOrgActor(deps.db, caller.userId, input.organizationId);
  const { organizationId: _o, taskId, version, assigneeId, dueDate, ...rest } = input;
  const changes: TaskChanges = {
    ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
    ...(assigneeId === undefined ? {} : { assigneeId }),
    ...(dueDate === undefined ? {} : { dueDate }),
  };
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const before = await tasks.findTask(trx, { orgId: actor.organizationId, taskId });
      if (!before) throw notFound("task");
      if (!canOnTask(actor, "update", before))
        throw new AppError("FORBIDDEN", "You may not change this task");
      if (before.version !== version) throw staleWrite("task");
      if (Object.keys(changes).length === 0) return toTaskView(before);
      await checkAssignee(trx, actor.organizationId, assigneeId);
      const after = await tasks.updateTask(trx, {
        orgId: actor.organizationId,
        taskId,
        expectedVersion: version,
        changes,
      });
      if (!after) throw staleWrite("task");
      const changed = diff(auditedFields(before), auditedFields(after));
      if (changed) {
        await recordActivity(deps, trx, {
          ...byActor(actor),
          event: "task_updated",
          entityType: "task",
          entityId: taskId,
          changes: changed,
        });
      }
      return toTaskView(after);
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw assigneeNotMember(error);
    throw error;
  }
}

/** To another project of the same organization, where it takes that project's next number. */
export async function moveTask(deps: ServiceDeps, caller: Caller, input: MoveTaskInput): Promise<TaskView> {
  const actor = await resolveOrgActor(deps.db, caller.userId, input.organizationId);
  return deps.db.transaction().execute(async (trx) => {
    const orgId = actor.organizationId;
    const before = await tasks.findTask(trx, { orgId, taskId: input.taskId });
    if (!before) throw notFound("task");
    if (!canOnTask(actor, "move", before)) throw new AppError("FORBIDDEN", "You may not move this task");
    const target = await projects.findProject(trx, { orgId, projectId: input.toProjectId });
    if (!target) throw notFound("project");
    if (before.version !== input.version) throw staleWrite("task");
    if (before.project_id === target.id) return toTaskView(before);
    const after = await tasks.moveTask(trx, {
      orgId,
      taskId: input.taskId,
      toProjectId: target.id,
      expectedVersion: input.version,
    });
    if (!after) throw staleWrite("task");
    await recordActivity(deps, trx, {
      ...byActor(actor),
      event: "task_moved",
      entityType: "task",
      entityId: after.id,
      changes: {
        before: { projectId: before.project_id, number: before.number },
        after: { projectId: after.project_id, number: after.number },
      },
    });
    return toTaskView(after);
  });
}

export async function deleteTask(deps: ServiceDeps, caller: Caller, input: TaskRefInput) {
  const actor = await resolveOrgActor(deps.db, caller.userId, input.organizationId);
  await deps.db.transaction().execute(async (trx) => {
    const before = await tasks.findTask(trx, { orgId: actor.organizationId, taskId: input.taskId });
    if (!before) throw notFound("task");
    if (!canOnTask(actor, "delete", before)) {
      throw new AppError("FORBIDDEN", "Only the task's creator or an admin may delete it");
    }
    await tasks.deleteTask(trx, { orgId: actor.organizationId, taskId: input.taskId });
    await recordActivity(deps, trx, {
      ...byActor(actor),
      event: "task_deleted",
      entityType: "task",
      entityId: before.id,
      changes: { before: auditedFields(before) },
    });
  });
  return { deleted: true as const };
}

/**
 * One page of a project's tasks: two statements whatever the page size (the membership with the project, the
 * page with assignee names and comment counts). A cursor from another sort order or a tampered one is INVALID_CURSOR.
 */
export async function listTasks(
  deps: ServiceDeps,
  caller: Caller,
  input: ListTasksInput,
): Promise<Page<TaskListItemView>> {
  const after = input.cursor ? tasks.decodeTaskCursor(input.sort, input.cursor) : undefined;
  if (after === null) throw invalidCursor();
  const actor = await resolveProjectActor(deps.db, caller.userId, input.organizationId, input.projectId);
  const orgId = actor.organizationId;
  const page = await tasks.listTasks(deps.db, {
    orgId,
    projectId: input.projectId,
    sort: input.sort,
    limit: input.limit,
    after,
    filters: {
      statuses: input.statuses,
      assignee: input.assignee === "me" ? actor.userId : input.assignee,
      priority: input.priority,
      dueFrom: input.dueFrom,
      dueTo: input.dueTo,
      search: input.search,
    },
  });
  return { items: page.items.map(toTaskListItemView), nextCursor: page.nextCursor };
}
