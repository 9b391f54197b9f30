import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { type KyselyPlugin, sql } from "kysely";
import { afterEach, describe, expect, inject, it } from "vitest";
import * as apiKeys from "../api-keys/api-key.queries.ts";
import * as comments from "../comments/comment.queries.ts";
import { createDatabase, createDatabaseOverPglite, type Database, openPglite } from "../create-database.ts";
import type { Executor } from "../executor.ts";
import * as memberships from "../memberships/membership.queries.ts";
import * as projects from "../projects/project.queries.ts";
import * as sessions from "../sessions/session.queries.ts";
import type { TaskFilters, TaskSort } from "../tasks/task.queries.ts";
import * as tasks from "../tasks/task.queries.ts";
import { makeOrganization, makeProject, useTestDatabase } from "../testing/index.ts";
import * as users from "../users/user.queries.ts";
import { defineQueryShape } from "./query-shape.ts";
import { namedStatementCount } from "./statement-names.ts";

const t = useTestDatabase();
const target = inject("plinthDatabase");
const onPostgres = target.driver === "postgres";

/**
 * The same handle with a plugin that changes nothing: a shape then builds, compiles and runs unnamed, which is
 * the path every query took before ADR 024. Results through `t.db` must equal results through this.
 */
const passThrough: KyselyPlugin = {
  transformQuery: ({ node }) => node,
  transformResult: async ({ result }) => result,
};
const unprepared = (db: Executor) => db.withPlugin(passThrough);

