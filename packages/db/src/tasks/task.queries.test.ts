import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { addComment } from "../comments/comment.queries.ts";
import { isForeignKeyViolation } from "../errors.ts";
import { makeOrganization, makeProject, useTestDatabase } from "../testing/index.ts";
import {
  createTask,
  decodeTaskCursor,
  findTask,
  listTasks,
  moveTask,
  type TaskListItem,
  type TaskSort,
  taskSorts,
  updateTask,
} from "./task.queries.ts";

const t = useTestDatabase();

describe("task numbers", () => {
  it("50 concurrent creations in one project get 1..50 with no gap and no duplicate", async () => {
    const { org, owner } = await makeOrganization(t.db);
    const project = await makeProject(t.db, org.id);
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.db.transaction().execute((trx) =>
          createTask(trx, {
            orgId: org.id,
            projectId: project.id,
            title: `Task ${i}`,
            createdBy: owner.id,
          }),
        ),
      ),
    );
    const numbers = created.map((task) => task?.number).sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it("a failed creation does not burn a number, and another organization cannot create in the project", async () => {
    const { org, owner } = await makeOrganization(t.db);
    const other = await makeOrganization(t.db);
    const project = await makeProject(t.db, org.id);
    const base = { orgId: org.id, projectId: project.id, createdBy: owner.id };
    expect((await createTask(t.db, { ...base, title: "one" }))?.number).toBe(1);
    // The assignee is not a member: the insert fails and the increment rolls back with it.
    const err = await createTask(t.db, { ...base, title: "bad", assigneeId: other.owner.id }).catch((e) => e);
    expect(isForeignKeyViolation(err)).toBe(true);
    expect(await createTask(t.db, { ...base, orgId: other.org.id, title: "x" })).toBeUndefined();
    expect((await createTask(t.db, { ...base, title: "two" }))?.number).toBe(2);
  });

  it("moving a task renumbers it in the target project", async () => {
    const { org, owner } = await makeOrganization(t.db);
    const [a, b] = [await makeProject(t.db, org.id), await makeProject(t.db, org.id)];
    await createTask(t.db, { orgId: org.id, projectId: b.id, title: "b1", createdBy: owner.id });
    const task = await createTask(t.db, { orgId: org.id, projectId: a.id, title: "a1", createdBy: owner.id });
    if (!task) throw new Error("no task");
    const moved = await moveTask(t.db, {
      orgId: org.id,
      taskId: task.id,
      toProjectId: b.id,
      expectedVersion: 1,
    });
    expect(moved).toMatchObject({ project_id: b.id, number: 2, version: 2 });
    // A stale move changes nothing, not even the target's counter.
    expect(
      await moveTask(t.db, { orgId: org.id, taskId: task.id, toProjectId: a.id, expectedVersion: 1 }),
    ).toBeUndefined();
    const next = await createTask(t.db, { orgId: org.id, projectId: a.id, title: "a2", createdBy: owner.id });
    expect(next?.number).toBe(2);
  });
});

describe("optimistic updates", () => {
  it("of two updates from the same version exactly one wins, and the version moves", async () => {
    const { org, owner } = await makeOrganization(t.db);
    const project = await makeProject(t.db, org.id);
    const task = await createTask(t.db, {
      orgId: org.id,
      projectId: project.id,
      title: "t",
      createdBy: owner.id,
    });
    if (!task) throw new Error("no task");
    expect(task.version).toBe(1);
    const results = await Promise.all(
      ["first", "second"].map((title) =>
        updateTask(t.db, { orgId: org.id, taskId: task.id, expectedVersion: 1, changes: { title } }),
      ),
    );
    const winners = results.filter((r) => r !== undefined);
    expect(winners).toHaveLength(1);
    expect(winners[0]?.version).toBe(2);
    expect((await findTask(t.db, { orgId: org.id, taskId: task.id }))?.title).toBe(winners[0]?.title);
  });

  it("another organization's id never finds or updates the task", async () => {
    const { org, owner } = await makeOrganization(t.db);
    const other = await makeOrganization(t.db);
    const project = await makeProject(t.db, org.id);
    const task = await createTask(t.db, {
      orgId: org.id,
      projectId: project.id,
      title: "t",
      createdBy: owner.id,
    });
    if (!task) throw new Error("no task");
    expect(await findTask(t.db, { orgId: other.org.id, taskId: task.id })).toBeUndefined();
    expect(
      await updateTask(t.db, {
        orgId: other.org.id,
        taskId: task.id,
        expectedVersion: 1,
        changes: { title: "x" },
      }),
    ).toBeUndefined();
    const err = await addComment(t.db, {
      orgId: other.org.id,
      taskId: task.id,
      authorId: other.owner.id,
      body: "hi",
    }).catch((e) => e);
    expect(isForeignKeyViolation(err)).toBe(true);
    expect(
      (await listTasks(t.db, { orgId: other.org.id, projectId: project.id, sort: "created", limit: 10 }))
        .items,
    ).toEqual([]);
  });
});

