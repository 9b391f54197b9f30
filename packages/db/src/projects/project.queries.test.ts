import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { addComment, editComment, listComments } from "../comments/comment.queries.ts";
import { isUniqueViolation } from "../errors.ts";
import { lockOrganization, updateOrganization } from "../organizations/organization.queries.ts";
import { decodeCursor } from "../pagination.ts";
import { createTask } from "../tasks/task.queries.ts";
import { makeOrganization, makeProject, useTestDatabase } from "../testing/index.ts";
import { createProject, findProject, listProjects, lockProject, updateProject } from "./project.queries.ts";

const t = useTestDatabase();

describe("projects", () => {
  it("keys are unique per organization only", async () => {
    const a = await makeOrganization(t.db);
    const b = await makeOrganization(t.db);
    await createProject(t.db, { orgId: a.org.id, name: "Web", key: "WEB" });
    await createProject(t.db, { orgId: b.org.id, name: "Web", key: "WEB" });
    const err = await createProject(t.db, { orgId: a.org.id, name: "Web 2", key: "WEB" }).catch((e) => e);
    expect(isUniqueViolation(err)).toBe(true);
  });

  it("versions move with each change a client sees, not with the task-number counter", async () => {
    const { org, owner } = await makeOrganization(t.db);
    const project = await makeProject(t.db, org.id);
    const ref = { orgId: org.id, projectId: project.id };
    expect(project.version).toBe(1);
    await createTask(t.db, { ...ref, title: "t", createdBy: owner.id });
    expect((await lockProject(t.db, ref))?.version).toBe(1);
    await updateProject(t.db, { ...ref, changes: { name: "Renamed" } });
    await updateProject(t.db, { ...ref, changes: { archivedAt: new Date() } });
    expect(await lockProject(t.db, ref)).toMatchObject({ name: "Renamed", version: 3 });
    expect(await lockProject(t.db, { orgId: org.id, projectId: crypto.randomUUID() })).toBeUndefined();

    expect(org.version).toBe(1);
    await updateOrganization(t.db, org.id, { name: "Renamed" });
    expect(await lockOrganization(t.db, org.id)).toMatchObject({ name: "Renamed", version: 2 });
  });

  it("lists by keyset over rows sharing created_at, archived ones only on request", async () => {
    const { org, owner } = await makeOrganization(t.db);
    const other = await makeOrganization(t.db);
    await makeProject(t.db, other.org.id);
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await makeProject(t.db, org.id));
    await sql`update projects set created_at = '2026-01-01T00:00:00Z' where organization_id = ${org.id}`.execute(
      t.db,
    );
    const archived = made[3];
    if (!archived) throw new Error("no project");
    const before = archived.updated_at;
    // Handing out task numbers is not an edit: updated_at stays.
    await createTask(t.db, { orgId: org.id, projectId: archived.id, title: "t", createdBy: owner.id });
    expect((await findProject(t.db, { orgId: org.id, projectId: archived.id }))?.updated_at).toEqual(before);
    await updateProject(t.db, { orgId: org.id, projectId: archived.id, changes: { archivedAt: new Date() } });

    const walk = async (includeArchived: boolean) => {
      const ids: string[] = [];
      let after: ReturnType<typeof decodeCursor> | undefined;
      for (let n = 0; n < 20; n++) {
        const page = await listProjects(t.db, {
          orgId: org.id,
          limit: 2,
          after: after ?? undefined,
          includeArchived,
        });
        ids.push(...page.items.map((p) => p.id));
        if (!page.nextCursor) break;
        after = decodeCursor(page.nextCursor);
      }
      return ids;
    };
    const all = await walk(true);
    expect(all).toEqual(
      made
        .map((p) => p.id)
        .sort()
        .reverse(),
    );
    expect(await walk(false)).toEqual(all.filter((id) => id !== archived.id));
  });

  it("comments page oldest first with author names, within the organization", async () => {
    const { org, owner } = await makeOrganization(t.db);
    const project = await makeProject(t.db, org.id);
    const task = await createTask(t.db, {
      orgId: org.id,
      projectId: project.id,
      title: "t",
      createdBy: owner.id,
    });
    const taskId = task?.id ?? "";
    // Each a millisecond apart: three inserts can land in the same millisecond, and then (created_at, id) orders
    // them by their random ids, not by when they were written (this test failed that way once in CI).
    const start = Date.now() - 60_000;
    for (const [i, body] of ["1", "2", "3"].entries()) {
      const comment = await addComment(t.db, { orgId: org.id, taskId, authorId: owner.id, body });
      // created_at is read-only in the table types; the test sets it directly.
      await sql`update comments set created_at = ${new Date(start + i)} where id = ${comment.id}`.execute(
        t.db,
      );
    }
    const first = await listComments(t.db, { orgId: org.id, taskId, limit: 2 });
    const after = decodeCursor(first.nextCursor ?? "");
    const second = await listComments(t.db, { orgId: org.id, taskId, limit: 2, after: after ?? undefined });
    expect([...first.items, ...second.items].map((c) => c.body)).toEqual(["1", "2", "3"]);
    expect(first.items[0]?.author_name).toBe("Owner");
    const other = await makeOrganization(t.db);
    const target = first.items[0]?.id ?? "";
    expect(await editComment(t.db, { orgId: other.org.id, commentId: target, body: "x" })).toBeUndefined();
    expect((await listComments(t.db, { orgId: other.org.id, taskId, limit: 10 })).items).toEqual([]);
  });
});