/** The statements prepared on the connection that runs `db`'s next query (a transaction pins one). */
async function preparedNames(db: Executor): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements order by name`.execute(
    db,
  );
  return rows.map((r) => r.name);
}

/** Runs `fn` through the prepared path and the unprepared one, and returns both results. */
async function both<R>(fn: (db: Executor) => Promise<R>): Promise<[R, R]> {
  const prepared = await fn(t.db);
  // Twice: the first call compiles and prepares, the second only binds and executes.
  const again = await fn(t.db);
  expect(again).toEqual(prepared);
  return [prepared, await fn(unprepared(t.db))];
}

async function workspace() {
  const { org, owner, members } = await makeOrganization(t.db, ["member", "admin"]);
  const project = await makeProject(t.db, org.id);
  const [member, admin] = members as [(typeof members)[0], (typeof members)[0]];
  const statuses = ["todo", "in_progress", "done", "todo"] as const;
  for (let i = 0; i < 8; i++) {
    const task = await tasks.createTask(t.db, {
      orgId: org.id,
      projectId: project.id,
      title: i % 2 ? `Fix the login page ${i}` : `Write the report ${i}`,
      status: statuses[i % 4],
      priority: i % 5,
      assigneeId: [owner.id, member.id, null][i % 3] ?? null,
      dueDate: i % 3 === 0 ? null : `2031-0${1 + (i % 9)}-1${i}`,
      createdBy: owner.id,
      createdAt: new Date(Date.UTC(2031, 0, 1, 0, 0, i % 4)),
    });
    if (task && i % 2 === 0) {
      await comments.addComment(t.db, { orgId: org.id, taskId: task.id, authorId: owner.id, body: "seen" });
    }
  }
  return { org, owner, member, admin, project };
}

describe("query shapes give the results the unprepared path gives", () => {
  it("session and API key look-ups (Dates, arrays, nulls), and their touches", async () => {
    const { owner } = await workspace();
    const id = randomBytes(32).toString("hex");
    const now = Date.now();
    await sessions.insertSession(t.db, {
      id,
      user_id: owner.id,
      expires_at: new Date(now + 60_000),
      absolute_expires_at: new Date(now + 120_000),
      ip: null,
      user_agent: "vitest",
    });
    const [session, reference] = await both((db) => sessions.findSessionWithUser(db, id));
    expect(session).toEqual(reference);
    expect(session?.session.expires_at).toBeInstanceOf(Date);
    expect(session?.user.id).toBe(owner.id);
    expect(session?.session.ip).toBeNull();
    expect(await sessions.findSessionWithUser(t.db, "f".repeat(64))).toBeUndefined();

    // Both touch variants, then the row as the unprepared path reads it.
    const seen = new Date(Date.UTC(2031, 5, 1, 12));
    const expires = new Date(Date.UTC(2031, 6, 1, 12));
    await sessions.touchSession(t.db, id, { lastSeenAt: seen });
    expect((await sessions.findSessionWithUser(unprepared(t.db), id))?.session.last_seen_at).toEqual(seen);
    await sessions.touchSession(t.db, id, { lastSeenAt: expires, expiresAt: expires });
    const touched = await sessions.findSessionWithUser(unprepared(t.db), id);
    expect(touched?.session).toMatchObject({ last_seen_at: expires, expires_at: expires });

    const hash = randomBytes(32).toString("hex");
    await apiKeys.insertApiKey(t.db, {
      user_id: owner.id,
      public_id: randomBytes(6).toString("hex"),
      secret_hash: hash,
      name: "ci",
      scopes: ["read", "write"],
    });
    const [key, keyReference] = await both((db) => apiKeys.findApiKeyWithUser(db, hash));
    expect(key).toEqual(keyReference);
    expect(key?.key.scopes).toEqual(["read", "write"]);
    expect(key?.key.last_used_at).toBeNull();
    const keyId = key?.key.id ?? "";
    const at = new Date(Date.UTC(2031, 0, 1));
    expect(await apiKeys.touchApiKey(t.db, keyId, at, new Date(at.getTime() - 60_000))).toBe(true);
    expect(await apiKeys.touchApiKey(t.db, keyId, at, new Date(at.getTime() - 60_000))).toBe(false);
    expect((await apiKeys.findApiKeyWithUser(unprepared(t.db), hash))?.key.last_used_at).toEqual(at);
  });

  it("users by id, the directory look-up and every variant of the keyset page", async () => {
    const { owner, member } = await workspace();
    const [byId, byIdReference] = await both((db) => users.findUserById(db, member.id));
    expect(byId).toEqual(byIdReference);
    expect(byId?.created_at).toBeInstanceOf(Date);
    const [visible, visibleReference] = await both((db) => users.findUserVisibleTo(db, owner.id, member.id));
    expect(visible?.id).toBe(member.id);
    expect(visible).toEqual(visibleReference);

    const first = await users.listUsers(t.db, { limit: 2, visibleTo: owner.id });
    expect(first).toHaveLength(2);
    const last = first[1];
    const after = last ? { createdAt: last.created_at, id: last.id } : undefined;
    for (const options of [
      { limit: 3 },
      { limit: 3, visibleTo: owner.id },
      { limit: 3, after },
      { limit: 3, after, visibleTo: owner.id },
    ]) {
      const [page, reference] = await both((db) => users.listUsers(db, options));
      expect(page).toEqual(reference);
      expect(page.length).toBeGreaterThan(0);
    }
  });

  it("the membership and project checks, and the task list under many filters and cursors", async () => {
    const { org, owner, member, project } = await workspace();
    const [mine, mineReference] = await both((db) => memberships.findMembership(db, org.id, member.id));
    expect(mine?.role).toBe("member");
    expect(mine).toEqual(mineReference);
    const [found, foundReference] = await both((db) =>
      projects.findProject(db, { orgId: org.id, projectId: project.id }),
    );
    expect(found).toEqual(foundReference);
    expect(found?.id).toBe(project.id);
    // The task list's one-statement check: member and project, member and another org's project, non-member.
    const elsewhere = await makeOrganization(t.db);
    const otherProject = await makeProject(t.db, elsewhere.org.id);
    const check = (userId: string, projectId: string) =>
      both((db) => memberships.findMembershipWithProject(db, { orgId: org.id, userId, projectId }));
    const [withProject, withProjectReference] = await check(member.id, project.id);
    expect(withProject).toEqual({ membership: mine, projectFound: true });
    expect(withProject).toEqual(withProjectReference);
    expect((await check(member.id, otherProject.id))[0]).toEqual({ membership: mine, projectFound: false });
    expect((await check(elsewhere.owner.id, project.id))[0]).toBeUndefined();

    const filterSets: TaskFilters[] = [
      {},
      { statuses: ["todo", "in_progress"], assignee: owner.id },
      { statuses: ["done"], assignee: "unassigned" },
      { priority: 0 },
      { dueFrom: "2031-01-01", dueTo: "2031-12-31" },
      { search: "  login  " },
      { search: "   " },
    ];
    let rowsSeen = 0;
    for (const sort of ["created", "updated", "priority", "due"] as TaskSort[]) {
      for (const filters of filterSets) {
        const options = { orgId: org.id, projectId: project.id, sort, limit: 2, filters };
        const [page, reference] = await both((db) => tasks.listTasks(db, options));
        expect(page).toEqual(reference);
        rowsSeen += page.items.length;
        const after = page.nextCursor ? tasks.decodeTaskCursor(sort, page.nextCursor) : null;
        if (!after) continue;
        const [next, nextReference] = await both((db) => tasks.listTasks(db, { ...options, after }));
        expect(next).toEqual(nextReference);
        expect(next.items.map((i) => i.id)).not.toContain(page.items[0]?.id);
      }
    }
    expect(rowsSeen).toBeGreaterThan(20);
    // int8 (the comment count) arrives as a number, date as 'YYYY-MM-DD', timestamptz as Date, as before.
    const all = await tasks.listTasks(t.db, { orgId: org.id, projectId: project.id, sort: "due", limit: 8 });
    expect(all.items.some((i) => i.comment_count === 1)).toBe(true);
    expect(all.items.find((i) => i.due_date !== null)?.due_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(all.items[0]?.created_at).toBeInstanceOf(Date);
  });
});

/** Binds its three values in another order than it uses them: each must still land in its own `$n`. */
const paramOrder = defineQueryShape({
  name: "test_param_order",
  bind: (input: { a: string; b: string; c: string }, bind) => {
    const c = bind(input.c);
    const a = bind(input.a);
    return { b: bind(input.b), a, c };
  },
  build: (db, input) =>
    db.selectNoFrom((eb) => [eb.val(input.a).as("a"), eb.val(input.b).as("b"), eb.val(input.c).as("c")]),
});

/** One more column per `width`: a shape with as many SQL texts as widths, of which it keeps two. */
const bounded = defineQueryShape({
  name: "test_bounded",
  maxVariants: 2,
  bind: (input: { width: number; value: string }, bind) => ({ width: input.width, value: bind(input.value) }),
  build: (db, input) =>
    db.selectNoFrom((eb) => Array.from({ length: input.width }, (_, i) => eb.val(input.value).as(`c${i}`))),
});

describe("query shapes: the mechanism", () => {
  it("binds several values of one type each to its own parameter", async () => {
    const { rows } = await paramOrder.execute(t.db, { a: "first", b: "second", c: "third" });
    expect(rows).toEqual([{ a: "first", b: "second", c: "third" }]);
    const again = await paramOrder.execute(t.db, { a: "x", b: "y", c: "z" });
    expect(again.rows).toEqual([{ a: "x", b: "y", c: "z" }]);
  });

  it("keeps a bounded number of variants, and answers the rest unnamed", async () => {
    const before = namedStatementCount();
    for (let width = 1; width <= 6; width++) {
      const { rows } = await bounded.execute(t.db, { width, value: `w${width}` });
      expect(Object.keys(rows[0] ?? {})).toHaveLength(width);
      expect(Object.values(rows[0] ?? {}).every((v) => v === `w${width}`)).toBe(true);
    }
    expect(bounded.variantCount).toBe(2);
    expect(namedStatementCount() - before).toBe(2);
  });

  it("refuses a build that computes with a bound value", async () => {
    const misuse = defineQueryShape({
      name: "test_misuse",
      bind: (n: number, bind) => bind(n),
      build: (db, n) =>
        db
          .selectFrom("users")
          .select("id")
          .limit(n + 1),
    });
    await expect(misuse.execute(t.db, 1)).rejects.toThrow(/computed from a bound value/);
  });

  it("prepares a shape on the connection, inside a transaction too, and rolls back with it", async () => {
    const { owner } = await workspace();
    const names = await t.db.transaction().execute(async (trx) => {
      await users.updateUser(trx, owner.id, { name: "Inside" });
      expect((await users.findUserById(trx, owner.id))?.name).toBe("Inside");
      expect((await users.findUserVisibleTo(trx, owner.id, owner.id))?.name).toBe("Inside");
      return preparedNames(trx);
    });
    expect(names).toEqual(expect.arrayContaining(["user_by_id", "user_visible_to"]));
    await expect(
      t.db.transaction().execute(async (trx) => {
        await users.updateUser(trx, owner.id, { name: "Rolled back" });
        expect((await users.findUserById(trx, owner.id))?.name).toBe("Rolled back");
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await users.findUserById(t.db, owner.id))?.name).toBe("Inside");
  });

  it("lets plugins see every execution (tests count and fail queries with them)", async () => {
    const { owner } = await workspace();
    let seen = 0;
    const counting = t.db.withPlugin({
      transformQuery: ({ node }) => {
        seen++;
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    await users.findUserById(counting, owner.id);
    await users.findUserById(counting, owner.id);
    expect(seen).toBe(2);
  });

  it("sends them unnamed when named statements are turned off", async () => {
    await loadSnapshot();
    const db = openSingle({ namedStatements: false });
    const owner = await users.insertUser(db, {
      email: `${randomBytes(6).toString("hex")}@x.test`,
      name: "U",
    });
    const found = await db.transaction().execute(async (trx) => {
      const user = await users.findUserById(trx, owner.id);
      return { user, names: await preparedNames(trx) };
    });
    expect(found.user?.id).toBe(owner.id);
    expect(found.names).toEqual([]);
  });
});

const opened: Database[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
});

/** A second handle on the test database with exactly one connection, so every query meets the same session. */
function openSingle(options: { namedStatements?: boolean; statementTimeoutMillis?: number } = {}): Database {
  const db = onPostgres
    ? createDatabase({
        connectionString: t.current.connectionString,
        pool: {
          max: 1,
          ...(options.statementTimeoutMillis
            ? { statementTimeoutMillis: options.statementTimeoutMillis }
            : {}),
        },
        namedStatements: options.namedStatements,
      })
    : createDatabaseOverPglite(pgliteOfTestDatabase(), { namedStatements: options.namedStatements });
  opened.push(db);
  return db;
}

/** PGlite: a fresh instance from the migrated snapshot (the test database's own instance is not reachable). */
let snapshot: Blob | undefined;
function pgliteOfTestDatabase() {
  if (target.driver !== "pglite") throw new Error("PGlite only");
  if (!snapshot) throw new Error("load the snapshot first (loadSnapshot)");
  return openPglite({ snapshot });
}
async function loadSnapshot(): Promise<void> {
  if (target.driver === "pglite" && !snapshot)
    snapshot = new Blob([new Uint8Array(await readFile(target.snapshotPath))]);
}

describe("query shapes: a statement the connection lost", () => {
  it("re-prepares after DEALLOCATE ALL, outside a transaction at once and inside one after its rollback", async () => {
    await loadSnapshot();
    const db = openSingle();
    const user = await users.insertUser(db, { email: `${randomBytes(6).toString("hex")}@x.test`, name: "D" });
    expect((await users.findUserById(db, user.id))?.id).toBe(user.id);
    expect(await preparedNames(db)).toContain("user_by_id");

    await sql`deallocate all`.execute(db);
    expect(await preparedNames(db)).not.toContain("user_by_id");
    // node-postgres still believes user_by_id is prepared: 26000, then a retry that prepares it again.
    expect((await users.findUserById(db, user.id))?.id).toBe(user.id);
    expect(await preparedNames(db)).toContain("user_by_id");

    await sql`deallocate all`.execute(db);
    const inside = await db
      .transaction()
      .execute(async (trx) => users.findUserById(trx, user.id))
      .catch((e: unknown) => e);
    // Inside a transaction the failed Bind has aborted it: the error reaches the caller, who rolls back …
    expect(inside).toMatchObject({ code: "26000" });
    // … and the next call prepares the statement again.
    const after = await db.transaction().execute(async (trx) => users.findUserById(trx, user.id));
    expect(after?.id).toBe(user.id);
  });

  it.runIf(onPostgres)("prepares again on the connection that replaced a terminated one", async () => {
    const errors: Error[] = [];
    let died: () => void = () => {};
    const dead = new Promise<void>((resolve) => {
      died = resolve;
    });
    const db = createDatabase({
      connectionString: t.current.connectionString,
      pool: { max: 1 },
      onPoolError: (error) => {
        errors.push(error);
        died();
      },
    });
    opened.push(db);
    const user = await users.insertUser(db, { email: `${randomBytes(6).toString("hex")}@x.test`, name: "R" });
    expect((await users.findUserById(db, user.id))?.id).toBe(user.id);
    const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]?.pid;
    await sql`select pg_terminate_backend(${pid}::int)`.execute(t.db);
    await dead;
    expect(errors.length).toBeGreaterThan(0);
    expect((await users.findUserById(db, user.id))?.id).toBe(user.id);
    const next = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]?.pid;
    expect(next).not.toBe(pid);
    expect(await preparedNames(db)).toContain("user_by_id");
  });

  it.runIf(!onPostgres)(
    "a second handle over the same PGlite starts clean, and the first re-prepares",
    async () => {
      await loadSnapshot();
      const lite = pgliteOfTestDatabase();
      const first = createDatabaseOverPglite(lite);
      const second = createDatabaseOverPglite(lite);
      opened.push(second);
      try {
        const user = await users.insertUser(first, {
          email: `${randomBytes(6).toString("hex")}@x.test`,
          name: "L",
        });
        expect((await users.findUserById(first, user.id))?.id).toBe(user.id);
        // The second pool's connection deallocates what the first prepared in the one backend, then prepares it.
        expect((await users.findUserById(second, user.id))?.id).toBe(user.id);
        expect((await users.findUserById(first, user.id))?.id).toBe(user.id);
      } finally {
        // Both pools share `lite`; the second one's destroy closes it.
        await first.destroy().catch(() => {});
      }
    },
  );

  it.runIf(onPostgres)("statement_timeout still cuts a named statement off", async () => {
    const slow = defineQueryShape({
      name: "test_slow",
      bind: (seconds: number, bind) => bind(seconds),
      build: (db, seconds) => db.selectNoFrom(sql<string>`pg_sleep(${seconds})::text`.as("slept")),
    });
    const db = openSingle({ statementTimeoutMillis: 50 });
    await expect(slow.execute(db, 5)).rejects.toMatchObject({ code: "57014" });
    await db.transaction().execute(async (trx) => {
      await slow.execute(trx, 0);
      expect(await preparedNames(trx)).toContain("test_slow");
    });
  });
});
