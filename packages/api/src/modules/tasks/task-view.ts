import type { Task, TaskListItem } from "@plinth/db";
import type { TaskListItemView, TaskView } from "./tasks.schemas.ts";

export const toTaskView = (t: Task): TaskView => ({
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
});

// Written out rather than `...toTaskView(t)`: the spread built a second object per row and copied it through
// V8's slow path, on every row of every list (docs/decisions/026-output-checks.md). Fields in the schema's order,
// so the output check can answer the object itself (core/output-check.ts).
export const toTaskListItemView = (t: TaskListItem): TaskListItemView => ({
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
});

/** The fields the activity feed records for a task change. */
export const auditedFields = (t: Task) => ({
  projectId: t.project_id,
  number: t.number,
  title: t.title,
  description: t.description,
  status: t.status,
  priority: t.priority,
  assigneeId: t.assignee_id,
  dueDate: t.due_date,
});
