import {
  createManualClock,
  createRateLimiter,
  DEFAULT_RATE_LIMITS,
  PasswordQueueFullError,
  SESSION_POLICY,
  validateSessionToken,
} from "@plinth/auth";
import { audit, users } from "@plinth/db";
import { useTestDatabase } from "@plinth/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../core/services.ts";
import {
  callerWithToken,
  latestMail,
  permissiveLimiter,
  randomIp,
  signUp,
  tokenFromMail,
  uniqueEmail,
  verifiedUser,
} from "../../testing/test-auth.ts";
import { createTestServices, testCaller } from "../../testing/test-context.ts";

const t = useTestDatabase();
const clock = createManualClock(new Date());
let services: Services;
beforeAll(async () => {
  services = await createTestServices({ rateLimiter: await permissiveLimiter(), clock });
});
const anon = () => testCaller(t.db, { services, ip: randomIp() });
const day = 86_400_000;

async function loginAgain(email: string, password: string, userAgent: string) {
  const result = await testCaller(t.db, { services, ip: randomIp(), userAgent }).auth.login({
    email,
    password,
    sessionTransport: "bearer",
  });
  return result.sessionToken ?? "";
}

describe("sessions", () => {
  it("lists my sessions without revealing ids, marks the current one, and revokes another", async () => {
    const user = await verifiedUser(t.db, services);
    const phone = await loginAgain(user.email, user.password, "Phone");
    const list = await user.caller.account.sessions();
    expect(list).toHaveLength(2);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    const phoneEntry = list.find((s) => s.userAgent === "Phone");
    expect(phoneEntry?.handle).toMatch(/^[0-9a-f]{32}$/);
    const stored = await t.db
      .selectFrom("sessions")
      .select("id")
      .where("user_id", "=", user.user.id)
      .execute();
    for (const { id } of stored) expect(JSON.stringify(list)).not.toContain(id);

    await user.caller.account.revokeSession({ handle: phoneEntry?.handle ?? "" });
    expect(await validateSessionToken(t.db, phone, clock)).toBeNull();
    expect(await validateSessionToken(t.db, user.token, clock)).not.toBeNull();
  });

  it("cannot revoke another user's session", async () => {
    const alice = await verifiedUser(t.db, services);
    const bob = await verifiedUser(t.db, services);
    const [bobSession] = await bob.caller.account.sessions();
    await expect(
      alice.caller.account.revokeSession({ handle: bobSession?.handle ?? "" }),
    ).rejects.toMatchObject({ appCode: "SESSION_NOT_FOUND" });
    expect(await validateSessionToken(t.db, bob.token, clock)).not.toBeNull();
  });

  it("logs out everywhere else", async () => {
    const user = await verifiedUser(t.db, services);
    const others = [
      await loginAgain(user.email, user.password, "A"),
      await loginAgain(user.email, user.password, "B"),
    ];
    expect(await user.caller.account.logoutOthers()).toEqual({ ended: 2 });
    for (const token of others) expect(await validateSessionToken(t.db, token, clock)).toBeNull();
    expect(await validateSessionToken(t.db, user.token, clock)).not.toBeNull();
  });

  it("slides while in use but ends at the absolute cap", async () => {
    const start = new Date();
    clock.set(start);
    try {
      const user = await signUp(t.db, services);
      // Use the session every 20 days: it keeps sliding...
      for (let elapsed = 20; elapsed < 90; elapsed += 20) {
        clock.set(new Date(start.getTime() + elapsed * day));
        expect(await validateSessionToken(t.db, user.token, clock), `day ${elapsed}`).not.toBeNull();
      }
      // ...until 90 days after creation, however active it was.
      clock.set(new Date(start.getTime() + SESSION_POLICY.absoluteMs + 1000));
      expect(await validateSessionToken(t.db, user.token, clock)).toBeNull();
    } finally {
      clock.set(new Date());
    }
  });
});

describe("password change", () => {
  it("requires the current password, revokes other sessions and notifies", async () => {
    const user = await verifiedUser(t.db, services);
    const other = await loginAgain(user.email, user.password, "Other");
    await expect(
      user.caller.account.changePassword({
        currentPassword: "wrong one here",
        newPassword: "a new passphrase ok",
      }),
    ).rejects.toMatchObject({
      appCode: "INVALID_CREDENTIALS",
    });
    expect(
      await user.caller.account.changePassword({
        currentPassword: user.password,
        newPassword: "a new passphrase ok",
      }),
    ).toEqual({
      ok: true,
      otherSessionsEnded: 1,
    });
    expect(await validateSessionToken(t.db, other, clock)).toBeNull();
    expect(await validateSessionToken(t.db, user.token, clock)).not.toBeNull();
    await latestMail(t.db, services, user.email, "password_changed");
    await expect(
      anon().auth.login({ email: user.email, password: "a new passphrase ok" }),
    ).resolves.toBeDefined();
  });
});

