import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { isForeignKeyViolation, isUniqueViolation } from "../errors.ts";
import { decodeCursor, type KeysetCursor, type Page, toPage } from "../pagination.ts";
import { makeOrganization, makeUser, useTestDatabase } from "../testing/index.ts";
import { findUserByEmail, findUserById, findUserVisibleTo, insertUser, listUsers } from "./user.queries.ts";
import type { User } from "./user.table.ts";

const t = useTestDatabase();
const email = (tag: string) => `${tag}-${randomUUID()}@example.com`;

describe("users", () => {
  it("inserts a user with generated id, default role and timestamps", async () => {
    const user = await insertUser(t.db, { email: email("new"), name: "New" });
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(user.role).toBe("user");
    expect(user.created_at).toBeInstanceOf(Date);
    expect(user.email_verified_at).toBeNull();
    expect(await findUserById(t.db, user.id)).toEqual(user);
  });

  it("finds by email ignoring case, and keeps the address as written", async () => {
    const address = email("MiXeD").replace("example", "Example");
    const user = await insertUser(t.db, { email: address, name: "Mixed" });
    const found = await findUserByEmail(t.db, address.toUpperCase());
    expect(found?.id).toBe(user.id);
    expect(found?.email).toBe(address);
  });

  it("rejects a second account whose email differs only in case", async () => {
    const address = email("dup");
    await insertUser(t.db, { email: address, name: "First" });
    const error = await insertUser(t.db, {
      email: address.toUpperCase(),
      name: "Second",
    }).catch((e: unknown) => e);
    expect(isUniqueViolation(error, "users_email_key")).toBe(true);
  });

  it("rejects an unknown role and an empty name at the database", async () => {
    const badRole = await sql`insert into users (email, name, role) values (${email("r")}, 'R', 'root')`
      .execute(t.db)
      .catch((e: unknown) => e as { code: string });
    expect(badRole).toMatchObject({ code: "23514" });
    const emptyName = await insertUser(t.db, {
      email: email("n"),
      name: "",
    }).catch((e: unknown) => e);
    expect(emptyName).toMatchObject({ code: "23514" });
  });

  it("moves updated_at forward on update through the trigger", async () => {
    const user = await insertUser(t.db, {
      email: email("upd"),
      name: "Before",
    });
    // Fix the stored time in the past so the trigger's now() is strictly later without waiting on a clock.
    await sql`alter table users disable trigger users_set_updated_at`.execute(t.db);
    await sql`update users set updated_at = now() - interval '1 hour' where id = ${user.id}`.execute(t.db);
    await sql`alter table users enable trigger users_set_updated_at`.execute(t.db);
    const before = await findUserById(t.db, user.id);
    await t.db.updateTable("users").set({ name: "After" }).where("id", "=", user.id).execute();
    const after = await findUserById(t.db, user.id);
    expect(after?.name).toBe("After");
    expect(after?.updated_at.getTime()).toBeGreaterThan(
      before?.updated_at.getTime() ?? Number.POSITIVE_INFINITY,
    );
  });

  it("deletes a user's sessions with the user, and refuses sessions for no user", async () => {
    const user = await insertUser(t.db, {
      email: email("cascade"),
      name: "Cascade",
    });
    await t.db
      .insertInto("sessions")
      .values({
        id: "a".repeat(64),
        user_id: user.id,
        expires_at: new Date(Date.now() + 60_000),
        absolute_expires_at: new Date(Date.now() + 120_000),
      })
      .execute();
    await t.db.deleteFrom("users").where("id", "=", user.id).execute();
    const left = await t.db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute();
    expect(left).toEqual([]);

    const orphan = await t.db
      .insertInto("sessions")
      .values({
        id: "b".repeat(64),
        user_id: randomUUID(),
        absolute_expires_at: new Date(),
        expires_at: new Date(),
      })
      .execute()
      .catch((e: unknown) => e);
    expect(isForeignKeyViolation(orphan)).toBe(true);
  });
});

describe("listUsers (keyset)", () => {
  it("walks every row exactly once, newest first, across ties in created_at", async () => {
    // Twelve users sharing three timestamps force the id tie-breaker to do its job.
    const base = Date.parse("2031-01-01T00:00:00.000Z");
    const tag = randomUUID().slice(0, 8);
    const rows = Array.from({ length: 12 }, (_, i) => ({
      email: `keyset-${tag}-${i}@example.com`,
      name: `K${i}`,
      at: new Date(base + (i % 3) * 1000),
    }));
    for (const r of rows) {
      await sql`insert into users (email, name, created_at) values (${r.email}, ${r.name}, ${r.at})`.execute(
        t.db,
      );
    }

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const after: KeysetCursor | undefined = cursor ? (decodeCursor(cursor) ?? undefined) : undefined;
      const page: Page<User> = toPage(await listUsers(t.db, { limit: 5 + 1, after }), 5, (u) => u);
      seen.push(...page.items.filter((u) => u.email.startsWith(`keyset-${tag}`)).map((u) => u.email));
      for (let i = 1; i < page.items.length; i++) {
        const prev = page.items[i - 1];
        const cur = page.items[i];
        if (!prev || !cur) continue;
        const order = prev.created_at.getTime() - cur.created_at.getTime() || (prev.id > cur.id ? 1 : -1);
        expect(order).toBeGreaterThan(0);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 100);

    expect(cursor).toBeNull();
    expect(new Set(seen).size).toBe(12);
    expect(seen).toHaveLength(12);
    // The three newest-timestamp rows come first.
    expect(seen.slice(0, 4).every((e) => Number(e.split("-").at(-1)?.split("@")[0]) % 3 === 2)).toBe(true);
  });

  it("serves a page from the (created_at, id) index", async () => {
    await sql`analyze users`.execute(t.db);
    await sql`set enable_seqscan = off`.execute(t.db);
    const plan = await sql<{ "QUERY PLAN": string }>`
      explain select * from users where (created_at, id) < (now(), ${randomUUID()}::uuid)
      order by created_at desc, id desc limit 21`.execute(t.db);
    await sql`reset enable_seqscan`.execute(t.db);
    const text = plan.rows.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).toContain("users_created_at_id_idx");
    expect(text).not.toMatch(/\bSort\b/);
  });

  it("rejects cursors it did not produce", () => {
    expect(decodeCursor("not-a-cursor")).toBeNull();
    expect(decodeCursor(Buffer.from('{"t":"x","i":"y"}').toString("base64url"))).toBeNull();
    expect(
      decodeCursor(Buffer.from('{"t":"2030-01-01T00:00:00.000Z","i":"1","x":1}').toString("base64url")),
    ).toBeNull();
  });
});

describe("the directory (visibleTo)", () => {
  it("finds and lists only the people who share an organization with the viewer", async () => {
    const { owner, members } = await makeOrganization(t.db, ["member"]);
    const colleague = members[0] as User;
    const { owner: elsewhere } = await makeOrganization(t.db);
    const loner = await makeUser(t.db);
    expect((await findUserVisibleTo(t.db, owner.id, colleague.id))?.id).toBe(colleague.id);
    expect(await findUserVisibleTo(t.db, owner.id, elsewhere.id)).toBeUndefined();
    expect(await findUserVisibleTo(t.db, loner.id, owner.id)).toBeUndefined();
    const listed = await listUsers(t.db, { limit: 100, visibleTo: owner.id });
    expect(listed.map((u) => u.id).sort()).toEqual([owner.id, colleague.id].sort());
    expect(await listUsers(t.db, { limit: 100, visibleTo: loner.id })).toEqual([]);
  });
});
