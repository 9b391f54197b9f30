import { randomUUID } from "node:crypto";
import { createManualClock } from "@plinth/auth";
import { memberships } from "@plinth/db";
import { useTestDatabase } from "@plinth/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../core/services.ts";
import {
  callerWithToken,
  createTestServices,
  latestMail,
  permissiveLimiter,
  signUp,
  testCaller,
  tokenFromMail,
  uniqueEmail,
  verifiedUser,
} from "../../testing/index.ts";

const t = useTestDatabase();
let services: Services;
beforeAll(async () => {
  services = await createTestServices({ rateLimiter: await permissiveLimiter() });
});

async function orgOf(owner: Awaited<ReturnType<typeof verifiedUser>>) {
  return owner.caller.organizations.create({ name: "Acme", slug: `org-${randomUUID().slice(0, 8)}` });
}

async function invitationToken(to: string) {
  return tokenFromMail((await latestMail(t.db, services, to, "organization_invitation")).text);
}

describe("invitations", () => {
  it("mails a single-use token; the invitee accepts once and lands with the invited role", async () => {
    const owner = await verifiedUser(t.db, services);
    const org = await orgOf(owner);
    const invitee = await verifiedUser(t.db, services);
    const invitation = await owner.caller.organizations.invitations.create({
      organizationId: org.id,
      email: invitee.email.toUpperCase(),
      role: "admin",
    });
    const stored = await t.db
      .selectFrom("invitations")
      .selectAll()
      .where("id", "=", invitation.id)
      .executeTakeFirstOrThrow();
    const token = await invitationToken(invitee.email);
    expect(stored.token_hash).not.toContain(token);
    expect(stored.expires_at.getTime() - stored.created_at.getTime()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    const pending = await owner.caller.organizations.invitations.listPending({ organizationId: org.id });
    expect(pending.items.map((i) => i.id)).toEqual([invitation.id]);

    const anon = testCaller(t.db, { services });
    await expect(anon.organizations.invitations.preview({ token })).resolves.toEqual({
      organizationName: "Acme",
      role: "admin",
      email: invitee.email.toUpperCase(),
      invitedByName: "Test User",
      expiresAt: stored.expires_at,
    });
    await expect(invitee.caller.organizations.invitations.accept({ token })).resolves.toEqual({
      organizationId: org.id,
      role: "admin",
    });
    expect((await memberships.findMembership(t.db, org.id, invitee.user.id))?.role).toBe("admin");
    await expect(invitee.caller.organizations.invitations.accept({ token })).rejects.toMatchObject({
      appCode: "INVALID_TOKEN",
    });
    expect(
      (await owner.caller.organizations.invitations.listPending({ organizationId: org.id })).items,
    ).toEqual([]);
    const feed = await owner.caller.organizations.activity({ organizationId: org.id });
    expect(feed.items.map((e) => e.event).slice(0, 2)).toEqual(["invitation_accepted", "invitation_created"]);
  });

  it("lets an address with no account sign up, verify, and accept into the organization", async () => {
    const owner = await verifiedUser(t.db, services);
    const org = await orgOf(owner);
    const email = uniqueEmail("newcomer");
    await owner.caller.organizations.invitations.create({ organizationId: org.id, email });
    const token = await invitationToken(email);
    const unverified = await signUp(t.db, services, { email });
    await expect(unverified.caller.organizations.invitations.accept({ token })).rejects.toMatchObject({
      appCode: "EMAIL_NOT_VERIFIED",
    });
    const newcomer = await verifiedUser(t.db, services, { email: uniqueEmail("unused") });
    await expect(newcomer.caller.organizations.invitations.accept({ token })).rejects.toMatchObject({
      appCode: "INVITATION_EMAIL_MISMATCH",
    });
    const verified = await verifiedUserFrom(unverified);
    await verified.organizations.invitations.accept({ token });
    expect((await verified.organizations.list()).map((o) => o.id)).toEqual([org.id]);
  });

  it("can be declined with the token alone, and revoked by an admin", async () => {
    const owner = await verifiedUser(t.db, services);
    const org = await orgOf(owner);
    const a = uniqueEmail("a");
    const b = uniqueEmail("b");
    await owner.caller.organizations.invitations.create({ organizationId: org.id, email: a });
    const toB = await owner.caller.organizations.invitations.create({ organizationId: org.id, email: b });
    const anon = testCaller(t.db, { services });
    await anon.organizations.invitations.decline({ token: await invitationToken(a) });
    await owner.caller.organizations.invitations.revoke({ organizationId: org.id, invitationId: toB.id });
    const invitee = await verifiedUser(t.db, services, { email: b });
    await expect(
      invitee.caller.organizations.invitations.accept({ token: await invitationToken(b) }),
    ).rejects.toMatchObject({ appCode: "INVALID_TOKEN" });
    const events = (await owner.caller.organizations.activity({ organizationId: org.id })).items.map(
      (e) => e.event,
    );
    expect(events.slice(0, 2)).toEqual(["invitation_revoked", "invitation_declined"]);
  });

  it("expires after 7 days", async () => {
    const clock = createManualClock();
    const timed = await createTestServices({ rateLimiter: await permissiveLimiter(), clock });
    const owner = await verifiedUser(t.db, timed);
    const org = await owner.caller.organizations.create({
      name: "T",
      slug: `org-${randomUUID().slice(0, 8)}`,
    });
    const invitee = await verifiedUser(t.db, timed);
    await owner.caller.organizations.invitations.create({ organizationId: org.id, email: invitee.email });
    const token = tokenFromMail(
      (await latestMail(t.db, timed, invitee.email, "organization_invitation")).text,
    );
    clock.advance(7 * 24 * 3600 * 1000 + 1000);
    await expect(invitee.caller.organizations.invitations.accept({ token })).rejects.toMatchObject({
      appCode: "INVALID_TOKEN",
    });
  });

  it("keeps members from inviting and admins from inviting owners", async () => {
    const owner = await verifiedUser(t.db, services);
    const org = await orgOf(owner);
    const admin = await verifiedUser(t.db, services);
    const member = await verifiedUser(t.db, services);
    await memberships.addMember(t.db, { orgId: org.id, userId: admin.user.id, role: "admin" });
    await memberships.addMember(t.db, { orgId: org.id, userId: member.user.id, role: "member" });
    const email = uniqueEmail();
    await expect(
      member.caller.organizations.invitations.create({ organizationId: org.id, email }),
    ).rejects.toMatchObject({ appCode: "FORBIDDEN" });
    await expect(
      admin.caller.organizations.invitations.create({ organizationId: org.id, email, role: "owner" }),
    ).rejects.toMatchObject({ appCode: "FORBIDDEN" });
    await expect(
      admin.caller.organizations.invitations.create({ organizationId: org.id, email: member.email }),
    ).rejects.toMatchObject({ appCode: "ALREADY_MEMBER" });
  });
});

/** Verifies a signed-up user's email through the mailed link and returns a fresh caller for the session. */
async function verifiedUserFrom(user: Awaited<ReturnType<typeof signUp>>) {
  const mail = await latestMail(t.db, services, user.email, "email_verification");
  await testCaller(t.db, { services }).auth.verifyEmail({ token: tokenFromMail(mail.text) });
  return callerWithToken(t.db, services, user.token);
}
