import type { OrgRole } from "../../trpc.ts";

export const orgRoles: readonly OrgRole[] = ["owner", "admin", "member"];

/**
 * Whether to offer the admin screens (members' roles, invitations, activity). Only a hint for the layout: the
 * server decides every call itself (organizations.policy.ts), so a stale role here costs a FORBIDDEN, nothing more.
 */
export const canAdminister = (role: OrgRole) => role === "owner" || role === "admin";
