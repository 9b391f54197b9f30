import { randomUUID } from "node:crypto";
import { memberships, organizations, users } from "@plinth/db";
import { useTestDatabase } from "@plinth/db/testing";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../core/errors.ts";
import type { Services } from "../../core/services.ts";
import { permissiveLimiter, signUp } from "../../testing/test-auth.ts";
import { createTestServices, testCaller } from "../../testing/test-context.ts";

const t = useTestDatabase();
let services: Services;
/** A signed-in member's caller: the directory is for members only. */
let member: Awaited<ReturnType<typeof signUp>>["caller"];
/** The member's organization: the directory shows exactly its people. */
let orgId: string;
const join = (userId: string) => memberships.addMember(t.db, { orgId, userId, role: "member" });
beforeAll(async () => {
  services = await createTestServices({ rateLimiter: await permissiveLimiter() });
  const signedUp = await signUp(t.db, services);
  member = signedUp.caller;
  const tag = randomUUID().slice(0, 8);
  orgId = (
    await organizations.createOrganization(t.db, {
      name: "Dir",
      slug: `dir-${tag}`,
      ownerId: signedUp.user.id,
    })
  ).id;
});

describe("users router (createCaller, no HTTP)", () => {
  it("byId returns the public profile, never the email, hash or role", async () => {
    const user = await users.insertUser(t.db, {
      email: `c-${randomUUID()}@example.com`,
      name: "Cal",
      password_hash: "h",
      role: "admin",
    });
    await join(user.id);
    const result = await member.users.byId({ id: user.id });
    expect(result).toEqual({ id: user.id, name: "Cal", createdAt: user.created_at });
    expect(Object.keys(result).sort()).toEqual(["createdAt", "id", "name"]);
    const page = await member.users.list({ limit: 100 });
    for (const item of page.items) expect(Object.keys(item).sort()).toEqual(["createdAt", "id", "name"]);
  });

  it("refuses anonymous callers: who has an account is not public", async () => {
    const anon = testCaller(t.db, { services });
    const user = await users.insertUser(t.db, { email: `a-${randomUUID()}@example.com`, name: "Ann" });
    await expect(anon.users.byId({ id: user.id })).rejects.toMatchObject({ appCode: "UNAUTHORIZED" });
    await expect(anon.users.list({})).rejects.toMatchObject({ appCode: "UNAUTHORIZED" });
  });

  it("shows only people who share an organization with the caller", async () => {
    const stranger = await users.insertUser(t.db, {
      email: `s-${randomUUID()}@example.com`,
      name: "Stranger",
    });
    const colleague = await users.insertUser(t.db, {
      email: `k-${randomUUID()}@example.com`,
      name: "Colleague",
    });
    await join(colleague.id);
    await expect(member.users.byId({ id: stranger.id })).rejects.toMatchObject({ appCode: "USER_NOT_FOUND" });
    await expect(member.users.byId({ id: colleague.id })).resolves.toMatchObject({ name: "Colleague" });
    const ids = (await member.users.list({ limit: 100 })).items.map((u) => u.id);
    expect(ids).toContain(colleague.id);
    expect(ids).not.toContain(stranger.id);
    const loner = (await signUp(t.db, services)).caller;
    await expect(loner.users.byId({ id: colleague.id })).rejects.toMatchObject({ appCode: "USER_NOT_FOUND" });
    expect((await loner.users.list({})).items).toEqual([]);
  });

  it("byId throws USER_NOT_FOUND for an unknown id", async () => {
    const error = await member.users.byId({ id: randomUUID() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "NOT_FOUND", appCode: "USER_NOT_FOUND" });
  });

  it("validates input at the edge, strictly", async () => {
    const caller = member;
    await expect(caller.users.byId({ id: "nope" })).rejects.toBeInstanceOf(TRPCError);
    await expect(caller.users.list({ limit: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.users.list({ limit: 101 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.users.list({ extra: true } as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.users.list({ direction: "backward" } as never)).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(caller.users.list({ direction: "forward", limit: 1 })).resolves.toMatchObject({
      items: expect.any(Array),
    });
  });

  it("list defaults to 20 and hands out a cursor only when more rows exist", async () => {
    const tag = randomUUID().slice(0, 8);
    for (let i = 0; i < 22; i++)
      await join((await users.insertUser(t.db, { email: `d-${tag}-${i}@example.com`, name: `D${i}` })).id);
    const caller = member;
    const first = await caller.users.list({});
    expect(first.items).toHaveLength(20);
    expect(first.nextCursor).toEqual(expect.any(String));
    const total = await memberships
      .listDirectory(t.db, { userId: member.ctx.user?.id ?? "" })
      .then((d) => d.length);
    expect(total).toBeGreaterThan(22);
    let seen = first.items.length;
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await caller.users.list({ cursor });
      seen += page.items.length;
      cursor = page.nextCursor;
    }
    expect(seen).toBe(total);
  });

  it("health.ping reports the engine and the database time", async () => {
    const result = await testCaller(t.db, { services }).health.ping();
    expect(result).toMatchObject({ status: "ok", database: t.driver });
    expect(result.time).toBeInstanceOf(Date);
  });
});
