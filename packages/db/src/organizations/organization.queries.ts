import type { Executor } from "../executor.ts";
import type { MembershipRole } from "../memberships/membership.table.ts";
import type { Organization } from "./organization.table.ts";

/**
 * Inserts the organization and its first owner in one statement, so an organization never exists without an
 * owner. A taken slug raises 23505 (see `isUniqueViolation`).
 */
export async function createOrganization(
  db: Executor,
  input: { name: string; slug: string; ownerId: string },
): Promise<Organization> {
  return db
    .with("org", (qb) =>
      qb.insertInto("organizations").values({ name: input.name, slug: input.slug }).returningAll(),
    )
    .with("owner", (qb) =>
      qb
        .insertInto("memberships")
        .columns(["organization_id", "user_id", "role"])
        .expression((eb) =>
          eb
            .selectFrom("org")
            .select((eb) => [
              "org.id",
              eb.cast<string>(eb.val(input.ownerId), "uuid").as("user_id"),
              eb.val("owner").as("role"),
            ]),
        ),
    )
    .selectFrom("org")
    .selectAll()
    .executeTakeFirstOrThrow();
}

export async function findOrganizationById(db: Executor, id: string): Promise<Organization | undefined> {
  return db.selectFrom("organizations").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * `select … for no key update`: the row as it is now, locked against other writers until the transaction ends,
 * so a change decided from it (its version, the audit's "before") cannot be overtaken. The weaker lock still lets
 * rows that reference it (members, projects) be inserted meanwhile.
 */
export async function lockOrganization(db: Executor, id: string): Promise<Organization | undefined> {
  return db.selectFrom("organizations").selectAll().where("id", "=", id).forNoKeyUpdate().executeTakeFirst();
}

export async function findOrganizationBySlug(db: Executor, slug: string): Promise<Organization | undefined> {
  return db.selectFrom("organizations").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function updateOrganization(
  db: Executor,
  id: string,
  changes: { name?: string; slug?: string },
): Promise<Organization | undefined> {
  return db.updateTable("organizations").set(changes).where("id", "=", id).returningAll().executeTakeFirst();
}

/** Deletes the organization and, by cascade, everything in it. Returns whether it existed. */
export async function deleteOrganization(db: Executor, id: string): Promise<boolean> {
  const result = await db.deleteFrom("organizations").where("id", "=", id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export interface MyOrganization extends Organization {
  role: MembershipRole;
}

/** Every organization the user belongs to, with their role, by name. A user is in a handful, so no paging. */
export async function listMyOrganizations(db: Executor, userId: string): Promise<MyOrganization[]> {
  return db
    .selectFrom("memberships")
    .innerJoin("organizations", "organizations.id", "memberships.organization_id")
    .selectAll("organizations")
    .select("memberships.role")
    .where("memberships.user_id", "=", userId)
    .orderBy("organizations.name")
    .orderBy("organizations.id")
    .execute();
}
