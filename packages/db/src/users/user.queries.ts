import type { ExpressionBuilder } from "kysely";
import type { Executor } from "../executor.ts";
import type { KeysetCursor } from "../pagination.ts";
import { defineQueryShape } from "../prepared/query-shape.ts";
import type { DB } from "../schema.ts";
import type { NewUser, User, UserUpdate } from "./user.table.ts";

const userById = defineQueryShape({
  name: "user_by_id",
  bind: (id: string, bind) => bind(id),
  build: (db, id) => db.selectFrom("users").selectAll().where("id", "=", id),
});

/** `select * from users where id = $1` */
export async function findUserById(db: Executor, id: string): Promise<User | undefined> {
  return (await userById.execute(db, id)).rows[0];
}

/** `select * from users where email = $1`: citext makes the match case-insensitive, and the unique index serves it. */
export async function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
}

/** Inserts one user. A duplicate email raises PostgreSQL's 23505 (see `isUniqueViolation`). */
export async function insertUser(db: Executor, user: NewUser): Promise<User> {
  return db.insertInto("users").values(user).returningAll().executeTakeFirstOrThrow();
}

export interface ListUsersOptions {
  /** Rows to return; the caller asks for one more than it shows to learn whether a next page exists. */
  limit: number;
  /** Start after this row (newest first). */
  after?: KeysetCursor | undefined;
  /** Only the people who share an organization with this user (the member directory). */
  visibleTo?: string | undefined;
}

/**
 * `exists (select 1 from memberships mine join memberships theirs using (organization_id) where mine.user_id = $1
 * and theirs.user_id = users.id)`: both sides are served by `memberships_user_idx` (user_id, organization_id).
 */
function sharesAnOrganization(eb: ExpressionBuilder<DB, "users">, viewerId: string) {
  return eb.exists(
    eb
      .selectFrom("memberships as mine")
      .innerJoin("memberships as theirs", "theirs.organization_id", "mine.organization_id")
      .select(eb.lit(1).as("one"))
      .where("mine.user_id", "=", viewerId)
      .whereRef("theirs.user_id", "=", "users.id"),
  );
}

/** users.byId (the bench's W1): a named prepared statement (ADR 024). */
const userVisibleTo = defineQueryShape({
  name: "user_visible_to",
  bind: (input: { viewerId: string; id: string }, bind) => ({
    viewerId: bind(input.viewerId),
    id: bind(input.id),
  }),
  build: (db, input) =>
    db
      .selectFrom("users")
      .selectAll()
      .where("id", "=", input.id)
      .where((eb) => sharesAnOrganization(eb, input.viewerId)),
});

/** The user, if they share an organization with `viewerId`: what one member may look up of another. */
export async function findUserVisibleTo(
  db: Executor,
  viewerId: string,
  id: string,
): Promise<User | undefined> {
  return (await userVisibleTo.execute(db, { viewerId, id })).rows[0];
}

/** users.list (the bench's W2): four variants, with or without a cursor and a viewer. */
const usersPage = defineQueryShape({
  name: "users_page",
  maxVariants: 4,
  bind: ({ limit, after, visibleTo }: ListUsersOptions, bind) => ({
    limit: bind(limit),
    after: after && { createdAt: bind(after.createdAt), id: bind(after.id) },
    visibleTo: visibleTo && bind(visibleTo),
  }),
  build: (db, options) => {
    let query = db.selectFrom("users").selectAll();
    const { after, visibleTo } = options;
    if (visibleTo) query = query.where((eb) => sharesAnOrganization(eb, visibleTo));
    if (after) {
      query = query.where((eb) =>
        eb(eb.refTuple("created_at", "id"), "<", eb.tuple(after.createdAt, after.id)),
      );
    }
    return query.orderBy("created_at", "desc").orderBy("id", "desc").limit(options.limit);
  },
});

/**
 * Newest first, by keyset: `where (created_at, id) < ($1, $2) order by created_at desc, id desc limit $3`, which
 * walks `users_created_at_id_idx` backwards and costs the same on page 1 and page 10 000.
 */
export async function listUsers(db: Executor, options: ListUsersOptions): Promise<User[]> {
  return (await usersPage.execute(db, options)).rows;
}

/** Partial update of one user; returns the row as it now is, or undefined if there is no such user. */
export async function updateUser(db: Executor, id: string, changes: UserUpdate): Promise<User | undefined> {
  return db.updateTable("users").set(changes).where("id", "=", id).returningAll().executeTakeFirst();
}

export interface SearchUsersOptions extends ListUsersOptions {
  /** Case-insensitive prefix of the email (citext makes LIKE ignore case). */
  emailPrefix?: string | undefined;
}

/**
 * `listUsers` with an optional email filter: `… where email like $1 || '%' …`. LIKE metacharacters in the
 * prefix are escaped, so `_` and `%` match themselves.
 */
export async function searchUsers(db: Executor, options: SearchUsersOptions): Promise<User[]> {
  let query = db.selectFrom("users").selectAll();
  const { after, emailPrefix } = options;
  if (emailPrefix) {
    const escaped = emailPrefix.replace(/[\\%_]/g, (c) => `\\${c}`);
    query = query.where("email", "like", `${escaped}%`);
  }
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple("created_at", "id"), "<", eb.tuple(after.createdAt, after.id)),
    );
  }
  return query.orderBy("created_at", "desc").orderBy("id", "desc").limit(options.limit).execute();
}
