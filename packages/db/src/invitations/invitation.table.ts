import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { MembershipRole } from "../memberships/membership.table.ts";

/**
 * `invitations`: an offer of a role in an organization to an email address. Only the SHA-256 of the token is
 * stored; an invitation is pending while neither accepted_at nor declined_at is set and expires_at is ahead.
 */
export interface InvitationTable {
  id: Generated<string>;
  organization_id: string;
  email: string;
  role: MembershipRole;
  token_hash: string;
  invited_by: string | null;
  expires_at: Date;
  accepted_at: Date | null;
  declined_at: Date | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, never, never>;
}

export type Invitation = Selectable<InvitationTable>;
export type NewInvitation = Insertable<InvitationTable>;
