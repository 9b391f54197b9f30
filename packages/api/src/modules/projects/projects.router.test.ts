import { randomUUID } from "node:crypto";
import { useTestDatabase } from "@plinth/db/testing";
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

const activity = (orgId: string) =>
  t.db
    .selectFrom("audit_log")
    .selectAll()
    .where("organization_id", "=", orgId)
    .orderBy("occurred_at")
    .orderBy("id")
    .execute();

describe("projects procedures", () => {
  it("admins create, rename, archive, unarchive and delete, each with an activity row in its transaction", async () => {
    const o = await orgWithCallers(t.db, services);
    const organizationId = o.org.id;
    const p = await o.admin.projects.create({ organizationId, name: "Web", key: "WEB", description: "site" });
    expect(p).toMatchObject({
      name: "Web",
      key: "WEB",
      description: "site",
      archivedAt: null,
      organizationId,
    });
    expect(Object.keys(p)).not.toContain("next_task_number");
    // Naming no field is a no-op, not an error (and writes no activity row).
    expect((await o.owner.projects.update({ organizationId, projectId: p.id })).name).toBe("Web");
    const renamed = await o.owner.projects.update({ organizationId, projectId: p.id, name: "Website" });
    expect(renamed.name).toBe("Website");
    expect((await o.admin.projects.archive({ organizationId, projectId: p.id })).archivedAt).toBeInstanceOf(
      Date,
    );
    const listed = await o.member.projects.list({ organizationId });
    expect(listed.items.map((x) => x.id)).not.toContain(p.id);
    const withArchived = await o.member.projects.list({ organizationId, includeArchived: true });
    expect(withArchived.items.map((x) => x.id)).toContain(p.id);
    expect((await o.admin.projects.unarchive({ organizationId, projectId: p.id })).archivedAt).toBeNull();
    await o.admin.projects.delete({ organizationId, projectId: p.id });
    await expect(o.member.projects.get({ organizationId, projectId: p.id })).rejects.toMatchObject({
      appCode: "NOT_FOUND",
    });

    const rows = (await activity(organizationId)).filter((r) => r.entity_id === p.id);
    expect(rows.map((r) => r.event)).toEqual([
      "project_created",
      "project_updated",
      "project_archived",
      "project_unarchived",
      "project_deleted",
    ]);
    expect(rows[1]).toMatchObject({
      actor_user_id: o.users.owner.id,
      entity_type: "project",
      changes: { before: { name: "Web" }, after: { name: "Website" } },
    });
    expect(rows.every((r) => typeof r.request_id === "string")).toBe(true);
  });

  it("members read projects but may not manage them (FORBIDDEN); non-members get NOT_FOUND", async () => {
    const o = await orgWithCallers(t.db, services);
    const organizationId = o.org.id;
    await expect(o.member.projects.create({ organizationId, name: "X", key: "XX" })).rejects.toMatchObject({
      appCode: "FORBIDDEN",
    });
    await expect(
      o.member.projects.update({ organizationId, projectId: o.project.id, name: "Y" }),
    ).rejects.toMatchObject({ appCode: "FORBIDDEN" });
    await expect(o.member.projects.delete({ organizationId, projectId: o.project.id })).rejects.toMatchObject(
      {
        appCode: "FORBIDDEN",
      },
    );
    expect((await o.member.projects.get({ organizationId, projectId: o.project.id })).id).toBe(o.project.id);

    const other = await orgWithCallers(t.db, services);
    await expect(other.owner.projects.list({ organizationId })).rejects.toMatchObject({
      appCode: "NOT_FOUND",
    });
    // Their own organization with our project id: the project is looked up with their organization in the WHERE.
    await expect(
      other.owner.projects.get({ organizationId: other.org.id, projectId: o.project.id }),
    ).rejects.toMatchObject({ appCode: "NOT_FOUND" });
  });

  it("a key used twice in one organization is PROJECT_KEY_TAKEN; keys are checked for shape", async () => {
    const o = await orgWithCallers(t.db, services);
    await o.admin.projects.create({ organizationId: o.org.id, name: "A", key: "DUP" });
    await expect(
      o.admin.projects.create({ organizationId: o.org.id, name: "B", key: "DUP" }),
    ).rejects.toMatchObject({ code: "CONFLICT", appCode: "PROJECT_KEY_TAKEN" });
    await expect(
      o.admin.projects.create({ organizationId: o.org.id, name: "B", key: "bad key" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("pages through every project with the cursor; a tampered cursor is INVALID_CURSOR", async () => {
    const o = await orgWithCallers(t.db, services);
    const organizationId = o.org.id;
    for (let i = 0; i < 6; i++)
      await o.admin.projects.create({ organizationId, name: `P${i}`, key: `PG${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await o.member.projects.list({
        organizationId,
        limit: 2,
        cursor,
        direction: "forward",
      });
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    await expect(
      o.member.projects.list({ organizationId, cursor: Buffer.from("{}").toString("base64url") }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", appCode: "INVALID_CURSOR" });
  });

  it("the project list costs the same number of statements for 1 and for 100 projects", async () => {
    const measure = async (n: number) => {
      const o = await orgWithCallers(t.db, services);
      for (let i = 1; i < n; i++) {
        await t.db
          .insertInto("projects")
          .values({ organization_id: o.org.id, name: `Q${i}`, key: `Q${i}` })
          .execute();
      }
      const counter = countQueries(t.db);
      const caller = await callerFor(counter.db, services, o.users.member);
      counter.reset();
      const page = await caller.projects.list({ organizationId: o.org.id, limit: 100 });
      expect(page.items).toHaveLength(n);
      return counter.count;
    };
    const one = await measure(1);
    const hundred = await measure(100);
    expect(hundred).toBe(one);
    expect(one).toBe(2); // the membership, the page
  });

  it("an update sent with the version read: of two from one version one wins, the other is STALE_WRITE", async () => {
    const o = await orgWithCallers(t.db, services);
    const organizationId = o.org.id;
    const p = await o.admin.projects.create({ organizationId, name: "Web", key: "WEB" });
    expect(p.version).toBe(1);
    // Handing out task numbers is not an edit of the project: its version stays.
    await o.member.tasks.create({ organizationId, projectId: p.id, title: "One" });
    expect((await o.member.projects.get({ organizationId, projectId: p.id })).version).toBe(1);

    const results = await Promise.allSettled(
      ["Site", "Portal"].map((name) =>
        o.admin.projects.update({ organizationId, projectId: p.id, name, version: p.version }),
      ),
    );
    const won = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(won).toHaveLength(1);
    expect(won[0]?.version).toBe(2);
    expect(lost).toEqual([expect.objectContaining({ code: "CONFLICT", appCode: "STALE_WRITE" })]);
    const now = await o.member.projects.get({ organizationId, projectId: p.id });
    expect(now).toMatchObject({ name: won[0]?.name, version: 2 });
    // The loser wrote nothing, its activity row included.
    const updates = (await activity(organizationId)).filter((r) => r.event === "project_updated");
    expect(updates).toHaveLength(1);

    // A stale version is refused even when the update names no field; archiving moves the version too.
    await expect(
      o.admin.projects.update({ organizationId, projectId: p.id, version: 1 }),
    ).rejects.toMatchObject({ appCode: "STALE_WRITE" });
    expect((await o.admin.projects.archive({ organizationId, projectId: p.id })).version).toBe(3);
    // Without a version the update applies to whatever is current (last write wins, as before).
    expect(
      (await o.admin.projects.update({ organizationId, projectId: p.id, description: "d" })).version,
    ).toBe(4);
  });

  it("refuses unknown fields and a random organization id alike", async () => {
    const o = await orgWithCallers(t.db, services);
    await expect(o.owner.projects.list({ organizationId: randomUUID() })).rejects.toMatchObject({
      appCode: "NOT_FOUND",
    });
    await expect(
      o.owner.projects.list({ organizationId: o.org.id, extra: 1 } as never),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
