import type { Transaction } from "kysely";
import type { Executor } from "../executor.ts";
import { type KeysetCursor, type Page, toPage } from "../pagination.ts";
import { defineQueryShape } from "../prepared/query-shape.ts";
import type { DB } from "../schema.ts";
import type { Membership, MembershipRole } from "./membership.table.ts";

/** A duplicate (organization, user) raises 23505. */
export async function addMember(
  db: Executor,
  input: { orgId: string; userId: string; role: MembershipRole },
): Promise<Membership> {
  return db
    .insertInto("memberships")
    .values({ organization_id: input.orgId, user_id: input.userId, role: input.role })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Every tenant procedure runs it (core/tenancy.ts): a named prepared statement (ADR 024). */
const membership = defineQueryShape({
  name: "membership",
  bind: (input: { orgId: string; userId: string }, bind) => ({
    orgId: bind(input.orgId),
    userId: bind(input.userId),
  }),
  build: (db, input) =>
    db
      .selectFrom("memberships")
      .selectAll()
      .where("organization_id", "=", input.orgId)
      .where("user_id", "=", input.userId),
});

/** The caller's membership: what every tenant procedure resolves once, to authorize and to 404 non-members. */
export async function findMembership(
  db: Executor,
  orgId: string,
  userId: string,
): Promise<Membership | undefined> {
  return (await membership.execute(db, { orgId, userId })).rows[0];
}

/** The task list's check (the bench's W3): the membership and the project in one round trip (ADR 024). */
const membershipWithProject = defineQueryShape({
  name: "membership_with_project",
  bind: (input: { orgId: string; userId: string; projectId: string }, bind) => ({
    orgId: bind(input.orgId),
    userId: bind(input.userId),
    projectId: bind(input.projectId),
  }),
  build: (db, input) =>
    db
      .selectFrom("memberships as m")
      .leftJoin("projects as p", (join) =>
        join.onRef("p.organization_id", "=", "m.organization_id").on("p.id", "=", input.projectId),
      )
      .selectAll("m")
      .select("p.id as project_id")
      .where("m.organization_id", "=", input.orgId)
      .where("m.user_id", "=", input.userId),
});

/**
 * `findMembership` and whether `projectId` is a project of that organization, in one primary-key look-up each:
 * `select m.*, p.id from memberships m left join projects p on p.organization_id = m.organization_id and p.id = $3
 * where m.organization_id = $1 and m.user_id = $2`. Undefined for a non-member, whatever the project.
 */
export async function findMembershipWithProject(
  db: Executor,
  input: { orgId: string; userId: string; projectId: string },
): Promise<{ membership: Membership; projectFound: boolean } | undefined> {
  const row = (await membershipWithProject.execute(db, input)).rows[0];
  if (!row) return undefined;
  const { project_id, ...membership } = row;
  return { membership, projectFound: project_id !== null };
}

export interface Member extends Membership {
  name: string;
  email: string;
}

/** Members in the order they joined, by keyset over (created_at, user_id); the cursor's id is the user id. */
export async function listMembers(
  db: Executor,
  opts: { orgId: string; limit: number; after?: KeysetCursor | undefined },
): Promise<Page<Member>> {
  let query = db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .selectAll("memberships")
    .select(["users.name", "users.email"])
    .where("memberships.organization_id", "=", opts.orgId);
  const after = opts.after;
  if (after) {
    query = query.where((eb) =>
      eb(
        eb.refTuple("memberships.created_at", "memberships.user_id"),
        ">",
        eb.tuple(after.createdAt, after.id),
      ),
    );
  }
  const rows = await query
    .orderBy("memberships.created_at")
    .orderBy("memberships.user_id")
    .limit(opts.limit + 1)
    .execute();
  return toPage(
    rows.map((r) => ({ ...r, id: r.user_id })),
    opts.limit,
    ({ id: _, ...member }) => member,
  );
}

/** `select count(*) … where role = 'owner'`: for display. To decide a demotion, use `lockOwners`. */
export async function countOwners(db: Executor, orgId: string): Promise<number> {
  const row = await db
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organization_id", "=", orgId)
    .where("role", "=", "owner")
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * Locks the organization's owner rows (`select … for update`) and returns their user ids. A concurrent
 * transaction that locks them too waits until this one ends, then sees the committed roles (READ COMMITTED
 * re-checks a row it waited for), so two demotions of the last two owners cannot both see "another owner is left".
 * Only meaningful inside a transaction, hence the type.
 */
export async function lockOwners(trx: Transaction<DB>, orgId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom("memberships")
    .select("user_id")
    .where("organization_id", "=", orgId)
    .where("role", "=", "owner")
    .orderBy("user_id")
    .forUpdate()
    .execute();
  return rows.map((r) => r.user_id);
}

export async function changeMemberRole(
  db: Executor,
  input: { orgId: string; userId: string; role: MembershipRole },
): Promise<Membership | undefined> {
  return db
    .updateTable("memberships")
    .set({ role: input.role })
    .where("organization_id", "=", input.orgId)
    .where("user_id", "=", input.userId)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes the membership; the user's tasks in this organization lose their assignee (foreign key SET NULL). */
export async function removeMember(db: Executor, input: { orgId: string; userId: string }): Promise<boolean> {
  const result = await db
    .deleteFrom("memberships")
    .where("organization_id", "=", input.orgId)
    .where("user_id", "=", input.userId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export type OwnerGuardedResult =
  | { ok: true; membership: Membership }
  | { ok: false; reason: "not_found" | "last_owner" };

/**
 * Changes a role unless that leaves the organization without an owner: locks the owners first (`lockOwners`),
 * so concurrent demotions and removals serialize on them and at least one owner always remains.
 */
export async function changeMemberRoleKeepingAnOwner(
  trx: Transaction<DB>,
  input: { orgId: string; userId: string; role: MembershipRole },
): Promise<OwnerGuardedResult> {
  const owners = await lockOwners(trx, input.orgId);
  if (input.role !== "owner" && owners.length === 1 && owners[0] === input.userId) {
    return { ok: false, reason: "last_owner" };
  }
  const membership = await changeMemberRole(trx, input);
  return membership ? { ok: true, membership } : { ok: false, reason: "not_found" };
}

/** Removes a member (or lets one leave) unless they are the last owner; see `changeMemberRoleKeepingAnOwner`. */
export async function removeMemberKeepingAnOwner(
  trx: Transaction<DB>,
  input: { orgId: string; userId: string },
): Promise<OwnerGuardedResult> {
  const owners = await lockOwners(trx, input.orgId);
  if (owners.length === 1 && owners[0] === input.userId) return { ok: false, reason: "last_owner" };
  const membership = await trx
    .deleteFrom("memberships")
    .where("organization_id", "=", input.orgId)
    .where("user_id", "=", input.userId)
    .returningAll()
    .executeTakeFirst();
  return membership ? { ok: true, membership } : { ok: false, reason: "not_found" };
}

/**
 * Unassigns the member's tasks in this organization and returns how many: run before `removeMember` in the same
 * transaction so the service can record the count. (The foreign key would do it anyway, silently.)
 */
export async function unassignMemberTasks(
  db: Executor,
  input: { orgId: string; userId: string },
): Promise<number> {
  const result = await db
    .updateTable("tasks")
    .set({ assignee_id: null })
    .where("organization_id", "=", input.orgId)
    .where("assignee_id", "=", input.userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface DirectoryEntry {
  id: string;
  name: string;
}

/**
 * The people who share at least one organization with the user (the user included), id and name only: the
 * directory a user may see. Optionally limited to one organization the user belongs to.
 */
export async function listDirectory(
  db: Executor,
  opts: { userId: string; orgId?: string | undefined },
): Promise<DirectoryEntry[]> {
  let query = db
    .selectFrom("memberships as mine")
    .innerJoin("memberships as theirs", "theirs.organization_id", "mine.organization_id")
    .innerJoin("users", "users.id", "theirs.user_id")
    .select(["users.id", "users.name"])
    .distinct()
    .where("mine.user_id", "=", opts.userId);
  if (opts.orgId) query = query.where("mine.organization_id", "=", opts.orgId);
  return query.orderBy("users.name").orderBy("users.id").execute();
}