describe("password change while the password queue is full", () => {
  it("answers 503 PASSWORD_QUEUE_FULL and gives the re-authentication point back", async () => {
    // One re-authentication allowed: were a refused check counted, the second call would be TOO_MANY_REQUESTS.
    const tight = await createTestServices({
      clock,
      rateLimiter: await createRateLimiter(
        { kind: "memory" },
        { ...DEFAULT_RATE_LIMITS, reauth_account: { points: 1, durationSec: 600 } },
      ),
    });
    const user = await verifiedUser(t.db, tight);
    const refuse = () => Promise.reject(new PasswordQueueFullError(3, "queue_full"));
    const busy = { ...tight, passwords: { ...tight.passwords, verify: refuse } };
    const busyCaller = await callerWithToken(t.db, busy, user.token);
    const change = { currentPassword: user.password, newPassword: "a new passphrase ok" };
    for (let i = 0; i < 2; i++) {
      await expect(busyCaller.account.changePassword(change)).rejects.toMatchObject({
        appCode: "PASSWORD_QUEUE_FULL",
        code: "SERVICE_UNAVAILABLE",
        retryAfterSec: 3,
      });
    }
    expect(await user.caller.account.changePassword(change)).toMatchObject({ ok: true });
  });
});

describe("email change", () => {
  it("needs the password, verifies the new address first, notifies the old one", async () => {
    const user = await verifiedUser(t.db, services);
    const newEmail = uniqueEmail("new");
    await expect(
      user.caller.account.requestEmailChange({ newEmail, currentPassword: "not it at all" }),
    ).rejects.toMatchObject({
      appCode: "INVALID_CREDENTIALS",
    });
    await user.caller.account.requestEmailChange({ newEmail, currentPassword: user.password });
    // Nothing changed yet.
    expect((await users.findUserById(t.db, user.user.id))?.email).toBe(user.email);
    await latestMail(t.db, services, user.email, "email_change_notice");
    const token = tokenFromMail((await latestMail(t.db, services, newEmail, "email_change")).text);
    const result = await anon().auth.confirmEmailChange({ token });
    expect(result.user).toMatchObject({ email: newEmail, emailVerified: true });
    await latestMail(t.db, services, user.email, "email_changed");
    await expect(anon().auth.confirmEmailChange({ token })).rejects.toMatchObject({
      appCode: "INVALID_TOKEN",
    });
    await expect(anon().auth.login({ email: newEmail, password: user.password })).resolves.toBeDefined();
  });

  it("refuses an address that is taken, now or by the time it is confirmed", async () => {
    const user = await verifiedUser(t.db, services);
    const taken = await signUp(t.db, services);
    await expect(
      user.caller.account.requestEmailChange({ newEmail: taken.email, currentPassword: user.password }),
    ).rejects.toMatchObject({
      appCode: "EMAIL_TAKEN",
    });
    const wanted = uniqueEmail("wanted");
    await user.caller.account.requestEmailChange({ newEmail: wanted, currentPassword: user.password });
    const token = tokenFromMail((await latestMail(t.db, services, wanted, "email_change")).text);
    await signUp(t.db, services, { email: wanted });
    await expect(anon().auth.confirmEmailChange({ token })).rejects.toMatchObject({ appCode: "EMAIL_TAKEN" });
  });
});

describe("admin", () => {
  async function admin() {
    const user = await verifiedUser(t.db, services);
    await users.updateUser(t.db, user.user.id, { role: "admin" });
    return { ...user, caller: await callerWithToken(t.db, services, user.token) };
  }

  it("is closed to non-admins and to signed-out callers", async () => {
    const user = await verifiedUser(t.db, services);
    await expect(user.caller.admin.users({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(anon().admin.users({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("lists users by keyset and searches by email prefix", async () => {
    const boss = await admin();
    const tag = `adm${Math.random().toString(36).slice(2, 8)}`;
    for (let i = 0; i < 3; i++) await signUp(t.db, services, { email: `${tag}-${i}@example.com` });
    const found = await boss.caller.admin.users({ emailPrefix: tag.toUpperCase(), limit: 2 });
    expect(found.items).toHaveLength(2);
    const rest = await boss.caller.admin.users({ emailPrefix: tag, limit: 2, cursor: found.nextCursor });
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    expect([...found.items, ...rest.items].every((u) => u.email.startsWith(tag))).toBe(true);
  });

  it("disables a user: sessions end, login is refused; enabling restores it", async () => {
    const boss = await admin();
    const target = await signUp(t.db, services);
    const view = await boss.caller.admin.setUserDisabled({ userId: target.user.id, disabled: true });
    expect(view.disabled).toBe(true);
    expect(await validateSessionToken(t.db, target.token, clock)).toBeNull();
    await expect(anon().auth.login({ email: target.email, password: target.password })).rejects.toMatchObject(
      { appCode: "ACCOUNT_DISABLED" },
    );
    await boss.caller.admin.setUserDisabled({ userId: target.user.id, disabled: false });
    await expect(
      anon().auth.login({ email: target.email, password: target.password }),
    ).resolves.toBeDefined();
    const events = await audit.listAuditEvents(t.db, { subjectUserId: target.user.id, limit: 10 });
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(["user_disabled", "user_enabled"]));
    expect(events.find((e) => e.event === "user_disabled")?.actor_user_id).toBe(boss.user.id);
    await expect(
      boss.caller.admin.setUserDisabled({ userId: boss.user.id, disabled: true }),
    ).rejects.toMatchObject({ appCode: "CANNOT_DISABLE_SELF" });
  });
});
