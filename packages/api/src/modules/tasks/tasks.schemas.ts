import { taskStatuses, tasks } from "@plinth/db";
import { z } from "zod";
import { cursorInput, text } from "../../core/inputs.ts";

const titleInput = text({ trim: true, min: 1, minError: "Enter a title", max: 300 });
const descriptionInput = text({ max: 20_000 });
const statusInput = z.enum(taskStatuses);
const priorityInput = z.number().int().min(0).max(4);
const dueDateInput = z.iso.date();
const commentBody = text({ trim: true, min: 1, minError: "Write something", max: 10_000 });
const org = { organizationId: z.uuid() };

export const createTaskInput = z.strictObject({
  ...org,
  projectId: z.uuid(),
  title: titleInput,
  description: descriptionInput.optional(),
  status: statusInput.optional(),
  priority: priorityInput.optional(),
  assigneeId: z.uuid().nullable().optional(),
  dueDate: dueDateInput.nullable().optional(),
});
/** A partial update: only the fields present change. `version` is the one the caller read. */
export const updateTaskInput = z.strictObject({
  ...org,
  taskId: z.uuid(),
  version: z.number().int().min(1),
  title: titleInput.optional(),
  description: descriptionInput.optional(),
  status: statusInput.optional(),
  priority: priorityInput.optional(),
  assigneeId: z.uuid().nullable().optional(),
  dueDate: dueDateInput.nullable().optional(),
});
export const moveTaskInput = z.strictObject({
  ...org,
  taskId: z.uuid(),
  toProjectId: z.uuid(),
  version: z.number().int().min(1),
});
export const taskRefInput = z.strictObject({ ...org, taskId: z.uuid() });

export const listTasksInput = z.strictObject({
  ...org,
  projectId: z.uuid(),
  statuses: z.array(statusInput).max(taskStatuses.length).optional(),
  /** A member's id, "me" (the caller) or "unassigned". */
  assignee: z.union([z.uuid(), z.literal("me"), z.literal("unassigned")]).optional(),
  priority: priorityInput.optional(),
  dueFrom: dueDateInput.optional(),
  dueTo: dueDateInput.optional(),
  search: text({ trim: true, max: 200 }).optional(),
  sort: z.enum(tasks.taskSorts).default("created"),
  limit: z.number().int().min(1).max(100).default(20),
  cursor: cursorInput.nullish(),
  // tRPC's infiniteQueryOptions always sends a direction; pages only go forward.
  direction: z.literal("forward", { error: "Only forward paging is supported" }).optional(),
});

export const addCommentInput = z.strictObject({ ...org, taskId: z.uuid(), body: commentBody });
export const editCommentInput = z.strictObject({ ...org, commentId: z.uuid(), body: commentBody });
export const commentRefInput = z.strictObject({ ...org, commentId: z.uuid() });
export const listCommentsInput = z.strictObject({
  ...org,
  taskId: z.uuid(),
  limit: z.number().int().min(1).max(100).default(50),
  cursor: cursorInput.nullish(),
  direction: z.literal("forward", { error: "Only forward paging is supported" }).optional(),
});

export type CreateTaskInput = z.infer<typeof createTaskInput>;
export type UpdateTaskInput = z.infer<typeof updateTaskInput>;
export type MoveTaskInput = z.infer<typeof moveTaskInput>;
export type TaskRefInput = z.infer<typeof taskRefInput>;
export type ListTasksInput = z.infer<typeof listTasksInput>;
export type AddCommentInput = z.infer<typeof addCommentInput>;
export type EditCommentInput = z.infer<typeof editCommentInput>;
export type CommentRefInput = z.infer<typeof commentRefInput>;
export type ListCommentsInput = z.infer<typeof listCommentsInput>;
