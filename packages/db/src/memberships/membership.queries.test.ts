import type { Transaction } from "kysely";
import { describe, expect, it } from "vitest";
import { addComment, findComment } from "../comments/comment.queries.ts";
import { listMyOrganizations } from "../organizations/organization.queries.ts";
import type { DB } from "../schema.ts";
import { createTask, findTask } from "../tasks/task.queries.ts";
import { makeOrganization, makeProject, makeUser, useTestDatabase } from "../testing/index.ts";
import {
  addMember,
  changeMemberRoleKeepingAnOwner,
  countOwners,
  findMembership,
  listDirectory,
  listMembers,
  type OwnerGuardedResult,
  removeMemberKeepingAnOwner,
  unassignMemberTasks,
} from "./membership.queries.ts";

const t = useTestDatabase();

describe("owners", () => {
  it("creating an organization makes its creator the owner", async () => {
    const { org, owner } = await makeOrganization(t.db);
    expect(await findMembership(t.db, org.id, owner.id)).toMatchObject({ role: "owner" });
    expect(await listMyOrganizations(t.db, owner.id)).toEqual([
      expect.objectContaining({ id: org.id, role: "owner" }),
    ]);
  });

  it("the last owner can be neither demoted nor removed", async () => {
    const { org, owner, members } = await makeOrganization(t.db, ["admin"]);
    const guarded = (fn: (trx: Transaction<DB>) => Promise<OwnerGuardedResult>) =>
      t.db.transaction().execute(fn);
    expect(
      await guarded((trx) =>
        changeMemberRoleKeepingAnOwner(trx, { orgId: org.id, userId: owner.id, role: "admin" }),
      ),
    ).toEqual({ ok: false, reason: "last_owner" });
    expect(
      await guarded((trx) => removeMemberKeepingAnOwner(trx, { orgId: org.id, userId: owner.id })),
    ).toEqual({
      ok: false,
      reason: "last_owner",
    });
    const admin = members[0]?.id ?? "";
    expect(
      await guarded((trx) =>
        changeMemberRoleKeepingAnOwner(trx, { orgId: org.id, userId: admin, role: "owner" }),
      ),
    ).toMatchObject({ ok: true });
    expect(
      await guarded((trx) =>
        changeMemberRoleKeepingAnOwner(trx, { orgId: org.id, userId: owner.id, role: "member" }),
      ),
    ).toMatchObject({ ok: true });
    expect(await countOwners(t.db, org.id)).toBe(1);
  });

  it("concurrent demotions and removals of every owner leave at least one owner", async () => {
    for (let round = 0; round < 5; round++) {
      const { org, owner, members } = await makeOrganization(t.db, ["owner", "owner", "owner"]);
      const owners = [owner, ...members];
      // On PostgreSQL every transaction first holds a connection and waits for the others, so all four reach
      // the owner check at the same moment; PGlite has one connection and runs them one after another.
      const concurrent = t.driver === "postgres";
      let arrived = 0;
      let release: () => void = () => {};
      const barrier = new Promise<void>((resolve) => {
        release = resolve;
      });
      const results = await Promise.all(
        owners.map((user, i) =>
          t.db.transaction().execute(async (trx) => {
            if (concurrent) {
              await trx.selectNoFrom((eb) => eb.val(1).as("one")).execute();
              if (++arrived === owners.length) release();
              await barrier;
            }
            return i % 2 === 0
              ? removeMemberKeepingAnOwner(trx, { orgId: org.id, userId: user.id })
              : changeMemberRoleKeepingAnOwner(trx, { orgId: org.id, userId: user.id, role: "member" });
          }),
        ),
      );
      expect(await countOwners(t.db, org.id)).toBe(1);
      expect(results.filter((r) => r.ok)).toHaveLength(3);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "last_owner" }]);
    }
  });
});

