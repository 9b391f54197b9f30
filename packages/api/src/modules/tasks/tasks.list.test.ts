import { tasks } from "@plinth/db";
import { useTestDatabase } from "@plinth/db/testing";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../core/services.ts";
import { callerFor, orgWithCallers } from "../../testing/org-callers.ts";
import { countQueries } from "../../testing/query-counter.ts";
import { permissiveLimiter } from "../../testing/test-auth.ts";
import { createTestServices } from "../../testing/test-context.ts";

const t = useTestDatabase();
let services: Services;
beforeAll(async () => {
  services = await createTestServices({ rateLimiter: await permissiveLimiter() });
});

/** `n` tasks in one statement, so they share created_at and updated_at: every sort key has ties. */
async function seed(n: number) {
  const o = await orgWithCallers(t.db, services);
  const rows = Array.from({ length: n }, (_, i) => ({
    organization_id: o.org.id,
    project_id: o.project.id,
    number: i + 1,
    title: i % 5 === 0 ? `Deploy runner ${i}` : `Task ${i}`,
    status: (["todo", "in_progress", "done", "canceled"] as const)[i % 4],
    priority: i % 3,
    assignee_id: i % 2 === 0 ? o.users.member.id : i % 3 === 0 ? o.users.admin.id : null,
    due_date: i % 4 === 0 ? null : `2026-12-0${1 + (i % 3)}`,
    created_by: o.users.owner.id,
  }));
  if (n > 0) await t.db.insertInto("tasks").values(rows).execute();
  await sql`update projects set next_task_number = ${n + 1} where id = ${o.project.id}`.execute(t.db);
  return o;
}

describe("tasks.list", () => {
  it.each(tasks.taskSorts)(
    "pages through rows sharing their %s key via the procedure: every row once",
    async (sort) => {
      const o = await seed(23);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = await o.member.tasks.list({
          organizationId: o.org.id,
          projectId: o.project.id,
          sort,
          limit: 4,
          cursor,
          direction: "forward",
        });
        seen.push(...page.items.map((x) => x.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== null && pages < 20);
      expect(seen).toHaveLength(23);
      expect(new Set(seen).size).toBe(23);
    },
  );

  it("filters: several statuses, me, unassigned, priority, due range, text; items carry assignee and comment count", async () => {
    const o = await seed(23);
    const base = { organizationId: o.org.id, projectId: o.project.id, limit: 100 };
    const all = (await o.member.tasks.list(base)).items;
    expect(all).toHaveLength(23);
    const ids = (items: { id: string }[]) => items.map((x) => x.id).sort();
    const where = (f: (x: (typeof all)[number]) => boolean) => ids(all.filter(f));

    const statuses = await o.member.tasks.list({ ...base, statuses: ["done", "canceled"] });
    expect(ids(statuses.items)).toEqual(where((x) => x.status === "done" || x.status === "canceled"));
    const mine = await o.member.tasks.list({ ...base, assignee: "me" });
    expect(mine.items.length).toBeGreaterThan(0);
    expect(ids(mine.items)).toEqual(where((x) => x.assigneeId === o.users.member.id));
    expect(mine.items[0]?.assignee).toEqual({ id: o.users.member.id, name: "Member 1" });
    const unassigned = await o.member.tasks.list({ ...base, assignee: "unassigned" });
    expect(ids(unassigned.items)).toEqual(where((x) => x.assignee === null));
    const byAdmin = await o.member.tasks.list({ ...base, assignee: o.users.admin.id });
    expect(ids(byAdmin.items)).toEqual(where((x) => x.assigneeId === o.users.admin.id));
    const p2 = await o.member.tasks.list({ ...base, priority: 2 });
    expect(ids(p2.items)).toEqual(where((x) => x.priority === 2));
    const due = await o.member.tasks.list({ ...base, dueFrom: "2026-12-02", dueTo: "2026-12-02" });
    expect(ids(due.items)).toEqual(where((x) => x.dueDate === "2026-12-02"));
    const search = await o.member.tasks.list({ ...base, search: "deploy" });
    expect(ids(search.items)).toEqual(where((x) => x.title.startsWith("Deploy")));
    const two = await o.member.tasks.list({ ...base, statuses: ["todo"], assignee: "me" });
    expect(ids(two.items)).toEqual(where((x) => x.status === "todo" && x.assigneeId === o.users.member.id));

    const first = all[0];
    if (!first) throw new Error("no task");
    await o.member.comments.add({ organizationId: o.org.id, taskId: first.id, body: "one" });
    await o.admin.comments.add({ organizationId: o.org.id, taskId: first.id, body: "two" });
    const again = (await o.member.tasks.list(base)).items.find((x) => x.id === first.id);
    expect(again?.commentCount).toBe(2);
  });

  it("a tampered cursor, or one from another sort order, is a 400 INVALID_CURSOR", async () => {
    const o = await seed(5);
    const base = { organizationId: o.org.id, projectId: o.project.id };
    const page = await o.member.tasks.list({ ...base, limit: 2 });
    expect(page.nextCursor).toEqual(expect.any(String));
    const cursor = page.nextCursor as string;
    const raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    const tampered = [
      Buffer.from(JSON.stringify({ ...raw, k: ["2026-13-45T00:00:00.000Z", raw.k[1]] })).toString(
        "base64url",
      ),
      Buffer.from(JSON.stringify({ ...raw, k: [raw.k[0], "'; drop table tasks; --"] })).toString("base64url"),
      cursor.slice(0, -4),
      "not a cursor",
    ];
    for (const bad of tampered) {
      await expect(o.member.tasks.list({ ...base, cursor: bad })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        appCode: "INVALID_CURSOR",
      });
    }
    await expect(o.member.tasks.list({ ...base, sort: "priority", cursor })).rejects.toMatchObject({
      appCode: "INVALID_CURSOR",
    });
  });

  it("limit is 1..100, 20 by default; backward paging is refused", async () => {
    const o = await seed(25);
    const base = { organizationId: o.org.id, projectId: o.project.id };
    expect((await o.member.tasks.list(base)).items).toHaveLength(20);
    await expect(o.member.tasks.list({ ...base, limit: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(o.member.tasks.list({ ...base, limit: 101 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(o.member.tasks.list({ ...base, direction: "backward" } as never)).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("costs the same number of statements for 1 task and for 100 (assignee names and comment counts included)", async () => {
    const measure = async (n: number) => {
      const o = await seed(n);
      const counter = countQueries(t.db);
      const caller = await callerFor(counter.db, services, o.users.member);
      counter.reset();
      const page = await caller.tasks.list({ organizationId: o.org.id, projectId: o.project.id, limit: 100 });
      expect(page.items).toHaveLength(n);
      return counter.count;
    };
    const one = await measure(1);
    const hundred = await measure(100);
    expect(hundred).toBe(one);
    expect(one).toBe(2); // the membership with the project, the page
  });
});
