export { commentsRouter } from "./comments.router.ts";
export type { CommentView } from "./comments.service.ts";
export type { TaskListItemView, TaskView } from "./task-view.ts";
export { type CommentAction, canOnComment, canOnTask, type TaskAction } from "./tasks.policy.ts";
export { tasksRouter } from "./tasks.router.ts";
