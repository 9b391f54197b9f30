import { randomUUID } from "node:crypto";
import type { Executor } from "../executor.ts";
import { addMember } from "../memberships/membership.queries.ts";
import type { MembershipRole } from "../memberships/membership.table.ts";
import { createOrganization } from "../organizations/organization.queries.ts";
import type { Organization } from "../organizations/organization.table.ts";
import { createProject } from "../projects/project.queries.ts";
import type { Project } from "../projects/project.table.ts";
import { insertUser } from "../users/user.queries.ts";
import type { User } from "../users/user.table.ts";

/** A user with a unique address, so tests sharing one database never collide. */
export async function makeUser(db: Executor, name = "Test User"): Promise<User> {
  return insertUser(db, { email: `${randomUUID()}@example.test`, name });
}

/** An organization owned by a new user, with `members` more users of the given roles. */
export async function makeOrganization(
  db: Executor,
  members: MembershipRole[] = [],
): Promise<{ org: Organization; owner: User; members: User[] }> {
  const owner = await makeUser(db, "Owner");
  const tag = randomUUID().slice(0, 8);
  const org = await createOrganization(db, { name: `Org ${tag}`, slug: `org-${tag}`, ownerId: owner.id });
  const users: User[] = [];
  for (const [i, role] of members.entries()) {
    const user = await makeUser(db, `Member ${i}`);
    await addMember(db, { orgId: org.id, userId: user.id, role });
    users.push(user);
  }
  return { org, owner, members: users };
}

let keys = 0;
export async function makeProject(db: Executor, orgId: string, key = `P${++keys}X`): Promise<Project> {
  return createProject(db, { orgId, name: `Project ${key}`, key });
}
