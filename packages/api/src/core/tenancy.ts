import { type Executor, type Membership, type MembershipRole, memberships } from "@plinth/db";
import { AppError } from "./errors.ts";

/**
 * Who is acting inside an organization: resolved once per tenant procedure, then handed to the module's policy.
 *
 * A caller who is not a member gets NOT_FOUND, never FORBIDDEN: answering "forbidden" would confirm that the
 * organization (or the project, task or invitation id the caller guessed) exists.
 */
export interface OrgActor {
  userId: string;
  organizationId: string;
  role: MembershipRole;
}

/** Roles in order of power; a role may only grant roles at or below its own. */
export const ROLE_RANK: Readonly<Record<MembershipRole, number>> = { member: 1, admin: 2, owner: 3 };

export const atLeast = (role: MembershipRole, minimum: MembershipRole): boolean =>
  ROLE_RANK[role] >= ROLE_RANK[minimum];

export const notFound = (what = "organization") =>
  new AppError("NOT_FOUND", `No such ${what}`, { details: [{ path: "", message: `No such ${what}` }] });

/** The caller's membership of `organizationId`, or NOT_FOUND. One indexed query (memberships' primary key). */
export async function resolveOrgActor(
  db: Executor,
  userId: string,
  organizationId: string,
): Promise<OrgActor> {
  const membership: Membership | undefined = await memberships.findMembership(db, organizationId, userId);
  if (!membership) throw notFound();
  return { userId, organizationId, role: membership.role };
}

/**
 * `resolveOrgActor` and the check that `projectId` belongs to the organization, in one statement: for the task
 * list, which runs on every page. NOT_FOUND for a non-member (before anything about the project), then for a
 * project that is not the organization's.
 */
export async function resolveProjectActor(
  db: Executor,
  userId: string,
  organizationId: string,
  projectId: string,
): Promise<OrgActor> {
  const found = await memberships.findMembershipWithProject(db, { orgId: organizationId, userId, projectId });
  if (!found) throw notFound();
  if (!found.projectFound) throw notFound("project");
  return { userId, organizationId, role: found.membership.role };
}
