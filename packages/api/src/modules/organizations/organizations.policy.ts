import type { MembershipRole } from "@plinth/db";
import { atLeast, type OrgActor } from "../../core/tenancy.ts";

export type OrganizationAction =
  | "organization.read"
  | "organization.rename"
  | "organization.delete"
  | "members.list"
  | "member.changeRole"
  | "member.remove"
  | "invitation.create"
  | "invitation.list"
  | "invitation.revoke"
  | "activity.read";

/**
 * What the action is applied to: `targetRole` is the current role of the member acted on, `role` the role being
 * granted (a role change's new role, an invitation's role).
 */
export interface OrganizationResource {
  targetRole?: MembershipRole;
  role?: MembershipRole;
}

/**
 * Who may do what in an organization. Owners do everything; admins manage people but never above their own
 * rank (they cannot touch an owner nor make one); members read. "At least one owner remains" is not a policy
 * question: it depends on the other rows, so the service enforces it under a lock.
 */
export function can(
  actor: Pick<OrgActor, "role">,
  action: OrganizationAction,
  resource: OrganizationResource = {},
): boolean {
  const withinRank = (role: MembershipRole | undefined) => role === undefined || atLeast(actor.role, role);
  switch (action) {
    case "organization.read":
    case "members.list":
      return true;
    case "organization.delete":
      return actor.role === "owner";
    case "organization.rename":
    case "invitation.list":
    case "invitation.revoke":
    case "activity.read":
      return atLeast(actor.role, "admin");
    case "invitation.create":
      return atLeast(actor.role, "admin") && withinRank(resource.role);
    case "member.changeRole":
    case "member.remove":
      return atLeast(actor.role, "admin") && withinRank(resource.targetRole) && withinRank(resource.role);
  }
}
