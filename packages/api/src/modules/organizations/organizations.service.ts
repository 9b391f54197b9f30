import {
  audit,
  decodeCursor,
  isUniqueViolation,
  type KeysetCursor,
  type Member,
  type MembershipRole,
  memberships,
  type Organization,
  organizations,
  type Page,
  users,
} from "@plinth/db";
import { recordActivity } from "../../core/activity.ts";
import type { Context } from "../../core/context.ts";
import { AppError } from "../../core/errors.ts";
import { staleWrite } from "../../core/stale-write.ts";
import type { OrgActor } from "../../core/tenancy.ts";
import { can, type OrganizationAction, type OrganizationResource } from "./organizations.policy.ts";
import type {
  ActivityView,
  ChangeRoleInput,
  CreateOrganizationInput,
  MemberView,
  OrganizationView,
  PageInput,
} from "./organizations.schemas.ts";

/** What the organization services use of a request: the database, services, and who/where for the audit row. */
export type OrgDeps = Pick<Context, "db" | "services" | "requestId" | "client">;

export function authorize(actor: OrgActor, action: OrganizationAction, resource?: OrganizationResource) {
  if (!can(actor, action, resource))
    throw new AppError("FORBIDDEN", "Your role in this organization does not allow that");
}

export function decodePageCursor(cursor: string | null | undefined): KeysetCursor | undefined {
  if (!cursor) return undefined;
  const after = decodeCursor(cursor);
  if (!after) {
    throw new AppError("INVALID_CURSOR", "The cursor is not one this list produced", {
      details: [{ path: "cursor", message: "Invalid cursor" }],
    });
  }
  return after;
}

const view = (org: Organization, role: MembershipRole): OrganizationView => ({
  id: org.id,
  name: org.name,
  slug: org.slug,
  role,
  version: org.version,
  createdAt: org.created_at,
});

const lastOwner = () =>
  new AppError("LAST_OWNER", "An organization needs an owner: make someone else owner first");

export async function createOrganization(
  deps: OrgDeps,
  userId: string,
  input: CreateOrganizationInput,
): Promise<OrganizationView> {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const org = await organizations.createOrganization(trx, { ...input, ownerId: userId });
      await recordActivity(deps, trx, {
        event: "organization_created",
        actorUserId: userId,
        organizationId: org.id,
        entityType: "organization",
        entityId: org.id,
        changes: { after: { name: org.name, slug: org.slug } },
      });
      return view(org, "owner");
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("SLUG_TAKEN", "That address is taken", {
        details: [{ path: "slug", message: "That address is taken" }],
      });
    }
    throw error;
  }
}

export async function listMyOrganizations(deps: OrgDeps, userId: string): Promise<OrganizationView[]> {
  const rows = await organizations.listMyOrganizations(deps.db, userId);
  return rows.map((row) => view(row, row.role));
}

export async function getOrganization(deps: OrgDeps, actor: OrgActor): Promise<OrganizationView> {
  const org = await organizations.findOrganizationById(deps.db, actor.organizationId);
  if (!org) throw new AppError("NOT_FOUND", "No such organization");
  return view(org, actor.role);
}

/** Under the row lock its read took; with `version`, an organization renamed since the caller read it is left alone. */
export async function renameOrganization(
  deps: OrgDeps,
  actor: OrgActor,
  input: { name: string; version?: number | undefined },
): Promise<OrganizationView> {
  authorize(actor, "organization.rename");
  return deps.db.transaction().execute(async (trx) => {
    const before = await organizations.lockOrganization(trx, actor.organizationId);
    if (!before) throw new AppError("NOT_FOUND", "No such organization");
    if (input.version !== undefined && before.version !== input.version) throw staleWrite("organization");
    const org = await organizations.updateOrganization(trx, actor.organizationId, { name: input.name });
    if (!org) throw new AppError("NOT_FOUND", "No such organization");
    await recordActivity(deps, trx, {
      event: "organization_updated",
      actorUserId: actor.userId,
      organizationId: org.id,
      entityType: "organization",
      entityId: org.id,
      changes: { before: { name: before.name }, after: { name: org.name } },
    });
    return view(org, actor.role);
  });
}

/** Owners only; the cascade removes memberships, invitations, projects, tasks and comments. The feed keeps its rows. */
export async function deleteOrganization(deps: OrgDeps, actor: OrgActor): Promise<void> {
  authorize(actor, "organization.delete");
  await deps.db.transaction().execute(async (trx) => {
    const org = await organizations.findOrganizationById(trx, actor.organizationId);
    if (!org) throw new AppError("NOT_FOUND", "No such organization");
    await recordActivity(deps, trx, {
      event: "organization_deleted",
      actorUserId: actor.userId,
      organizationId: org.id,
      entityType: "organization",
      entityId: org.id,
      changes: { before: { name: org.name, slug: org.slug } },
    });
    await organizations.deleteOrganization(trx, org.id);
  });
}

