import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { listOrganizationActivity, recordAuditEvent } from "../audit/audit-log.queries.ts";
import { addComment } from "../comments/comment.queries.ts";
import { isUniqueViolation } from "../errors.ts";
import { decodeCursor } from "../pagination.ts";
import { createTask } from "../tasks/task.queries.ts";
import { makeOrganization, makeProject, makeUser, useTestDatabase } from "../testing/index.ts";
import {
  createOrganization,
  deleteOrganization,
  findOrganizationBySlug,
  updateOrganization,
} from "./organization.queries.ts";

const t = useTestDatabase();

describe("organizations", () => {
  it("slugs are unique regardless of case", async () => {
    const { org, owner } = await makeOrganization(t.db);
    expect((await findOrganizationBySlug(t.db, org.slug.toUpperCase()))?.id).toBe(org.id);
    const err = await createOrganization(t.db, {
      name: "Dup",
      slug: org.slug.toUpperCase(),
      ownerId: owner.id,
    }).catch((e) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect((await updateOrganization(t.db, org.id, { name: "Renamed" }))?.name).toBe("Renamed");
  });

  it("deleting an organization removes everything below it and keeps its users and its history", async () => {
    const { org, owner, members } = await makeOrganization(t.db, ["member"]);
    const project = await makeProject(t.db, org.id);
    const task = await createTask(t.db, {
      orgId: org.id,
      projectId: project.id,
      title: "t",
      assigneeId: members[0]?.id ?? null,
      createdBy: owner.id,
    });
    await addComment(t.db, { orgId: org.id, taskId: task?.id ?? "", authorId: owner.id, body: "c" });
    await recordAuditEvent(t.db, {
      event: "organization_deleted",
      actorUserId: owner.id,
      organizationId: org.id,
      entityType: "organization",
      entityId: org.id,
    });
    expect(await deleteOrganization(t.db, org.id)).toBe(true);
    const { rows } = await sql<{ n: number }>`
      select (select count(*) from memberships where organization_id = ${org.id})
           + (select count(*) from projects where organization_id = ${org.id})
           + (select count(*) from tasks where organization_id = ${org.id})
           + (select count(*) from comments where organization_id = ${org.id})
           + (select count(*) from users where id = ${owner.id}) - 1 as n`.execute(t.db);
    expect(rows[0]?.n).toBe(0);
    expect((await listOrganizationActivity(t.db, { orgId: org.id, limit: 10 })).items).toHaveLength(1);
  });

  it("the activity feed pages newest first, with changes and the actor's name", async () => {
    const { org, owner } = await makeOrganization(t.db);
    const other = await makeOrganization(t.db);
    const actor = await makeUser(t.db, "Actor Name");
    for (let i = 0; i < 5; i++) {
      await recordAuditEvent(t.db, {
        event: "task_updated",
        actorUserId: i === 0 ? actor.id : owner.id,
        organizationId: org.id,
        entityType: "task",
        entityId: org.id,
        changes: { before: { title: `t${i}` }, after: { title: `t${i + 1}` } },
      });
    }
    await recordAuditEvent(t.db, { event: "task_updated", organizationId: other.org.id });
    // Same occurred_at for all five: only the id orders them, and paging must still be exact.
    await sql`update audit_log set occurred_at = '2026-01-01T00:00:00Z' where organization_id = ${org.id}`.execute(
      t.db,
    );
    const first = await listOrganizationActivity(t.db, { orgId: org.id, limit: 3 });
    const after = decodeCursor(first.nextCursor ?? "");
    if (!after) throw new Error("no cursor");
    const second = await listOrganizationActivity(t.db, { orgId: org.id, limit: 3, after });
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((e) => e.id)).size).toBe(5);
    expect(second.nextCursor).toBeNull();
    expect(all.map((e) => e.changes?.after?.title).sort()).toEqual(["t1", "t2", "t3", "t4", "t5"]);
    expect(all.find((e) => e.changes?.after?.title === "t1")?.actor_name).toBe("Actor Name");
  });
});
