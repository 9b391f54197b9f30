import { generateOneTimeToken, hashToken } from "@plinth/auth";
import {
  type Invitation,
  invitations,
  type MembershipRole,
  memberships,
  organizations,
  type Page,
  users,
} from "@plinth/db";
import { recordActivity } from "../../core/activity.ts";
import { invitationEmail } from "../../core/email/messages.ts";
import { queueEmail } from "../../core/email/queue-email.ts";
import { AppError } from "../../core/errors.ts";
import type { OrgActor } from "../../core/tenancy.ts";
import type { InvitationPreview, InvitationView, InviteInput, PageInput } from "./organizations.schemas.ts";
import { authorize, decodePageCursor, type OrgDeps } from "./organizations.service.ts";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const view = (i: Invitation): InvitationView => ({
  id: i.id,
  organizationId: i.organization_id,
  email: i.email,
  role: i.role,
  invitedBy: i.invited_by,
  expiresAt: i.expires_at,
  createdAt: i.created_at,
});

const invalidToken = () =>
  new AppError("INVALID_TOKEN", "This invitation link is invalid, expired or already used", {
    details: [{ path: "token", message: "Invalid or expired invitation" }],
  });

/**
 * Owners and admins invite by email, never to a role above their own. The token is mailed through the outbox in
 * the same transaction and only its SHA-256 is stored. Anyone may be invited, with or without an account: the
 * invitee who has none signs up with the invited address, verifies it, and accepts with the token.
 */
export async function createInvitation(
  deps: OrgDeps,
  actor: OrgActor,
  input: Omit<InviteInput, "organizationId">,
): Promise<InvitationView> {
  authorize(actor, "invitation.create", { role: input.role });
  return deps.db.transaction().execute(async (trx) => {
    const invitee = await users.findUserByEmail(trx, input.email);
    if (invitee && (await memberships.findMembership(trx, actor.organizationId, invitee.id))) {
      throw new AppError("ALREADY_MEMBER", "That person is already a member", {
        details: [{ path: "email", message: "Already a member" }],
      });
    }
    const org = await organizations.findOrganizationById(trx, actor.organizationId);
    const inviter = await users.findUserById(trx, actor.userId);
    if (!org || !inviter) throw new AppError("NOT_FOUND", "No such organization");
    const token = generateOneTimeToken();
    const invitation = await invitations.createInvitation(trx, {
      orgId: actor.organizationId,
      email: input.email,
      role: input.role,
      tokenHash: hashToken(token),
      invitedBy: actor.userId,
      expiresAt: new Date(deps.services.clock.now().getTime() + INVITATION_TTL_MS),
    });
    await queueEmail(
      deps,
      trx,
      invitationEmail(
        input.email,
        { inviterName: inviter.name, organizationName: org.name, role: input.role },
        token,
        deps.services.appUrl,
      ),
    );
    await recordActivity(deps, trx, {
      event: "invitation_created",
      actorUserId: actor.userId,
      organizationId: actor.organizationId,
      entityType: "invitation",
      entityId: invitation.id,
      changes: { after: { email: invitation.email, role: invitation.role } },
    });
    return view(invitation);
  });
}

export async function listPendingInvitations(
  deps: OrgDeps,
  actor: OrgActor,
  input: PageInput,
): Promise<Page<InvitationView>> {
  authorize(actor, "invitation.list");
  const page = await invitations.listInvitations(deps.db, {
    orgId: actor.organizationId,
    limit: input.limit,
    after: decodePageCursor(input.cursor),
    pendingAt: deps.services.clock.now(),
  });
  return { items: page.items.map(view), nextCursor: page.nextCursor };
}

export async function revokeInvitation(
  deps: OrgDeps,
  actor: OrgActor,
  input: { invitationId: string },
): Promise<void> {
  authorize(actor, "invitation.revoke");
  await deps.db.transaction().execute(async (trx) => {
    const key = { orgId: actor.organizationId, invitationId: input.invitationId };
    const invitation = await invitations.findInvitation(trx, key);
    if (!invitation || !(await invitations.deleteInvitation(trx, key))) {
      throw new AppError("NOT_FOUND", "No such invitation");
    }
    await recordActivity(deps, trx, {
      event: "invitation_revoked",
      actorUserId: actor.userId,
      organizationId: actor.organizationId,
      entityType: "invitation",
      entityId: invitation.id,
      changes: { before: { email: invitation.email, role: invitation.role } },
    });
  });
}

/** The token is the secret: whoever holds a pending one may see what it offers. Anything else is INVALID_TOKEN. */
export async function previewInvitation(deps: OrgDeps, input: { token: string }): Promise<InvitationPreview> {
  const invitation = await invitations.findInvitationByTokenHash(deps.db, hashToken(input.token));
  const pending =
    invitation &&
    !invitation.accepted_at &&
    !invitation.declined_at &&
    invitation.expires_at > deps.services.clock.now();
  if (!pending) throw invalidToken();
  const org = await organizations.findOrganizationById(deps.db, invitation.organization_id);
  if (!org) throw invalidToken();
  const inviter = invitation.invited_by
    ? await users.findUserById(deps.db, invitation.invited_by)
    : undefined;
  return {
    organizationName: org.name,
    role: invitation.role,
    email: invitation.email,
    invitedByName: inviter?.name ?? null,
    expiresAt: invitation.expires_at,
  };
}

/**
 * The signed-in, verified invitee accepts: the account's email must be the invited address (the token alone
 * could have been forwarded). Answering is one conditional UPDATE, so a token works once even in parallel.
 */
export async function acceptInvitation(
  deps: OrgDeps,
  user: { id: string; email: string },
  input: { token: string },
): Promise<{ organizationId: string; role: MembershipRole }> {
  const tokenHash = hashToken(input.token);
  return deps.db.transaction().execute(async (trx) => {
    const found = await invitations.findInvitationByTokenHash(trx, tokenHash);
    if (!found) throw invalidToken();
    if (found.email.toLowerCase() !== user.email.toLowerCase()) {
      throw new AppError("INVITATION_EMAIL_MISMATCH", "This invitation was sent to another email address");
    }
    const invitation = await invitations.answerInvitation(trx, {
      tokenHash,
      answer: "accepted",
      now: deps.services.clock.now(),
    });
    if (!invitation) throw invalidToken();
    const existing = await memberships.findMembership(trx, invitation.organization_id, user.id);
    if (!existing) {
      await memberships.addMember(trx, {
        orgId: invitation.organization_id,
        userId: user.id,
        role: invitation.role,
      });
    }
    await recordActivity(deps, trx, {
      event: "invitation_accepted",
      actorUserId: user.id,
      subjectUserId: user.id,
      organizationId: invitation.organization_id,
      entityType: "invitation",
      entityId: invitation.id,
      changes: { after: { role: existing?.role ?? invitation.role } },
    });
    return { organizationId: invitation.organization_id, role: existing?.role ?? invitation.role };
  });
}

/** Declining needs only the token: the recipient may have no account and no wish to make one. */
export async function declineInvitation(
  deps: OrgDeps,
  actorUserId: string | null,
  input: { token: string },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const invitation = await invitations.answerInvitation(trx, {
      tokenHash: hashToken(input.token),
      answer: "declined",
      now: deps.services.clock.now(),
    });
    if (!invitation) throw invalidToken();
    await recordActivity(deps, trx, {
      event: "invitation_declined",
      actorUserId,
      organizationId: invitation.organization_id,
      entityType: "invitation",
      entityId: invitation.id,
      changes: { before: { email: invitation.email } },
    });
  });
}
