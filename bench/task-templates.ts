/**
 * Compiles, in the bench process, the statement the raw baselines run for W3: packages/db's own `listTasksQuery`,
 * once per number of statuses, with placeholder values that mark where each request's parameters go.
 */
import { createDatabase, type TaskStatus, taskStatuses, tasks } from "@plinth/db";
import type { TaskTemplates, Template } from "./baseline-tasks.ts";

const pageSize = 20;
const slotPrefix = "\u0000slot:";
const slot = (name: string) => `${slotPrefix}${name}`;

/** The list statement for 1..4 statuses (each count is a different `in (...)`). */
export async function compileTaskListTemplates(databaseUrl: string): Promise<TaskTemplates> {
  // Compiling opens no connection; the handle only supplies Kysely's PostgreSQL dialect.
  const db = createDatabase({ connectionString: databaseUrl, pool: { max: 1 } });
  try {
    const byCount: Record<string, Template> = {};
    for (let n = 1; n <= taskStatuses.length; n++) {
      const statuses = Array.from({ length: n }, (_, i) => slot(`status${i}`) as TaskStatus);
      const compiled = tasks
        .listTasksQuery(db, {
          orgId: slot("orgId"),
          projectId: slot("projectId"),
          filters: { statuses, assignee: slot("assignee") },
          sort: "created",
          limit: pageSize,
        })
        .compile();
      const params = compiled.parameters.map((p) =>
        typeof p === "string" && p.startsWith(slotPrefix)
          ? { slot: p.slice(slotPrefix.length) }
          : { value: p },
      );
      if (params.filter((p) => "slot" in p).length !== n + 3)
        throw new Error("bench: listTasksQuery no longer takes the W3 filters as parameters");
      byCount[n] = { sql: compiled.sql, params };
    }
    return { statuses: [...taskStatuses], byCount };
  } finally {
    await db.destroy();
  }
}
