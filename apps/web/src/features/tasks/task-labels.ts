import type { RouterInputs } from "@plinth/api";
import type { TaskStatus } from "../../trpc.ts";

type TaskSort = NonNullable<RouterInputs["tasks"]["list"]["sort"]>;

export const taskStatuses: readonly TaskStatus[] = ["todo", "in_progress", "done", "canceled"];

export const statusLabels: Record<TaskStatus, string> = {
  todo: "To do",
  in_progress: "In progress",
  done: "Done",
  canceled: "Canceled",
};

/** 0 is "no priority", 1 to 4 rise to urgent (packages/db task.table.ts). */
export const priorityLabels = ["None", "Low", "Medium", "High", "Urgent"] as const;

/** The orders `tasks.list` knows (packages/db task-cursor.ts), as the sort select offers them. */
export const sortLabels: Record<TaskSort, string> = {
  created: "Newest first",
  updated: "Recently updated",
  // Not "Priority…": the select sits in its label, so the words would make "Priority" name two selects.
  priority: "Most urgent first",
  due: "Soonest due first",
};
export const taskSorts = Object.keys(sortLabels) as TaskSort[];
