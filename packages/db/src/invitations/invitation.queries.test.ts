import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeOrganization, useTestDatabase } from "../testing/index.ts";
import {
  answerInvitation,
  createInvitation,
  findInvitation,
  listInvitations,
  listPendingInvitationsForEmail,
} from "./invitation.queries.ts";

const t = useTestDatabase();

describe("invitations", () => {
  it("of parallel answers to one token exactly one wins; an answered or expired one cannot be answered", async () => {
    const { org, owner } = await makeOrganization(t.db);
    const now = new Date();
    const tokenHash = randomUUID();
    const email = `${randomUUID()}@Example.test`;
    const invitation = await createInvitation(t.db, {
      orgId: org.id,
      email,
      role: "member",
      tokenHash,
      invitedBy: owner.id,
      expiresAt: new Date(now.getTime() + 7 * 86_400_000),
    });
    expect(
      (await listPendingInvitationsForEmail(t.db, { email: email.toLowerCase(), now })).map((i) => i.id),
    ).toEqual([invitation.id]);
    const answers = await Promise.all([
      answerInvitation(t.db, { tokenHash, answer: "accepted", now }),
      answerInvitation(t.db, { tokenHash, answer: "declined", now }),
      answerInvitation(t.db, { tokenHash, answer: "accepted", now }),
    ]);
    expect(answers.filter(Boolean)).toHaveLength(1);
    expect(await listPendingInvitationsForEmail(t.db, { email, now })).toEqual([]);

    const expired = await createInvitation(t.db, {
      orgId: org.id,
      email,
      role: "admin",
      tokenHash: randomUUID(),
      invitedBy: owner.id,
      expiresAt: new Date(now.getTime() - 1),
    });
    expect(
      await answerInvitation(t.db, { tokenHash: expired.token_hash, answer: "accepted", now }),
    ).toBeUndefined();
    const page = await listInvitations(t.db, { orgId: org.id, limit: 10 });
    expect(page.items.map((i) => i.id).sort()).toEqual([invitation.id, expired.id].sort());
    expect((await listInvitations(t.db, { orgId: org.id, limit: 10, pendingAt: now })).items).toEqual([]);
    const other = await makeOrganization(t.db);
    expect(await findInvitation(t.db, { orgId: other.org.id, invitationId: invitation.id })).toBeUndefined();
  });
});
