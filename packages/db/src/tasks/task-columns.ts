// Every column but the generated `search` vector, which is matched in SQL and never sent anywhere.
export const taskColumns = [
  "tasks.id",
  "tasks.organization_id",
  "tasks.project_id",
  "tasks.number",
  "tasks.title",
  "tasks.description",
  "tasks.status",
  "tasks.priority",
  "tasks.assignee_id",
  "tasks.due_date",
  "tasks.created_by",
  "tasks.version",
  "tasks.created_at",
  "tasks.updated_at",
] as const;

export type TaskColumn = StripTasks<(typeof taskColumns)[number]>;
type StripTasks<C extends string> = C extends `tasks.${infer R}` ? R : never;

/** The same columns unqualified, for RETURNING. */
export const taskReturning = taskColumns.map((c) => c.slice("tasks.".length) as TaskColumn);
