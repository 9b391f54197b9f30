import type { TaskStatus } from "../../trpc.ts";

export const taskStatuses: readonly TaskStatus[] = ["todo", "in_progress", "done", "canceled"];

export const statusLabels: Record<TaskStatus, string> = {
  todo: "To do",
  in_progress: "In progress",
  done: "Done",
  canceled: "Canceled",
};

/** 0 is "no priority", 1 to 4 rise to urgent (packages/db task.table.ts). */
export const priorityLabels = ["None", "Low", "Medium", "High", "Urgent"] as const;
