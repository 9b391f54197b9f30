import { makeProject, useTestDatabase } from "@plinth/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../core/services.ts";
import { orgWithCallers } from "../../testing/org-callers.ts";
import { permissiveLimiter } from "../../testing/test-auth.ts";
import { createTestServices } from "../../testing/test-context.ts";

const t = useTestDatabase();
let services: Services;
beforeAll(async () => {
  services = await createTestServices({ rateLimiter: await permissiveLimiter() });
});

const events = (entityId: string) =>
  t.db
    .selectFrom("audit_log")
    .selectAll()
    .where("entity_id", "=", entityId)
    .orderBy("occurred_at")
    .orderBy("id")
    .execute();

describe("tasks procedures", () => {
  it("members create tasks numbered per project, update them partially and see the change in the activity feed", async () => {
    const o = await orgWithCallers(t.db, services);
    const ids = { organizationId: o.org.id, projectId: o.project.id };
    const a = await o.member.tasks.create({ ...ids, title: "First", assigneeId: o.users.member2.id });
    const b = await o.member.tasks.create({ ...ids, title: "Second", priority: 3, dueDate: "2026-12-01" });
    expect([a.number, b.number]).toEqual([1, 2]);
    expect(a).toMatchObject({ status: "todo", assigneeId: o.users.member2.id, createdBy: o.users.member.id });

    const updated = await o.member2.tasks.update({
      organizationId: o.org.id,
      taskId: a.id,
      version: a.version,
      status: "in_progress",
    });
    expect(updated).toMatchObject({ title: "First", status: "in_progress", version: a.version + 1 });
    const rows = await events(a.id);
    expect(rows.map((r) => r.event)).toEqual(["task_created", "task_updated"]);
    expect(rows[1]).toMatchObject({
      actor_user_id: o.users.member2.id,
      organization_id: o.org.id,
      entity_type: "task",
      changes: { before: { status: "todo" }, after: { status: "in_progress" } },
    });
  });

  it("refuses an assignee who is not a member of the organization", async () => {
    const o = await orgWithCallers(t.db, services);
    const other = await orgWithCallers(t.db, services);
    const ids = { organizationId: o.org.id, projectId: o.project.id };
    await expect(
      o.member.tasks.create({ ...ids, title: "x", assigneeId: other.users.member.id }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", appCode: "ASSIGNEE_NOT_MEMBER" });
    const task = await o.member.tasks.create({ ...ids, title: "x" });
    await expect(
      o.member.tasks.update({
        organizationId: o.org.id,
        taskId: task.id,
        version: task.version,
        assigneeId: other.users.member.id,
      }),
    ).rejects.toMatchObject({ appCode: "ASSIGNEE_NOT_MEMBER" });
  });

  it("50 concurrent creations through the procedure number 1..50 without gaps or duplicates", async () => {
    const o = await orgWithCallers(t.db, services);
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        o.member.tasks.create({ organizationId: o.org.id, projectId: o.project.id, title: `T${i}` }),
      ),
    );
    expect(created.map((x) => x.number).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
  });

  it("two updates from the same version: one wins, the other is STALE_WRITE and overwrites nothing", async () => {
    const o = await orgWithCallers(t.db, services);
    const task = await o.member.tasks.create({
      organizationId: o.org.id,
      projectId: o.project.id,
      title: "Race",
    });
    const results = await Promise.allSettled([
      o.member.tasks.update({ organizationId: o.org.id, taskId: task.id, version: task.version, title: "A" }),
      o.member2.tasks.update({
        organizationId: o.org.id,
        taskId: task.id,
        version: task.version,
        title: "B",
      }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r) => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect((failed[0] as PromiseRejectedResult).reason).toMatchObject({
      code: "CONFLICT",
      appCode: "STALE_WRITE",
    });
    const winner = (ok[0] as PromiseFulfilledResult<{ title: string }>).value.title;
    const now = await o.member.tasks.get({ organizationId: o.org.id, taskId: task.id });
    expect(now.title).toBe(winner);
    // And a plain stale version, sequentially.
    await expect(
      o.member.tasks.update({ organizationId: o.org.id, taskId: task.id, version: task.version, title: "C" }),
    ).rejects.toMatchObject({ appCode: "STALE_WRITE" });
  });

  it("moves a task to another project of the organization, renumbered there; never to another organization's", async () => {
    const o = await orgWithCallers(t.db, services);
    const target = await makeProject(t.db, o.org.id);
    const ids = { organizationId: o.org.id };
    await o.member.tasks.create({ ...ids, projectId: target.id, title: "already there" });
    const task = await o.member.tasks.create({ ...ids, projectId: o.project.id, title: "mover" });
    const moved = await o.member.tasks.move({
      ...ids,
      taskId: task.id,
      toProjectId: target.id,
      version: task.version,
    });
    expect(moved).toMatchObject({ projectId: target.id, number: 2 });
    const rows = await events(task.id);
    expect(rows.at(-1)).toMatchObject({
      event: "task_moved",
      changes: { before: { projectId: o.project.id, number: 1 }, after: { projectId: target.id, number: 2 } },
    });
    const other = await orgWithCallers(t.db, services);
    await expect(
      o.member.tasks.move({ ...ids, taskId: task.id, toProjectId: other.project.id, version: moved.version }),
    ).rejects.toMatchObject({ appCode: "NOT_FOUND" });
    await expect(
      o.member.tasks.move({ ...ids, taskId: task.id, toProjectId: o.project.id, version: task.version }),
    ).rejects.toMatchObject({ appCode: "STALE_WRITE" });
  });

  it("a task is deleted by its creator or an admin, not by another member", async () => {
    const o = await orgWithCallers(t.db, services);
    const ids = { organizationId: o.org.id, projectId: o.project.id };
    const a = await o.member.tasks.create({ ...ids, title: "a" });
    const b = await o.member.tasks.create({ ...ids, title: "b" });
    await expect(o.member2.tasks.delete({ organizationId: o.org.id, taskId: a.id })).rejects.toMatchObject({
      appCode: "FORBIDDEN",
    });
    await o.member.tasks.delete({ organizationId: o.org.id, taskId: a.id });
    await o.admin.tasks.delete({ organizationId: o.org.id, taskId: b.id });
    await expect(o.member.tasks.get({ organizationId: o.org.id, taskId: a.id })).rejects.toMatchObject({
      appCode: "NOT_FOUND",
    });
    expect((await events(b.id)).at(-1)).toMatchObject({
      event: "task_deleted",
      actor_user_id: o.users.admin.id,
    });
  });
});