describe("members", () => {
  it("removing a member's tasks' assignee, then listing members and the directory", async () => {
    const { org, owner, members } = await makeOrganization(t.db, ["member", "admin"]);
    const [leaving, staying] = members;
    if (!leaving || !staying) throw new Error("no members");
    const project = await makeProject(t.db, org.id);
    const task = await createTask(t.db, {
      orgId: org.id,
      projectId: project.id,
      title: "t",
      assigneeId: leaving.id,
      createdBy: owner.id,
    });
    const kept = await createTask(t.db, {
      orgId: org.id,
      projectId: project.id,
      title: "k",
      assigneeId: staying.id,
      createdBy: owner.id,
    });
    expect(await unassignMemberTasks(t.db, { orgId: org.id, userId: leaving.id })).toBe(1);
    expect(await findTask(t.db, { orgId: org.id, taskId: task?.id ?? "" })).toMatchObject({
      assignee_id: null,
      version: 2,
    });
    expect((await findTask(t.db, { orgId: org.id, taskId: kept?.id ?? "" }))?.assignee_id).toBe(staying.id);

    const page1 = await listMembers(t.db, { orgId: org.id, limit: 2 });
    expect(page1.items.map((m) => m.user_id)).toHaveLength(2);
    const { decodeCursor } = await import("../pagination.ts");
    const after = decodeCursor(page1.nextCursor ?? "");
    const page2 = await listMembers(t.db, { orgId: org.id, limit: 2, after: after ?? undefined });
    expect([...page1.items, ...page2.items].map((m) => m.user_id).sort()).toEqual(
      [owner.id, leaving.id, staying.id].sort(),
    );
    expect(page2.nextCursor).toBeNull();

    // The directory shows people who share an organization, names only, and nobody else.
    const stranger = await makeUser(t.db, "Stranger");
    const elsewhere = await makeOrganization(t.db);
    await addMember(t.db, { orgId: elsewhere.org.id, userId: stranger.id, role: "member" });
    const directory = await listDirectory(t.db, { userId: staying.id });
    expect(directory.map((d) => d.id).sort()).toEqual([owner.id, leaving.id, staying.id].sort());
    expect(Object.keys(directory[0] ?? {}).sort()).toEqual(["id", "name"]);
  });

  it("deleting a membership unassigns the member's tasks through the foreign key", async () => {
    const { org, owner, members } = await makeOrganization(t.db, ["member"]);
    const member = members[0];
    if (!member) throw new Error("no member");
    const project = await makeProject(t.db, org.id);
    const task = await createTask(t.db, {
      orgId: org.id,
      projectId: project.id,
      title: "t",
      assigneeId: member.id,
      createdBy: owner.id,
    });
    const result = await t.db
      .transaction()
      .execute((trx) => removeMemberKeepingAnOwner(trx, { orgId: org.id, userId: member.id }));
    expect(result.ok).toBe(true);
    expect(await findTask(t.db, { orgId: org.id, taskId: task?.id ?? "" })).toMatchObject({
      assignee_id: null,
      version: 2,
    });
  });

  it("deleting a user unassigns their tasks and keeps the tasks they created and the comments they wrote", async () => {
    const { org, owner, members } = await makeOrganization(t.db, ["admin"]);
    const admin = members[0];
    if (!admin) throw new Error("no member");
    const project = await makeProject(t.db, org.id);
    const task = await createTask(t.db, {
      orgId: org.id,
      projectId: project.id,
      title: "t",
      assigneeId: admin.id,
      createdBy: admin.id,
    });
    const taskId = task?.id ?? "";
    const comment = await addComment(t.db, { orgId: org.id, taskId, authorId: admin.id, body: "mine" });
    await t.db.deleteFrom("users").where("id", "=", admin.id).execute();
    expect(await findTask(t.db, { orgId: org.id, taskId })).toMatchObject({
      assignee_id: null,
      created_by: null,
    });
    expect(await findComment(t.db, { orgId: org.id, commentId: comment.id })).toMatchObject({
      author_id: null,
      body: "mine",
    });
    expect(await findMembership(t.db, org.id, owner.id)).toMatchObject({ role: "owner" });
  });
});
