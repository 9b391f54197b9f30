import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { addMember } from "../memberships/membership.queries.ts";
import { makeOrganization, makeProject, makeUser, useTestDatabase } from "../testing/index.ts";
import { listTasksQuery, type TaskSort, taskSorts } from "./task.queries.ts";

// The task list on 100k tasks must walk an index, never scan the table. The rows are built once for the file by
// one INSERT … SELECT over generate_series (seconds, on both engines), then ANALYZEd so the planner sees the
// real sizes; a plan chosen for an empty table would prove nothing.

const t = useTestDatabase();
const TASKS = 100_000;
const PROJECTS = 10;
let orgId = "";
let projectId = "";
let assigneeId = "";

beforeAll(async () => {
  const { org, owner } = await makeOrganization(t.db);
  const assignee = await makeUser(t.db, "Assignee");
  await addMember(t.db, { orgId: org.id, userId: assignee.id, role: "member" });
  const projects = [];
  for (let i = 0; i < PROJECTS; i++) projects.push(await makeProject(t.db, org.id, `BIG${i}`));
  const ids = projects.map((p) => p.id);
  await sql`
    insert into tasks (organization_id, project_id, number, title, description, status, priority, assignee_id,
                       due_date, created_by, created_at)
    select ${org.id}::uuid, (${ids}::uuid[])[1 + g % ${PROJECTS}], g, 'Task ' || g,
           case when g % 50 = 0 then 'flaky database migration' when g = 12340 then 'zanzibar' else '' end,
           (array['todo', 'in_progress', 'done', 'canceled'])[1 + g % 4], g % 5,
           case when g % 3 = 0 then null else ${assignee.id}::uuid end,
           case when g % 4 = 0 then null else date '2026-01-01' + g % 365 end,
           ${owner.id}::uuid, timestamptz '2026-01-01' + g * interval '1 second'
    from generate_series(1, ${TASKS}) g`.execute(t.db);
  await sql`analyze tasks`.execute(t.db);
  await sql`analyze comments`.execute(t.db);
  orgId = org.id;
  projectId = ids[0] ?? "";
  assigneeId = assignee.id;
}, 600_000);

const usesTaskIndex =
  /Index (Only )?Scan (Backward )?using tasks_\w+ on tasks|Bitmap Index Scan on tasks_\w+/;

async function plan(
  sort: TaskSort,
  filters: Parameters<typeof listTasksQuery>[1]["filters"],
): Promise<string> {
  const rows = await listTasksQuery(t.db, { orgId, projectId, sort, limit: 20, filters }).explain();
  return rows.map((r) => String(r["QUERY PLAN"])).join("\n");
}

describe("task list plan on 100k tasks", () => {
  it("has the rows it claims to", async () => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from tasks`.execute(t.db);
    expect(rows[0]?.n).toBe(TASKS);
  });

  it.each(taskSorts)(
    "sorted by %s with a status and an assignee filter, uses an index and never scans tasks",
    async (sort) => {
      const text = await plan(sort, { statuses: ["todo", "in_progress"], assignee: assigneeId });
      // Its own sort index, read in order: the LIMIT stops the scan after one page, however big the project.
      expect(text).toMatch(new RegExp(`Index Scan (Backward )?using tasks_project_${sort}_idx on tasks`));
      expect(text).not.toMatch(/\bSort\b/);
      expect(text).not.toMatch(/Seq Scan on tasks/);
    },
  );

  it("a text search uses an index: the GIN one when the word is rare", async () => {
    const common = await plan("created", { search: "migration" });
    expect(common).toMatch(usesTaskIndex);
    expect(common).not.toMatch(/Seq Scan on tasks/);
    const rare = await plan("created", { search: "zanzibar" });
    expect(rare).toMatch(/Bitmap Index Scan on tasks_search_idx/);
    expect(rare).not.toMatch(/Seq Scan on tasks/);
  });
});
