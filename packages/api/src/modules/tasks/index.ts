export { commentsRouter } from "./comments.router.ts";
export { type CommentAction, canOnComment, canOnTask, type TaskAction } from "./tasks.policy.ts";
export { tasksRouter } from "./tasks.router.ts";
export type { CommentView, TaskListItemView, TaskView } from "./tasks.schemas.ts";
