import type { ColumnType, Generated, Selectable } from "kysely";

export const taskStatuses = ["todo", "in_progress", "done", "canceled"] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/** 0 is "no priority"; 1 (low) to 4 (urgent). The priority sort shows the most urgent first. */
export const taskPriorities = [0, 1, 2, 3, 4] as const;
export type TaskPriority = (typeof taskPriorities)[number];

/**
 * `tasks`: `organization_id` is a copy of the project's, kept consistent by a foreign key on the pair, so every
 * tenant query can filter by organization without a join. `version` and `updated_at` move on every update (a
 * trigger), which is what optimistic concurrency compares. The generated `search` tsvector is left out of this
 * type on purpose: it is only ever matched in SQL, never read.
 */
export interface TaskTable {
  id: Generated<string>;
  organization_id: string;
  project_id: string;
  number: number;
  title: string;
  description: Generated<string>;
  status: ColumnType<TaskStatus, TaskStatus | undefined, TaskStatus>;
  priority: ColumnType<number, number | undefined, number>;
  assignee_id: string | null;
  /** 'YYYY-MM-DD' (see type-parsers.ts). */
  due_date: string | null;
  created_by: string | null;
  version: ColumnType<number, never, never>;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, never, never>;
}

export type Task = Selectable<TaskTable>;
