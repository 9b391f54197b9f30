import { createSession } from "@plinth/auth";
import { type Database, type MembershipRole, memberships, type User, users } from "@plinth/db";
import { makeOrganization, makeProject, makeUser } from "@plinth/db/testing";
import type { Services } from "../core/services.ts";
import { callerWithToken } from "./test-auth.ts";

/**
 * A caller signed in as an existing user, with the email marked verified: domain tests need many members and
 * signing each up through the mail flow would cost seconds apiece.
 */
export async function callerFor(db: Database, services: Services, user: User) {
  await users.updateUser(db, user.id, { email_verified_at: new Date() });
  const { token } = await createSession(db, user.id, { ip: null, userAgent: null }, services.clock);
  return callerWithToken(db, services, token);
}

export type DomainCaller = Awaited<ReturnType<typeof callerFor>>;

/** An organization with a project and one caller per role (plus their users). */
export async function orgWithCallers(db: Database, services: Services) {
  const { org, owner, members } = await makeOrganization(db, ["admin", "member", "member"]);
  const [admin, member, member2] = members as [User, User, User];
  const project = await makeProject(db, org.id);
  return {
    org,
    project,
    users: { owner, admin, member, member2 },
    owner: await callerFor(db, services, owner),
    admin: await callerFor(db, services, admin),
    member: await callerFor(db, services, member),
    member2: await callerFor(db, services, member2),
  };
}

/** A new user in `orgId` with `role`, and their caller. */
export async function joinAs(db: Database, services: Services, orgId: string, role: MembershipRole) {
  const user = await makeUser(db);
  await memberships.addMember(db, { orgId, userId: user.id, role });
  return { user, caller: await callerFor(db, services, user) };
}
