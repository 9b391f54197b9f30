import type { Task, TaskListItem, TaskStatus } from "@plinth/db";

/** A task as clients see it; the organization is implied by the call that returned it. */
export interface TaskView {
  id: string;
  projectId: string;
  number: number;
  title: string;
  description: string;
  status: TaskStatus;
  priority: number;
  assigneeId: string | null;
  /** 'YYYY-MM-DD'. */
  dueDate: string | null;
  createdBy: string | null;
  /** Send it back with an update: a write based on an older version is refused with STALE_WRITE. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface TaskListItemView extends TaskView {
  assignee: { id: string; name: string | null } | null;
  commentCount: number;
}

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

export const toTaskListItemView = (t: TaskListItem): TaskListItemView => ({
  ...toTaskView(t),
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
