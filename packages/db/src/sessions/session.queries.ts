import type { Executor } from "../executor.ts";
import { defineQueryShape } from "../prepared/query-shape.ts";
import { joinedUserColumns } from "../users/joined-user-columns.ts";
import type { User } from "../users/user.table.ts";
import type { NewSession, Session } from "./session.table.ts";

export async function insertSession(db: Executor, session: NewSession): Promise<Session> {
  return db.insertInto("sessions").values(session).returningAll().executeTakeFirstOrThrow();
}

/** Every signed-in call runs it: a named prepared statement (ADR 024). */
const sessionWithUser = defineQueryShape({
  name: "session_with_user",
  bind: (sessionId: string, bind) => bind(sessionId),
  build: (db, sessionId) =>
    db
      .selectFrom("sessions as s")
      .innerJoin("users as u", "u.id", "s.user_id")
      .select([
        "s.id as s_id",
        "s.user_id as s_user_id",
        "s.expires_at as s_expires_at",
        "s.absolute_expires_at as s_absolute_expires_at",
        "s.last_seen_at as s_last_seen_at",
        "s.user_agent as s_user_agent",
        "s.ip as s_ip",
        "s.created_at as s_created_at",
        ...joinedUserColumns,
      ])
      .where("s.id", "=", sessionId),
});

/**
 * The session and its user in one primary-key lookup:
 * `select s.*, u.* from sessions s join users u on u.id = s.user_id where s.id = $1`.
 */
export async function findSessionWithUser(
  db: Executor,
  sessionId: string,
): Promise<{ session: Session; user: User } | undefined> {
  const row = (await sessionWithUser.execute(db, sessionId)).rows[0];
  if (!row) return undefined;
  const {
    s_id,
    s_user_id,
    s_expires_at,
    s_absolute_expires_at,
    s_last_seen_at,
    s_user_agent,
    s_ip,
    s_created_at,
    ...user
  } = row;
  return {
    session: {
      id: s_id,
      user_id: s_user_id,
      expires_at: s_expires_at,
      absolute_expires_at: s_absolute_expires_at,
      last_seen_at: s_last_seen_at,
      user_agent: s_user_agent,
      ip: s_ip,
      created_at: s_created_at,
    },
    user,
  };
}

/** Two variants: last_seen_at alone (once a minute), or with the sliding expiry (about twice a month). */
const touch = defineQueryShape({
  name: "session_touch",
  maxVariants: 2,
  bind: (input: { id: string; lastSeenAt: Date; expiresAt?: Date | undefined }, bind) => ({
    id: bind(input.id),
    lastSeenAt: bind(input.lastSeenAt),
    expiresAt: input.expiresAt && bind(input.expiresAt),
  }),
  build: (db, input) =>
    db
      .updateTable("sessions")
      .set({
        last_seen_at: input.lastSeenAt,
        ...(input.expiresAt ? { expires_at: input.expiresAt } : {}),
      })
      .where("id", "=", input.id),
});

export async function touchSession(
  db: Executor,
  sessionId: string,
  changes: { lastSeenAt: Date; expiresAt?: Date },
): Promise<void> {
  await touch.execute(db, { id: sessionId, lastSeenAt: changes.lastSeenAt, expiresAt: changes.expiresAt });
}

export async function deleteSession(db: Executor, sessionId: string): Promise<boolean> {
  const result = await db.deleteFrom("sessions").where("id", "=", sessionId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Deletes one of a user's sessions, and only theirs: the user id is part of the condition (object-level authorization). */
export async function deleteUserSession(db: Executor, userId: string, sessionId: string): Promise<boolean> {
  const result = await db
    .deleteFrom("sessions")
    .where("id", "=", sessionId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Every session of a user, optionally keeping one (the caller's own). Returns how many ended. */
export async function deleteUserSessions(
  db: Executor,
  userId: string,
  opts: { except?: string } = {},
): Promise<number> {
  let query = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (opts.except) query = query.where("id", "!=", opts.except);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A user's live sessions, most recently used first (served by `sessions_user_id_idx`). */
export async function listUserSessions(db: Executor, userId: string, now: Date): Promise<Session[]> {
  return db
    .selectFrom("sessions")
    .selectAll()
    .where("user_id", "=", userId)
    .where("expires_at", ">", now)
    .orderBy("last_seen_at", "desc")
    .execute();
}