describe("task list", () => {
  async function seedList() {
    const { org, owner, members } = await makeOrganization(t.db, ["member"]);
    const project = await makeProject(t.db, org.id);
    const [member] = members;
    if (!member) throw new Error("no member");
    const statuses = ["todo", "in_progress", "done", "canceled"] as const;
    for (let i = 0; i < 23; i++) {
      await createTask(t.db, {
        orgId: org.id,
        projectId: project.id,
        title: i % 5 === 0 ? `Deploy the runners ${i}` : `Task ${i}`,
        description: i % 7 === 0 ? "fix flaky database migrations" : "",
        status: statuses[i % 4],
        priority: i % 3,
        assigneeId: i % 2 === 0 ? member.id : null,
        dueDate: i % 4 === 0 ? null : `2026-12-0${1 + (i % 3)}`,
        createdBy: owner.id,
      });
    }
    // One statement gives every row the same created_at (microseconds included, which timestamptz(3) rounds
    // away) and, through the trigger, the same updated_at: each sort key is shared by many rows.
    await sql`update tasks set created_at = '2026-06-01 12:00:00.123456+00' where project_id = ${project.id}`.execute(
      t.db,
    );
    return { org, owner, member, project };
  }

  const ordered: Record<TaskSort, (a: TaskListItem, b: TaskListItem) => number> = {
    created: (a, b) => b.created_at.getTime() - a.created_at.getTime() || cmp(b.id, a.id),
    updated: (a, b) => b.updated_at.getTime() - a.updated_at.getTime() || cmp(b.id, a.id),
    priority: (a, b) =>
      b.priority - a.priority || b.created_at.getTime() - a.created_at.getTime() || cmp(b.id, a.id),
    due: (a, b) => cmp(a.due_date ?? "infinity", b.due_date ?? "infinity") || cmp(a.id, b.id),
  };

  it.each(taskSorts)(
    "pages by %s over rows sharing their sort key cover every row once, in order",
    async (sort) => {
      const { org, project } = await seedList();
      const seen: TaskListItem[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const after = cursor === null ? undefined : decodeTaskCursor(sort, cursor);
        if (after === null) throw new Error("our own cursor did not decode");
        const page = await listTasks(t.db, { orgId: org.id, projectId: project.id, sort, limit: 4, after });
        seen.push(...page.items);
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== null && pages < 50);
      expect(seen).toHaveLength(23);
      expect(new Set(seen.map((s) => s.id)).size).toBe(23);
      expect(seen.map((s) => s.id)).toEqual([...seen].sort(ordered[sort]).map((s) => s.id));
    },
  );

  it("filters by status, assignee, priority, due range and text, with assignee name and comment count", async () => {
    const { org, owner, member, project } = await seedList();
    const list = (filters: Parameters<typeof listTasks>[1]["filters"]) =>
      listTasks(t.db, { orgId: org.id, projectId: project.id, sort: "created", limit: 100, filters }).then(
        (p) => p.items,
      );
    const all = await list({});
    expect(all).toHaveLength(23);
    const byTitle = (n: number) => all.find((x) => x.title.endsWith(` ${n}`));
    const doneOrCanceled = await list({ statuses: ["done", "canceled"] });
    expect(doneOrCanceled.map((x) => x.status).sort()).toEqual(
      all
        .filter((x) => x.status === "done" || x.status === "canceled")
        .map((x) => x.status)
        .sort(),
    );
    expect(doneOrCanceled.length).toBeGreaterThan(0);
    const unassigned = await list({ assignee: "unassigned" });
    expect(unassigned).toHaveLength(11);
    expect(unassigned.every((x) => x.assignee_id === null && x.assignee_name === null)).toBe(true);
    const mine = await list({ assignee: member.id, priority: 2 });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((x) => x.assignee_name === "Member 0" && x.priority === 2)).toBe(true);
    const due = await list({ dueFrom: "2026-12-02", dueTo: "2026-12-02" });
    expect(due.length).toBeGreaterThan(0);
    expect(due.every((x) => x.due_date === "2026-12-02")).toBe(true);
    // English stemming: "runner" matches "runners", "migration" matches "migrations".
    expect((await list({ search: "runner" })).map((x) => x.title).sort()).toEqual(
      all
        .filter((x) => x.title.startsWith("Deploy"))
        .map((x) => x.title)
        .sort(),
    );
    expect((await list({ search: "migration" })).length).toBe(all.filter((x) => x.description !== "").length);

    const task = byTitle(3);
    if (!task) throw new Error("no task 3");
    for (const body of ["a", "b", "c"])
      await addComment(t.db, { orgId: org.id, taskId: task.id, authorId: owner.id, body });
    const counts = new Map((await list({})).map((x) => [x.id, x.comment_count]));
    expect(counts.get(task.id)).toBe(3);
    expect([...counts.values()].filter((n) => n !== 0)).toEqual([3]);
  });

  it("a tampered, foreign or malformed cursor decodes to null", async () => {
    const { org, project } = await seedList();
    const page = await listTasks(t.db, { orgId: org.id, projectId: project.id, sort: "priority", limit: 2 });
    const cursor = page.nextCursor;
    if (!cursor) throw new Error("expected a next page");
    expect(decodeTaskCursor("priority", cursor)).not.toBeNull();
    const raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    for (const bad of [
      "",
      "not a cursor",
      `${cursor.slice(0, -2)}!!`,
      forge({ ...raw, k: [9, raw.k[1], raw.k[2]] }),
      forge({ ...raw, k: [raw.k[0], "2026-02-31T00:00:00.000Z", raw.k[2]] }),
      forge({ ...raw, k: [raw.k[0], raw.k[1], "'; drop table tasks; --"] }),
      forge({ ...raw, k: [raw.k[0], raw.k[1]] }),
      forge({ ...raw, extra: 1 }),
    ]) {
      expect(decodeTaskCursor("priority", bad)).toBeNull();
    }
    // A cursor from one sort order is refused by another.
    expect(decodeTaskCursor("created", cursor)).toBeNull();
    expect(decodeTaskCursor("due", forge({ s: "due", k: ["2026-13-01", raw.k[2]] }))).toBeNull();
    expect(decodeTaskCursor("due", forge({ s: "due", k: ["infinity", raw.k[2]] }))).not.toBeNull();
  });
});

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
