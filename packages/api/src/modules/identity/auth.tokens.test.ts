import {
  createManualClock,
  createRateLimiter,
  DEFAULT_RATE_LIMITS,
  validateSessionToken,
} from "@plinth/auth";
import { audit, users } from "@plinth/db";
import { useTestDatabase } from "@plinth/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../core/services.ts";
import {
  callerWithToken,
  GOOD_PASSWORD,
  latestMail,
  permissiveLimiter,
  randomIp,
  signUp,
  tokenFromMail,
  uniqueEmail,
} from "../../testing/test-auth.ts";
import { createTestServices, testCaller } from "../../testing/test-context.ts";

const t = useTestDatabase();
const clock = createManualClock(new Date());
let services: Services;
beforeAll(async () => {
  services = await createTestServices({ rateLimiter: await permissiveLimiter(), clock });
});
const anon = () => testCaller(t.db, { services, ip: randomIp() });
const hour = 3_600_000;

describe("email verification", () => {
  it("verifies with the emailed token, once", async () => {
    const user = await signUp(t.db, services);
    const token = tokenFromMail((await latestMail(t.db, services, user.email, "email_verification")).text);
    expect(token).toMatch(/^[a-z2-7]{52}$/);
    const result = await anon().auth.verifyEmail({ token });
    expect(result.user.emailVerified).toBe(true);
    await expect(anon().auth.verifyEmail({ token })).rejects.toMatchObject({ appCode: "INVALID_TOKEN" });
    expect(
      (await audit.listAuditEvents(t.db, { subjectUserId: user.user.id, limit: 5 })).map((e) => e.event),
    ).toContain("email_verified");
  });

  it("refuses an expired token (24 h) and a forged one", async () => {
    const user = await signUp(t.db, services);
    const token = tokenFromMail((await latestMail(t.db, services, user.email, "email_verification")).text);
    clock.advance(24 * hour + 1000);
    try {
      await expect(anon().auth.verifyEmail({ token })).rejects.toMatchObject({ appCode: "INVALID_TOKEN" });
    } finally {
      clock.set(new Date());
    }
    await expect(anon().auth.verifyEmail({ token: "a".repeat(52) })).rejects.toMatchObject({
      appCode: "INVALID_TOKEN",
    });
  });

  it("lets exactly one of many parallel uses succeed", async () => {
    const user = await signUp(t.db, services);
    const token = tokenFromMail((await latestMail(t.db, services, user.email, "email_verification")).text);
    const results = await Promise.allSettled(
      Array.from({ length: 25 }, () => anon().auth.verifyEmail({ token })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(
      results.every(
        (r) => r.status === "fulfilled" || (r.reason as { appCode?: string }).appCode === "INVALID_TOKEN",
      ),
    ).toBe(true);
  });

  it("resend replaces the old token and is throttled per account", async () => {
    const limited = await createTestServices({
      rateLimiter: await createRateLimiter({ kind: "memory" }, DEFAULT_RATE_LIMITS),
      clock,
    });
    const user = await signUp(t.db, services);
    const firstToken = tokenFromMail(
      (await latestMail(t.db, services, user.email, "email_verification")).text,
    );
    const me = await callerWithToken(t.db, limited, user.token);
    expect(await me.auth.resendVerification()).toEqual({ sent: true });
    const secondToken = tokenFromMail(
      (await latestMail(t.db, services, user.email, "email_verification")).text,
    );
    expect(secondToken).not.toBe(firstToken);
    await expect(anon().auth.verifyEmail({ token: firstToken })).rejects.toMatchObject({
      appCode: "INVALID_TOKEN",
    });
    const outcomes = [];
    for (let i = 0; i < DEFAULT_RATE_LIMITS.verify_resend_account.points + 1; i++) {
      outcomes.push(
        await me.auth.resendVerification().then(
          () => "sent",
          (e: { appCode: string }) => e.appCode,
        ),
      );
    }
    expect(outcomes.at(-1)).toBe("TOO_MANY_REQUESTS");
  });

  it("keeps unverified accounts out of procedures that need a verified email", async () => {
    const user = await signUp(t.db, services);
    await expect(user.caller.admin.users({})).rejects.toMatchObject({ appCode: "EMAIL_NOT_VERIFIED" });
  });
});

describe("password reset", () => {
  it("answers the same whether or not the email exists, and mails only real accounts", async () => {
    const user = await signUp(t.db, services);
    const ghost = uniqueEmail("ghost");
    expect(await anon().auth.requestPasswordReset({ email: ghost })).toEqual({ ok: true });
    expect(await anon().auth.requestPasswordReset({ email: user.email })).toEqual({ ok: true });
    await expect(latestMail(t.db, services, ghost, "password_reset")).rejects.toThrow(/no password_reset/);
    const mail = await latestMail(t.db, services, user.email, "password_reset");
    expect(mail.text).toMatch(/\/reset-password\?token=/);
  });

  it("sets the new password, ends every session, notifies, and works once", async () => {
    const user = await signUp(t.db, services);
    const other = await anon().auth.login({
      email: user.email,
      password: user.password,
      sessionTransport: "bearer",
    });
    await anon().auth.requestPasswordReset({ email: user.email });
    const token = tokenFromMail((await latestMail(t.db, services, user.email, "password_reset")).text);
    const newPassword = "an entirely new passphrase";
    expect(await anon().auth.resetPassword({ token, password: newPassword })).toEqual({ ok: true });
    expect(await validateSessionToken(t.db, user.token, clock)).toBeNull();
    expect(await validateSessionToken(t.db, other.sessionToken ?? "", clock)).toBeNull();
    await expect(anon().auth.login({ email: user.email, password: user.password })).rejects.toMatchObject({
      appCode: "INVALID_CREDENTIALS",
    });
    await expect(anon().auth.login({ email: user.email, password: newPassword })).resolves.toBeDefined();
    await latestMail(t.db, services, user.email, "password_changed");
    await expect(
      anon().auth.resetPassword({ token, password: "yet another passphrase" }),
    ).rejects.toMatchObject({ appCode: "INVALID_TOKEN" });
  });

  it("expires after one hour", async () => {
    const user = await signUp(t.db, services);
    await anon().auth.requestPasswordReset({ email: user.email });
    const token = tokenFromMail((await latestMail(t.db, services, user.email, "password_reset")).text);
    clock.advance(hour + 1000);
    try {
      await expect(
        anon().auth.resetPassword({ token, password: "an entirely new passphrase" }),
      ).rejects.toMatchObject({ appCode: "INVALID_TOKEN" });
    } finally {
      clock.set(new Date());
    }
  });

  it("lets exactly one of many parallel resets succeed, and leaves no half-written state", async () => {
    const user = await signUp(t.db, services);
    await anon().auth.requestPasswordReset({ email: user.email });
    const token = tokenFromMail((await latestMail(t.db, services, user.email, "password_reset")).text);
    const passwords = Array.from({ length: 10 }, (_, i) => `parallel passphrase number ${i}`);
    const results = await Promise.allSettled(
      passwords.map((password) => anon().auth.resetPassword({ token, password })),
    );
    const winners = passwords.filter((_, i) => results[i]?.status === "fulfilled");
    expect(winners).toHaveLength(1);
    // The stored password is the winner's: the losers' transactions changed nothing.
    await expect(anon().auth.login({ email: user.email, password: winners[0] ?? "" })).resolves.toBeDefined();
    const notifications = (
      await testCaller(t.db, { services }).dev.mailbox({ to: user.email, limit: 50 })
    ).filter((m) => m.kind === "password_changed");
    expect(notifications).toHaveLength(1);
  });

  it("refuses a weak new password without using up the token", async () => {
    const user = await signUp(t.db, services);
    await anon().auth.requestPasswordReset({ email: user.email });
    const token = tokenFromMail((await latestMail(t.db, services, user.email, "password_reset")).text);
    await expect(anon().auth.resetPassword({ token, password: "password" })).rejects.toMatchObject({
      appCode: "WEAK_PASSWORD",
    });
    await expect(anon().auth.resetPassword({ token, password: GOOD_PASSWORD })).resolves.toEqual({
      ok: true,
    });
  });

  it("does not send reset mail for a disabled account", async () => {
    const user = await signUp(t.db, services);
    await users.updateUser(t.db, user.user.id, { disabled_at: new Date() });
    expect(await anon().auth.requestPasswordReset({ email: user.email })).toEqual({ ok: true });
    await expect(latestMail(t.db, services, user.email, "password_reset")).rejects.toThrow();
  });
});
