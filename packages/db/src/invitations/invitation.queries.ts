import type { Executor } from "../executor.ts";
import type { MembershipRole } from "../memberships/membership.table.ts";
import { type KeysetCursor, type Page, toPage } from "../pagination.ts";
import type { Invitation } from "./invitation.table.ts";

export async function createInvitation(
  db: Executor,
  input: {
    orgId: string;
    email: string;
    role: MembershipRole;
    tokenHash: string;
    invitedBy: string;
    expiresAt: Date;
  },
): Promise<Invitation> {
  return db
    .insertInto("invitations")
    .values({
      organization_id: input.orgId,
      email: input.email,
      role: input.role,
      token_hash: input.tokenHash,
      invited_by: input.invitedBy,
      expires_at: input.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findInvitation(
  db: Executor,
  input: { orgId: string; invitationId: string },
): Promise<Invitation | undefined> {
  return db
    .selectFrom("invitations")
    .selectAll()
    .where("organization_id", "=", input.orgId)
    .where("id", "=", input.invitationId)
    .executeTakeFirst();
}

/**
 * The one look-up not scoped by organization: the invitee is not a member yet, and the token (stored hashed)
 * is what proves they were invited.
 */
export async function findInvitationByTokenHash(
  db: Executor,
  tokenHash: string,
): Promise<Invitation | undefined> {
  return db.selectFrom("invitations").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

/**
 * Marks a pending, unexpired invitation answered, in one conditional UPDATE: of parallel answers to the same
 * token exactly one gets the row back; the others (and an expired or answered invitation) get undefined.
 */
export async function answerInvitation(
  db: Executor,
  input: { tokenHash: string; answer: "accepted" | "declined"; now: Date },
): Promise<Invitation | undefined> {
  return db
    .updateTable("invitations")
    .set(input.answer === "accepted" ? { accepted_at: input.now } : { declined_at: input.now })
    .where("token_hash", "=", input.tokenHash)
    .where("accepted_at", "is", null)
    .where("declined_at", "is", null)
    .where("expires_at", ">", input.now)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteInvitation(
  db: Executor,
  input: { orgId: string; invitationId: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom("invitations")
    .where("organization_id", "=", input.orgId)
    .where("id", "=", input.invitationId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** An organization's invitations, newest first, by keyset; `pendingAt` keeps only those still open at that time. */
export async function listInvitations(
  db: Executor,
  opts: { orgId: string; limit: number; after?: KeysetCursor | undefined; pendingAt?: Date | undefined },
): Promise<Page<Invitation>> {
  let query = db.selectFrom("invitations").selectAll().where("organization_id", "=", opts.orgId);
  const { after, pendingAt } = opts;
  if (pendingAt) {
    query = query
      .where("accepted_at", "is", null)
      .where("declined_at", "is", null)
      .where("expires_at", ">", pendingAt);
  }
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple("created_at", "id"), "<", eb.tuple(after.createdAt, after.id)),
    );
  }
  const rows = await query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(opts.limit + 1)
    .execute();
  return toPage(rows, opts.limit, (r) => r);
}

/** Open invitations addressed to an email (citext: any case), for the invitee's inbox in the app. */
export async function listPendingInvitationsForEmail(
  db: Executor,
  input: { email: string; now: Date },
): Promise<Invitation[]> {
  return db
    .selectFrom("invitations")
    .selectAll()
    .where("email", "=", input.email)
    .where("accepted_at", "is", null)
    .where("declined_at", "is", null)
    .where("expires_at", ">", input.now)
    .orderBy("created_at", "desc")
    .execute();
}
