import { useTestDatabase } from "@plinth/db/testing";
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

describe("comments procedures", () => {
  it("members comment; only the author edits; the author or an admin deletes; each writes an activity row", async () => {
    const o = await orgWithCallers(t.db, services);
    const organizationId = o.org.id;
    const task = await o.member.tasks.create({ organizationId, projectId: o.project.id, title: "t" });
    const c = await o.member.comments.add({ organizationId, taskId: task.id, body: "hello" });
    expect(c).toMatchObject({ body: "hello", authorId: o.users.member.id, taskId: task.id });

    await expect(
      o.admin.comments.edit({ organizationId, commentId: c.id, body: "admin words" }),
    ).rejects.toMatchObject({ appCode: "FORBIDDEN" });
    await expect(o.member2.comments.delete({ organizationId, commentId: c.id })).rejects.toMatchObject({
      appCode: "FORBIDDEN",
    });
    expect((await o.member.comments.edit({ organizationId, commentId: c.id, body: "hello!" })).body).toBe(
      "hello!",
    );

    const page = await o.member2.comments.list({ organizationId, taskId: task.id });
    expect(page.items).toEqual([
      expect.objectContaining({ id: c.id, body: "hello!", authorName: "Member 1" }),
    ]);
    const list = await o.member.tasks.list({ organizationId, projectId: o.project.id });
    expect(list.items[0]?.commentCount).toBe(1);

    await o.admin.comments.delete({ organizationId, commentId: c.id });
    expect((await o.member.comments.list({ organizationId, taskId: task.id })).items).toEqual([]);
    const rows = await t.db
      .selectFrom("audit_log")
      .select(["event", "actor_user_id", "changes"])
      .where("entity_id", "=", c.id)
      .orderBy("occurred_at")
      .orderBy("id")
      .execute();
    expect(rows.map((r) => r.event)).toEqual(["comment_added", "comment_edited", "comment_deleted"]);
    expect(rows[1]?.changes).toEqual({ before: { body: "hello" }, after: { body: "hello!" } });
    expect(rows[2]?.actor_user_id).toBe(o.users.admin.id);
  });

  it("a comment of another organization is NOT_FOUND, even through the caller's own organization id", async () => {
    const o = await orgWithCallers(t.db, services);
    const other = await orgWithCallers(t.db, services);
    const task = await o.member.tasks.create({
      organizationId: o.org.id,
      projectId: o.project.id,
      title: "t",
    });
    const c = await o.member.comments.add({ organizationId: o.org.id, taskId: task.id, body: "secret" });
    await expect(
      other.owner.comments.delete({ organizationId: other.org.id, commentId: c.id }),
    ).rejects.toMatchObject({ appCode: "NOT_FOUND" });
    await expect(
      other.owner.comments.add({ organizationId: other.org.id, taskId: task.id, body: "x" }),
    ).rejects.toMatchObject({ appCode: "NOT_FOUND" });
  });
});
