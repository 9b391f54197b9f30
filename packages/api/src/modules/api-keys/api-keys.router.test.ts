import { randomUUID } from "node:crypto";
import { createManualClock, createRateLimiter, createSession, DEFAULT_RATE_LIMITS } from "@plinth/auth";
import { users } from "@plinth/db";
import { makeUser, useTestDatabase } from "@plinth/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../core/services.ts";
import { callerFor, orgWithCallers } from "../../testing/org-callers.ts";
import { latestMail, permissiveLimiter, tokenFromMail, verifiedUser } from "../../testing/test-auth.ts";
import { createTestServices, requestCaller, testCaller } from "../../testing/test-context.ts";
import { API_KEY_LIMIT } from "./api-keys.policy.ts";

const t = useTestDatabase();
let services: Services;
beforeAll(async () => {
  services = await createTestServices({ rateLimiter: await permissiveLimiter() });
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const keyCaller = (token: string, s: Services = services) => requestCaller(t.db, s, bearer(token));
const auditRows = (userId: string, event: string) =>
  t.db
    .selectFrom("audit_log")
    .selectAll()
    .where("subject_user_id", "=", userId)
    .where("event", "=", event as never)
    .execute();

describe("apiKeys procedures", () => {
  it("shows the token once, lists the key without any secret, and the key acts as its owner", async () => {
    const o = await orgWithCallers(t.db, services);
    const { token, key } = await o.member.apiKeys.create({ name: " CI deploy ", scopes: ["read", "write"] });
    expect(token).toMatch(/^plinth_[a-z2-7]{12}_[a-z2-7]{32}$/);
    expect(token.startsWith(`plinth_${key.publicId}_`)).toBe(true);
    expect(key).toMatchObject({
      name: "CI deploy",
      scopes: ["read", "write"],
      lastUsedAt: null,
      expiresAt: null,
    });

    const listed = await o.member.apiKeys.list();
    expect(listed).toEqual([key]);
    const secret = token.slice(-32);
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(Object.keys(listed[0] ?? {}).sort()).toEqual(
      ["createdAt", "expiresAt", "id", "lastUsedAt", "name", "publicId", "scopes"].sort(),
    );
    expect(await o.admin.apiKeys.list(), "another user's list").toEqual([]);

    const caller = await keyCaller(token);
    expect(caller.ctx.session).toBeNull();
    expect(caller.ctx.apiKey).toEqual({ id: key.id, scopes: ["read", "write"] });
    expect(caller.ctx.user?.id).toBe(o.users.member.id);
    const ids = { organizationId: o.org.id, projectId: o.project.id };
    const task = await caller.tasks.create({ ...ids, title: "From a script" });
    expect(task.createdBy).toBe(o.users.member.id);
    const page = await caller.tasks.list(ids);
    expect(page.items.map((i) => i.id)).toContain(task.id);
    expect(await caller.account.me()).toMatchObject({ id: o.users.member.id });
    expect((await o.member.apiKeys.list())[0]?.lastUsedAt).toBeInstanceOf(Date);

    const created = await auditRows(o.users.member.id, "api_key_created");
    expect(created).toHaveLength(1);
    expect(created[0]?.details).toMatchObject({
      apiKeyId: key.id,
      publicId: key.publicId,
      scopes: "read,write",
    });
    expect(JSON.stringify(created)).not.toContain(secret);
  });

  it("keeps a key to its owner's memberships", async () => {
    const o = await orgWithCallers(t.db, services);
    const other = await orgWithCallers(t.db, services);
    const { token } = await o.member.apiKeys.create({ name: "k", scopes: ["read", "write"] });
    const caller = await keyCaller(token);
    await expect(caller.projects.list({ organizationId: other.org.id })).rejects.toMatchObject({
      appCode: "NOT_FOUND",
    });
    // A member may not delete the project; the key has no more rights than its user.
    await expect(
      caller.projects.delete({ organizationId: o.org.id, projectId: o.project.id }),
    ).rejects.toMatchObject({ appCode: "FORBIDDEN" });
  });

  it("lets a read key read and refuses its writes with INSUFFICIENT_SCOPE; a write key may also read", async () => {
    const o = await orgWithCallers(t.db, services);
    const ids = { organizationId: o.org.id, projectId: o.project.id };
    const read = await keyCaller((await o.member.apiKeys.create({ name: "r", scopes: ["read"] })).token);
    expect((await read.tasks.list(ids)).items).toEqual([]);
    await expect(read.tasks.create({ ...ids, title: "no" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      appCode: "INSUFFICIENT_SCOPE",
    });
    // Refused before the input is parsed: a key learns nothing about a procedure it may not call.
    await expect(read.tasks.create({} as never)).rejects.toMatchObject({ appCode: "INSUFFICIENT_SCOPE" });
    expect((await read.tasks.list(ids)).items).toEqual([]);

    const write = await keyCaller((await o.member.apiKeys.create({ name: "w", scopes: ["write"] })).token);
    expect(await write.tasks.create({ ...ids, title: "yes" })).toMatchObject({ title: "yes" });
    expect((await write.tasks.list(ids)).items.map((task) => task.title)).toEqual(["yes"]);
  });

  it("never lets a key manage keys, sign out or change the account (API_KEY_NOT_ALLOWED)", async () => {
    const o = await orgWithCallers(t.db, services);
    const { token, key } = await o.member.apiKeys.create({ name: "k", scopes: ["read", "write"] });
    const caller = await keyCaller(token);
    const refused = [
      () => caller.apiKeys.create({ name: "child", scopes: ["read"] }),
      () => caller.apiKeys.list(),
      () => caller.apiKeys.revoke({ id: key.id }),
      () => caller.auth.logout(),
      () => caller.account.sessions(),
      () => caller.account.logoutOthers(),
      () => caller.account.revokeSession({ handle: "x".repeat(16) }),
      () => caller.account.changePassword({ currentPassword: "x", newPassword: "y".repeat(20) }),
      () => caller.account.requestEmailChange({ newEmail: "n@example.com", currentPassword: "x" }),
    ];
    for (const call of refused) {
      await expect(call()).rejects.toMatchObject({ code: "FORBIDDEN", appCode: "API_KEY_NOT_ALLOWED" });
    }
    expect(await o.member.apiKeys.list()).toHaveLength(1);
  });

  it("revokes at once; another user's key is NOT_FOUND and keeps working", async () => {
    const o = await orgWithCallers(t.db, services);
    const mine = await o.member.apiKeys.create({ name: "mine", scopes: ["read"] });
    const theirs = await o.admin.apiKeys.create({ name: "theirs", scopes: ["read"] });
    const theirCaller = await keyCaller(theirs.token);

    await expect(o.member.apiKeys.revoke({ id: theirs.key.id })).rejects.toMatchObject({
      appCode: "NOT_FOUND",
    });
    await expect(o.member.apiKeys.revoke({ id: randomUUID() })).rejects.toMatchObject({
      appCode: "NOT_FOUND",
    });
    expect(await theirCaller.account.me()).toMatchObject({ id: o.users.admin.id });

    const myCaller = await keyCaller(mine.token);
    expect(await myCaller.account.me()).toMatchObject({ id: o.users.member.id });
    expect(await o.member.apiKeys.revoke({ id: mine.key.id })).toEqual({ ok: true });
    const after = await keyCaller(mine.token);
    expect(after.ctx.user).toBeNull();
    await expect(after.account.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await o.member.apiKeys.list()).toEqual([]);
    await expect(o.member.apiKeys.revoke({ id: mine.key.id }), "twice").rejects.toMatchObject({
      appCode: "NOT_FOUND",
    });
    const revoked = await auditRows(o.users.member.id, "api_key_revoked");
    expect(revoked.map((r) => r.details)).toEqual([expect.objectContaining({ apiKeyId: mine.key.id })]);
  });

  it("refuses an expired key and a disabled user's key", async () => {
    const clock = createManualClock(new Date());
    const timed = await createTestServices({ clock, rateLimiter: await permissiveLimiter() });
    const user = await makeUser(t.db);
    const session = await callerFor(t.db, timed, user);
    const { token, key } = await session.apiKeys.create({ name: "day", scopes: ["read"], expiresInDays: 1 });
    expect(key.expiresAt?.getTime()).toBe(clock.now().getTime() + 86_400_000);
    expect((await keyCaller(token, timed)).ctx.user?.id).toBe(user.id);
    clock.advance(86_400_000);
    expect((await keyCaller(token, timed)).ctx.user).toBeNull();

    const forever = await session.apiKeys.create({ name: "forever", scopes: ["read"] });
    await users.updateUser(t.db, user.id, { disabled_at: new Date() });
    expect((await keyCaller(forever.token, timed)).ctx.user).toBeNull();
  });

  it("revokes every key of an account whose password is reset (recovery), and keeps them on a password change", async () => {
    const user = await verifiedUser(t.db, services);
    const kept = await user.caller.apiKeys.create({ name: "kept", scopes: ["read"] });
    await user.caller.account.changePassword({
      currentPassword: user.password,
      newPassword: "a brand new passphrase",
    });
    expect((await keyCaller(kept.token)).ctx.user?.id).toBe(user.user.id);

    const anon = testCaller(t.db, { services });
    await anon.auth.requestPasswordReset({ email: user.email });
    const token = tokenFromMail((await latestMail(t.db, services, user.email, "password_reset")).text);
    await anon.auth.resetPassword({ token, password: "yet another new passphrase" });
    expect((await keyCaller(kept.token)).ctx.user).toBeNull();
    const [reset] = await auditRows(user.user.id, "password_reset");
    expect(reset?.details).toMatchObject({ apiKeysRevoked: 1 });
  });

  it("caps live keys per user; revoked and expired keys do not count", async () => {
    const clock = createManualClock(new Date());
    const timed = await createTestServices({ clock, rateLimiter: await permissiveLimiter() });
    const user = await makeUser(t.db);
    const caller = await callerFor(t.db, timed, user);
    const expiring = await caller.apiKeys.create({ name: "soon", scopes: ["read"], expiresInDays: 1 });
    const keys = [expiring.key];
    for (let i = 1; i < API_KEY_LIMIT; i++)
      keys.push((await caller.apiKeys.create({ name: `k${i}`, scopes: ["read"] })).key);
    await expect(caller.apiKeys.create({ name: "one too many", scopes: ["read"] })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await caller.apiKeys.revoke({ id: keys[1]?.id ?? "" });
    await caller.apiKeys.create({ name: "after a revoke", scopes: ["read"] });
    clock.advance(86_400_000);
    await caller.apiKeys.create({ name: "after an expiry", scopes: ["read"] });
    await expect(caller.apiKeys.create({ name: "full again", scopes: ["read"] })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("lets exactly one of several concurrent creates take the last free place", async () => {
    const user = await makeUser(t.db);
    const caller = await callerFor(t.db, services, user);
    for (let i = 1; i < API_KEY_LIMIT; i++) await caller.apiKeys.create({ name: `k${i}`, scopes: ["read"] });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => caller.apiKeys.create({ name: `race${i}`, scopes: ["read"] })),
    );
    expect(outcomes.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of outcomes.filter((x) => x.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    }
    expect(await caller.apiKeys.list()).toHaveLength(API_KEY_LIMIT);
  });

  it("refuses bad input: unknown fields, no scope, a repeated or unknown scope, a bad expiry", async () => {
    const user = await makeUser(t.db);
    const caller = await callerFor(t.db, services, user);
    const bad = [
      { name: "x", scopes: ["read"], extra: 1 },
      { name: "x", scopes: [] },
      { name: "x", scopes: ["read", "read"] },
      { name: "x", scopes: ["admin"] },
      { name: "   ", scopes: ["read"] },
      { name: "x", scopes: ["read"], expiresInDays: 0 },
      { name: "x", scopes: ["read"], expiresInDays: 366 },
      { name: "x", scopes: ["read"], expiresInDays: 1.5 },
    ];
    for (const input of bad) {
      await expect(caller.apiKeys.create(input as never), JSON.stringify(input)).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
    }
    expect(await caller.apiKeys.list()).toEqual([]);
  });

  it("reads a bearer key even with a session cookie present, and never falls back to the cookie", async () => {
    const o = await orgWithCallers(t.db, services);
    const { token } = await o.member.apiKeys.create({ name: "k", scopes: ["read"] });
    const adminSession = await createSession(
      t.db,
      o.users.admin.id,
      { ip: null, userAgent: null },
      services.clock,
    );
    const cookie = `plinth_session=${adminSession.token}`;
    const withBoth = await requestCaller(t.db, services, { ...bearer(token), cookie });
    expect(withBoth.ctx.user?.id).toBe(o.users.member.id);
    expect(withBoth.ctx.session).toBeNull();
    const badKey = await requestCaller(t.db, services, {
      ...bearer(`plinth_${"a".repeat(12)}_${"b".repeat(32)}`),
      cookie,
    });
    expect(badKey.ctx.user).toBeNull();
    expect(badKey.ctx.apiKey).toBeNull();
    // The cookie alone is a session as before.
    expect((await requestCaller(t.db, services, { cookie })).ctx.session?.user_id).toBe(o.users.admin.id);
  });

  it("rate-limits each key on its own (api_key rule), keyed by the key", async () => {
    const wide = { points: 1_000_000, durationSec: 60 };
    const rules = Object.fromEntries(Object.keys(DEFAULT_RATE_LIMITS).map((n) => [n, wide]));
    const limited = await createTestServices({
      rateLimiter: await createRateLimiter(
        { kind: "memory" },
        { ...rules, api_key: { points: 3, durationSec: 60 } },
      ),
    });
    const user = await makeUser(t.db);
    const session = await callerFor(t.db, limited, user);
    const first = await session.apiKeys.create({ name: "a", scopes: ["read"] });
    const second = await session.apiKeys.create({ name: "b", scopes: ["read"] });
    const a = await keyCaller(first.token, limited);
    for (let i = 0; i < 3; i++) await a.account.me();
    await expect(a.account.me()).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      appCode: "TOO_MANY_REQUESTS",
    });
    // Refused writes count too: each call spends a point before anything else.
    await expect(a.tasks.create({} as never)).rejects.toMatchObject({ appCode: "TOO_MANY_REQUESTS" });
    const b = await keyCaller(second.token, limited);
    expect(await b.account.me()).toMatchObject({ id: user.id });
    // The owner's session is not a key: it is not counted under api_key.
    for (let i = 0; i < 5; i++) await session.account.me();
  });
});