export async function listMembers(
  deps: OrgDeps,
  actor: OrgActor,
  input: PageInput,
): Promise<Page<MemberView>> {
  authorize(actor, "members.list");
  const page = await memberships.listMembers(deps.db, {
    orgId: actor.organizationId,
    limit: input.limit,
    after: decodePageCursor(input.cursor),
  });
  return {
    items: page.items.map((m: Member) => ({
      userId: m.user_id,
      name: m.name,
      role: m.role,
      joinedAt: m.created_at,
    })),
    nextCursor: page.nextCursor,
  };
}

/**
 * The target's role is read inside the transaction, after the owners are locked, so a concurrent promotion of the
 * target cannot slip an owner past an admin's rank check.
 */
export async function changeMemberRole(
  deps: OrgDeps,
  actor: OrgActor,
  input: Pick<ChangeRoleInput, "userId" | "role">,
): Promise<MemberView> {
  return deps.db.transaction().execute(async (trx) => {
    await memberships.lockOwners(trx, actor.organizationId);
    const target = await memberships.findMembership(trx, actor.organizationId, input.userId);
    if (!target) throw new AppError("NOT_FOUND", "No such member");
    authorize(actor, "member.changeRole", { targetRole: target.role, role: input.role });
    const result = await memberships.changeMemberRoleKeepingAnOwner(trx, {
      orgId: actor.organizationId,
      userId: input.userId,
      role: input.role,
    });
    if (!result.ok)
      throw result.reason === "last_owner" ? lastOwner() : new AppError("NOT_FOUND", "No such member");
    if (target.role !== input.role) {
      await recordActivity(deps, trx, {
        event: "member_role_changed",
        actorUserId: actor.userId,
        subjectUserId: input.userId,
        organizationId: actor.organizationId,
        entityType: "membership",
        entityId: input.userId,
        changes: { before: { role: target.role }, after: { role: input.role } },
      });
    }
    const user = await users.findUserById(trx, input.userId);
    return { userId: input.userId, name: user?.name ?? "", role: input.role, joinedAt: target.created_at };
  });
}

/**
 * Removes a member, or lets one leave (`userId` = the actor). Their tasks are unassigned in the same transaction
 * and the count lands in the feed. The owners are locked first, so concurrent removals and demotions of the last
 * owners serialize and one of them fails with LAST_OWNER.
 */
export async function removeMember(
  deps: OrgDeps,
  actor: OrgActor,
  input: { userId: string },
): Promise<{ unassignedTasks: number }> {
  const leaving = input.userId === actor.userId;
  return deps.db.transaction().execute(async (trx) => {
    await memberships.lockOwners(trx, actor.organizationId);
    const target = await memberships.findMembership(trx, actor.organizationId, input.userId);
    if (!target) throw new AppError("NOT_FOUND", "No such member");
    if (!leaving) authorize(actor, "member.remove", { targetRole: target.role });
    const key = { orgId: actor.organizationId, userId: input.userId };
    const unassignedTasks = await memberships.unassignMemberTasks(trx, key);
    const result = await memberships.removeMemberKeepingAnOwner(trx, key);
    if (!result.ok)
      throw result.reason === "last_owner" ? lastOwner() : new AppError("NOT_FOUND", "No such member");
    await recordActivity(deps, trx, {
      event: leaving ? "member_left" : "member_removed",
      actorUserId: actor.userId,
      subjectUserId: input.userId,
      organizationId: actor.organizationId,
      entityType: "membership",
      entityId: input.userId,
      changes: { before: { role: target.role, unassignedTasks }, after: {} },
    });
    return { unassignedTasks };
  });
}

export async function listActivity(
  deps: OrgDeps,
  actor: OrgActor,
  input: PageInput,
): Promise<Page<ActivityView>> {
  authorize(actor, "activity.read");
  const page = await audit.listOrganizationActivity(deps.db, {
    orgId: actor.organizationId,
    limit: input.limit,
    after: decodePageCursor(input.cursor),
  });
  return {
    items: page.items.map((e) => ({
      id: e.id,
      occurredAt: e.occurred_at,
      event: e.event,
      actor: e.actor_user_id ? { id: e.actor_user_id, name: e.actor_name } : null,
      subjectUserId: e.subject_user_id,
      entityType: e.entity_type,
      entityId: e.entity_id,
      changes: e.changes,
      requestId: e.request_id,
    })),
    nextCursor: page.nextCursor,
  };
}
