import { randomUUID } from "node:crypto";
import { type MembershipRole, memberships, projects } from "@plinth/db";
import { useTestDatabase } from "@plinth/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../core/services.ts";
import {
  createTestServices,
  permissiveLimiter,
  signUp,
  testCaller,
  verifiedUser,
} from "../../testing/index.ts";

const t = useTestDatabase();
let services: Services;
beforeAll(async () => {
  services = await createTestServices({ rateLimiter: await permissiveLimiter() });
});

const slug = () => `org-${randomUUID().slice(0, 8)}`;
type Person = Awaited<ReturnType<typeof verifiedUser>>;

/** An organization owned by a fresh user, plus members with the given roles. */
async function orgWith(...roles: MembershipRole[]) {
  const owner = await verifiedUser(t.db, services);
  const org = await owner.caller.organizations.create({ name: "Acme", slug: slug() });
  const others: Person[] = [];
  for (const role of roles) {
    const person = await verifiedUser(t.db, services);
    await memberships.addMember(t.db, { orgId: org.id, userId: person.user.id, role });
    others.push(person);
  }
  return { owner, org, others };
}

describe("organizations", () => {
  it("makes the creator the owner and lists the caller's organizations only", async () => {
    const { owner, org } = await orgWith();
    expect(org).toMatchObject({ name: "Acme", role: "owner" });
    const stranger = await verifiedUser(t.db, services);
    await stranger.caller.organizations.create({ name: "Other", slug: slug() });
    const mine = await owner.caller.organizations.list();
    expect(mine.map((o) => o.id)).toEqual([org.id]);
  });

  it("refuses a taken slug (any case) with SLUG_TAKEN and a bad slug at the edge", async () => {
    const { owner, org } = await orgWith();
    await expect(
      owner.caller.organizations.create({ name: "X", slug: org.slug.toUpperCase() }),
    ).rejects.toMatchObject({
      appCode: "SLUG_TAKEN",
    });
    await expect(owner.caller.organizations.create({ name: "X", slug: "no spaces" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("requires a verified email", async () => {
    const unverified = await signUp(t.db, services);
    await expect(unverified.caller.organizations.list()).rejects.toMatchObject({
      appCode: "EMAIL_NOT_VERIFIED",
    });
  });

  it("answers NOT_FOUND, never FORBIDDEN, to a non-member for every organization procedure", async () => {
    const { org, others } = await orgWith("member");
    const outsider = (await verifiedUser(t.db, services)).caller.organizations;
    const organizationId = org.id;
    const userId = others[0]?.user.id ?? "";
    const calls = [
      () => outsider.byId({ organizationId }),
      () => outsider.rename({ organizationId, name: "Mine" }),
      () => outsider.delete({ organizationId }),
      () => outsider.activity({ organizationId }),
      () => outsider.members.list({ organizationId }),
      () => outsider.members.changeRole({ organizationId, userId, role: "admin" }),
      () => outsider.members.remove({ organizationId, userId }),
      () => outsider.members.leave({ organizationId }),
      () => outsider.invitations.create({ organizationId, email: "x@example.com" }),
      () => outsider.invitations.listPending({ organizationId }),
      () => outsider.invitations.revoke({ organizationId, invitationId: randomUUID() }),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await memberships.findMembership(t.db, org.id, userId))?.role).toBe("member");
  });

  it("lets owners and admins rename, members not, and records the change in the feed", async () => {
    const { owner, org, others } = await orgWith("admin", "member");
    const [admin, member] = others as [Person, Person];
    await expect(
      member.caller.organizations.rename({ organizationId: org.id, name: "Nope" }),
    ).rejects.toMatchObject({
      appCode: "FORBIDDEN",
    });
    await admin.caller.organizations.rename({ organizationId: org.id, name: "Acme Two" });
    const feed = await owner.caller.organizations.activity({ organizationId: org.id });
    expect(feed.items[0]).toMatchObject({
      event: "organization_updated",
      actor: { id: admin.user.id },
      entityType: "organization",
      entityId: org.id,
      changes: { before: { name: "Acme" }, after: { name: "Acme Two" } },
      requestId: expect.any(String),
    });
    await expect(member.caller.organizations.activity({ organizationId: org.id })).rejects.toMatchObject({
      appCode: "FORBIDDEN",
    });
  });

  it("a rename sent with the version read: of two from one version one wins, the other is STALE_WRITE", async () => {
    const { owner, org, others } = await orgWith("admin");
    const [admin] = others as [Person];
    expect(org.version).toBe(1);
    const results = await Promise.allSettled([
      owner.caller.organizations.rename({ organizationId: org.id, name: "Acme One", version: 1 }),
      admin.caller.organizations.rename({ organizationId: org.id, name: "Acme Two", version: 1 }),
    ]);
    const won = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toEqual([expect.objectContaining({ code: "CONFLICT", appCode: "STALE_WRITE" })]);
    const now = await owner.caller.organizations.byId({ organizationId: org.id });
    expect(now).toMatchObject({ name: won[0]?.name, version: 2 });
    // One rename, one feed row, and its "before" is the name the winner replaced.
    const feed = await owner.caller.organizations.activity({ organizationId: org.id });
    const renames = feed.items.filter((i) => i.event === "organization_updated");
    expect(renames).toHaveLength(1);
    expect(renames[0]?.changes).toEqual({ before: { name: "Acme" }, after: { name: won[0]?.name } });
    // Without a version, renames are last-write-wins; each still moves the version.
    const next = await admin.caller.organizations.rename({ organizationId: org.id, name: "Acme Three" });
    expect(next.version).toBe(3);
  });

  it("deletes only for owners, and the delete removes everything below", async () => {
    const { owner, org, others } = await orgWith("admin");
    const project = await projects.createProject(t.db, { orgId: org.id, name: "Web", key: "WEB" });
    await expect(others[0]?.caller.organizations.delete({ organizationId: org.id })).rejects.toMatchObject({
      appCode: "FORBIDDEN",
    });
    await owner.caller.organizations.delete({ organizationId: org.id });
    expect(await memberships.findMembership(t.db, org.id, owner.user.id)).toBeUndefined();
    expect(await projects.findProject(t.db, { orgId: org.id, projectId: project.id })).toBeUndefined();
    await expect(owner.caller.organizations.byId({ organizationId: org.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("members", () => {
  it("lists members with name and role only", async () => {
    const { owner, org } = await orgWith("member", "admin");
    const page = await owner.caller.organizations.members.list({ organizationId: org.id });
    expect(page.items.map((m) => m.role)).toEqual(["owner", "member", "admin"]);
    for (const item of page.items)
      expect(Object.keys(item).sort()).toEqual(["joinedAt", "name", "role", "userId"]);
    await expect(
      owner.caller.organizations.members.list({ organizationId: org.id, cursor: "forged" }),
    ).rejects.toMatchObject({ appCode: "INVALID_CURSOR" });
  });

  it("lets an admin manage members but never promote above admin or touch an owner", async () => {
    const { owner, org, others } = await orgWith("admin", "member");
    const [admin, member] = others as [Person, Person];
    const m = admin.caller.organizations.members;
    await expect(
      m.changeRole({ organizationId: org.id, userId: member.user.id, role: "owner" }),
    ).rejects.toMatchObject({ appCode: "FORBIDDEN" });
    await expect(
      m.changeRole({ organizationId: org.id, userId: owner.user.id, role: "member" }),
    ).rejects.toMatchObject({ appCode: "FORBIDDEN" });
    await expect(m.remove({ organizationId: org.id, userId: owner.user.id })).rejects.toMatchObject({
      appCode: "FORBIDDEN",
    });
    await expect(
      m.changeRole({ organizationId: org.id, userId: member.user.id, role: "admin" }),
    ).resolves.toMatchObject({ role: "admin" });
    const feed = await owner.caller.organizations.activity({ organizationId: org.id });
    expect(feed.items[0]).toMatchObject({
      event: "member_role_changed",
      subjectUserId: member.user.id,
      changes: { before: { role: "member" }, after: { role: "admin" } },
    });
  });

  it("removing a member unassigns their tasks in the same transaction", async () => {
    const { owner, org, others } = await orgWith("member");
    const [member] = others as [Person];
    const project = await projects.createProject(t.db, { orgId: org.id, name: "Web", key: "WEB" });
    const task = await t.db
      .insertInto("tasks")
      .values({
        organization_id: org.id,
        project_id: project.id,
        number: 1,
        title: "Ship",
        assignee_id: member.user.id,
        created_by: owner.user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const result = await owner.caller.organizations.members.remove({
      organizationId: org.id,
      userId: member.user.id,
    });
    expect(result).toEqual({ unassignedTasks: 1 });
    const row = await t.db
      .selectFrom("tasks")
      .select("assignee_id")
      .where("id", "=", task.id)
      .executeTakeFirstOrThrow();
    expect(row.assignee_id).toBeNull();
    await expect(member.caller.organizations.byId({ organizationId: org.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const feed = await owner.caller.organizations.activity({ organizationId: org.id });
    expect(feed.items[0]).toMatchObject({
      event: "member_removed",
      changes: { before: { unassignedTasks: 1 } },
    });
  });

  it("lets members leave, but not the last owner", async () => {
    const { owner, org, others } = await orgWith("member");
    await others[0]?.caller.organizations.members.leave({ organizationId: org.id });
    expect(await memberships.findMembership(t.db, org.id, others[0]?.user.id ?? "")).toBeUndefined();
    await expect(owner.caller.organizations.members.leave({ organizationId: org.id })).rejects.toMatchObject({
      appCode: "LAST_OWNER",
    });
    await expect(
      owner.caller.organizations.members.changeRole({
        organizationId: org.id,
        userId: owner.user.id,
        role: "admin",
      }),
    ).rejects.toMatchObject({ appCode: "LAST_OWNER" });
  });
});

describe("anonymous callers", () => {
  it("get UNAUTHORIZED", async () => {
    const anon = testCaller(t.db, { services });
    await expect(anon.organizations.list()).rejects.toMatchObject({ appCode: "UNAUTHORIZED" });
  });
});
