import type { RouterInputs } from "@plinth/api";
import type { Task } from "../../trpc.ts";

type TaskUpdate = Omit<RouterInputs["tasks"]["update"], "organizationId" | "taskId" | "version">;

/** The edit form's fields as the browser gives them: "" is "no assignee" and "no due date". */
export interface TaskFormValues {
  title: string;
  description: string;
  /** "0".."4". */
  priority: string;
  /** "" or a member's id. */
  assigneeId: string;
  /** "" or 'YYYY-MM-DD'. */
  dueDate: string;
}

export const taskFormFields = ["title", "description", "priority", "assigneeId", "dueDate"] as const;

/**
 * Only what the form changed, as a partial `tasks.update`: an untouched field is not sent, so it cannot undo
 * someone else's change to it, and the activity feed names only the fields this edit changed. The title is
 * compared trimmed, as the server stores it.
 */
export function taskChanges(task: Task, values: TaskFormValues): TaskUpdate {
  const changes: TaskUpdate = {};
  if (values.title.trim() !== task.title) changes.title = values.title;
  if (values.description !== task.description) changes.description = values.description;
  const priority = Number(values.priority);
  if (values.priority !== "" && priority !== task.priority) changes.priority = priority;
  const assigneeId = values.assigneeId || null;
  if (assigneeId !== task.assigneeId) changes.assigneeId = assigneeId;
  const dueDate = values.dueDate || null;
  if (dueDate !== task.dueDate) changes.dueDate = dueDate;
  return changes;
}
