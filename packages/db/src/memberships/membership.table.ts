import type { ColumnType, Insertable, Selectable } from "kysely";

export const membershipRoles = ["owner", "admin", "member"] as const;
export type MembershipRole = (typeof membershipRoles)[number];

/** `memberships`: a user's role in an organization, one row per (organization, user). */
export interface MembershipTable {
  organization_id: string;
  user_id: string;
  role: MembershipRole;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, never, never>;
}

export type Membership = Selectable<MembershipTable>;
export type NewMembership = Insertable<MembershipTable>;
