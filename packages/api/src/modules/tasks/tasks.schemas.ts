import { taskStatuses, tasks } from "@plinth/db";
import { z } from "zod";
import { cursorInput, text, versionInput } from "../../core/inputs.ts";
import { pageOf } from "../../core/outputs.ts";

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
  version: versionInput,
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
  version: versionInput,
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

// Outputs (the OpenAPI document's response schemas; see core/outputs.ts).

/** A task as clients see it; the organization is implied by the call that returned it. */
export const taskOutput = z
  .strictObject({
    id: z.uuid(),
    projectId: z.uuid(),
    number: z.number().int().describe("Gapless per project; shown with the project's key, as in `WEB-42`"),
    title: z.string(),
    description: z.string(),
    status: statusInput,
    priority: z.number().int().min(0).max(4).describe("0 (none) to 4 (urgent)"),
    assigneeId: z.uuid().nullable(),
    dueDate: z.iso.date().nullable().describe("A calendar date, `YYYY-MM-DD`"),
    createdBy: z.uuid().nullable().describe("The creator's user id; null once their account is gone"),
    version: z
      .number()
      .int()
      .min(1)
      .describe(
        "Send it back with an update or move: one based on an older version is refused (STALE_WRITE)",
      ),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "Task", description: "A task of a project" });
/** A task in a list: with its assignee's name and its number of comments, so a list needs no call per row. */
export const taskListItemOutput = taskOutput
  .extend({
    assignee: z.strictObject({ id: z.uuid(), name: z.string().nullable() }).nullable(),
    commentCount: z.number().int().min(0),
  })
  .meta({ id: "TaskListItem", description: "A task as a list shows it" });
export const taskPageOutput = pageOf(taskListItemOutput, { id: "TaskPage", what: "tasks" });

export const commentOutput = z
  .strictObject({
    id: z.uuid(),
    taskId: z.uuid(),
    authorId: z.uuid().nullable().describe("null once the author's account is gone"),
    authorName: z.string().nullable().describe("Filled in lists; null in the answer to `add` and `edit`"),
    body: z.string(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "Comment", description: "A comment on a task" });
export const commentPageOutput = pageOf(commentOutput, { id: "CommentPage", what: "comments" });

export type TaskView = z.infer<typeof taskOutput>;
export type TaskListItemView = z.infer<typeof taskListItemOutput>;
export type CommentView = z.infer<typeof commentOutput>;
