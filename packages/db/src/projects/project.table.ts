import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * `projects`: a group of tasks in an organization. `key` (e.g. `WEB`) is unique per organization and prefixes
 * task numbers (`WEB-42`); `next_task_number` is the number the next task gets, handed out by `createTask`.
 * `version` moves with every change a client can see (name, key, description, archived_at), not with the counter.
 */
export interface ProjectTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  key: string;
  description: Generated<string>;
  archived_at: Date | null;
  version: ColumnType<number, never, never>;
  next_task_number: ColumnType<number, never, number>;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, never, never>;
}

export type Project = Selectable<ProjectTable>;
export type NewProject = Insertable<ProjectTable>;
export type ProjectUpdate = Updateable<ProjectTable>;
