import {
  createRateLimiter,
  DEFAULT_RATE_LIMITS,
  issueOneTimeToken,
  systemClock,
  validateSessionToken,
} from "@plinth/auth";
import { users } from "@plinth/db";
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
  verifiedUser,
} from "../../testing/test-auth.ts";
import { createTestServices, testCaller } from "../../testing/test-context.ts";

// Issue 6 §2: single-use links and sessions follow the account's security state.

const t = useTestDatabase();
let services: Services;
/** So an unverified account (which holds a live verification link) can change its password and email too. */
let lenient: Services;
beforeAll(async () => {
  services = await createTestServices({ rateLimiter: await permissiveLimiter() });
  lenient = await createTestServices({ rateLimiter: await permissiveLimiter(), requireVerifiedEmail: false });
});
const anon = (s = services) => testCaller(t.db, { services: s, ip: randomIp() });
const mailToken = async (s: Services, to: string, kind: string) =>
  tokenFromMail((await latestMail(t.db, s, to, kind)).text);
/**
 * A reset link as `requestPasswordReset` issues it. Issued directly so these tests do not depend on how that
 * procedure delivers its mail (it answers the same for every address, and may hand the work to a queue).
 */
const resetLink = (user: { id: string; email: string }) =>
  issueOneTimeToken(t.db, {
    userId: user.id,
    purpose: "password_reset",
    email: user.email,
    clock: systemClock,
  });
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { appCode?: string }) => e.appCode ?? "unknown",
  );

type Kind = "email_verification" | "password_reset" | "email_change";
const useLink: Record<Kind, (s: Services, token: string) => Promise<unknown>> = {
  email_verification: (s, token) => anon(s).auth.verifyEmail({ token }),
  password_reset: (s, token) =>
    anon(s).auth.resetPassword({ token, password: "a passphrase from an old link" }),
  email_change: (s, token) => anon(s).auth.confirmEmailChange({ token }),
};

/** An unverified account holding one live link of every kind. */
async function accountWithEveryLink() {
  const user = await signUp(t.db, lenient);
  const newEmail = uniqueEmail("moving");
  const reset = await resetLink(user.user);
  await user.caller.account.requestEmailChange({ newEmail, currentPassword: user.password });
  const caller = await callerWithToken(t.db, lenient, user.token);
  const links: Record<Kind, string> = {
    email_verification: await mailToken(lenient, user.email, "email_verification"),
    password_reset: reset,
    email_change: await mailToken(lenient, newEmail, "email_change"),
  };
  return { ...user, caller, links };
}

const unconsumedTokens = async (userId: string) =>
  (
    await t.db
      .selectFrom("user_tokens")
      .select("purpose")
      .where("user_id", "=", userId)
      .where("consumed_at", "is", null)
      .execute()
  ).map((r) => r.purpose);

async function adminCaller() {
  const boss = await verifiedUser(t.db, lenient);
  await users.updateUser(t.db, boss.user.id, { role: "admin" });
  return callerWithToken(t.db, lenient, boss.token);
}

/** Each event, and the link kind it uses up itself (so that one is not left to test). */
const events: Array<{
  name: string;
  uses?: Kind;
  run: (a: Awaited<ReturnType<typeof accountWithEveryLink>>) => Promise<unknown>;
}> = [
  {
    name: "a password change",
    run: (a) =>
      a.caller.account.changePassword({
        currentPassword: a.password,
        newPassword: "another good passphrase",
      }),
  },
  {
    name: "a password reset",
    uses: "password_reset",
    run: (a) =>
      anon(lenient).auth.resetPassword({
        token: a.links.password_reset,
        password: "another good passphrase",
      }),
  },
  {
    name: "an email change",
    uses: "email_change",
    run: (a) => anon(lenient).auth.confirmEmailChange({ token: a.links.email_change }),
  },
  {
    name: "disabling the account (then enabling it again)",
    run: async (a) => {
      const admin = await adminCaller();
      await admin.admin.setUserDisabled({ userId: a.user.id, disabled: true });
      await admin.admin.setUserDisabled({ userId: a.user.id, disabled: false });
    },
  },
];

describe("links die with the security state they were mailed under", () => {
  for (const event of events) {
    it(`${event.name} voids every other outstanding link of the account`, async () => {
      const account = await accountWithEveryLink();
      const bystander = await signUp(t.db, lenient);
      expect(await unconsumedTokens(account.user.id)).toHaveLength(3);
      await event.run(account);
      expect(await unconsumedTokens(account.user.id)).toEqual([]);
      expect(await unconsumedTokens(bystander.user.id)).toEqual(["email_verification"]);
      for (const kind of Object.keys(useLink) as Kind[]) {
        if (kind === event.uses) continue;
        expect([kind, await codeOf(useLink[kind](lenient, account.links[kind]))]).toEqual([
          kind,
          "INVALID_TOKEN",
        ]);
      }
    });
  }

  it("refuses the reported chain: reset requested, email changed, old reset link used", async () => {
    const user = await verifiedUser(t.db, services);
    const oldLink = await resetLink(user.user);
    const newEmail = uniqueEmail("attacker-moved");
    await user.caller.account.requestEmailChange({ newEmail, currentPassword: user.password });
    await anon().auth.confirmEmailChange({ token: await mailToken(services, newEmail, "email_change") });
    expect(
      await codeOf(anon().auth.resetPassword({ token: oldLink, password: "taken over passphrase" })),
    ).toBe("INVALID_TOKEN");
    await expect(anon().auth.login({ email: newEmail, password: user.password })).resolves.toBeDefined();
  });
});

describe("confirming an email change ends the account's other sessions", () => {
  async function pending() {
    const user = await verifiedUser(t.db, services);
    const phone = await anon().auth.login({
      email: user.email,
      password: user.password,
      sessionTransport: "bearer",
    });
    const newEmail = uniqueEmail("changed");
    await user.caller.account.requestEmailChange({ newEmail, currentPassword: user.password });
    return {
      ...user,
      phone: phone.sessionToken ?? "",
      link: await mailToken(services, newEmail, "email_change"),
    };
  }
  const alive = async (token: string) => (await validateSessionToken(t.db, token, services.clock)) !== null;

  it("all of them when the link is opened signed out", async () => {
    const user = await pending();
    await anon().auth.confirmEmailChange({ token: user.link });
    expect([await alive(user.token), await alive(user.phone)]).toEqual([false, false]);
  });

  it("all but the confirming one when it is signed in as the same account", async () => {
    const user = await pending();
    await (await callerWithToken(t.db, services, user.token)).auth.confirmEmailChange({ token: user.link });
    expect([await alive(user.token), await alive(user.phone)]).toEqual([true, false]);
  });

  it("all of them when the confirming browser is signed in as someone else, whose session stays", async () => {
    const user = await pending();
    const stranger = await verifiedUser(t.db, services);
    await stranger.caller.auth.confirmEmailChange({ token: user.link });
    expect([await alive(user.token), await alive(user.phone), await alive(stranger.token)]).toEqual([
      false,
      false,
      true,
    ]);
  });
});

describe("using an emailed link", () => {
  it("checks the reset token before the password policy (and so before argon2)", async () => {
    expect(await codeOf(anon().auth.resetPassword({ token: "a".repeat(52), password: "short" }))).toBe(
      "INVALID_TOKEN",
    );
    expect(
      await codeOf(anon().auth.resetPassword({ token: "not even shaped like one", password: "x" })),
    ).toBe("INVALID_TOKEN");
  });

  it("refuses the account's own email as the new password, once the token is known good", async () => {
    const user = await signUp(t.db, services, { email: `${"longlocalpart"}-${Date.now()}@example.com` });
    const token = await resetLink(user.user);
    expect(await codeOf(anon().auth.resetPassword({ token, password: user.email }))).toBe("WEAK_PASSWORD");
    expect(await codeOf(anon().auth.resetPassword({ token, password: GOOD_PASSWORD }))).toBe("ok");
  });

  const limited = [
    [
      "resetPassword",
      "reset_password_ip",
      (c: ReturnType<typeof anon>) =>
        c.auth.resetPassword({ token: "b".repeat(52), password: GOOD_PASSWORD }),
    ],
    [
      "verifyEmail",
      "verify_email_ip",
      (c: ReturnType<typeof anon>) => c.auth.verifyEmail({ token: "b".repeat(52) }),
    ],
    [
      "confirmEmailChange",
      "email_change_ip",
      (c: ReturnType<typeof anon>) => c.auth.confirmEmailChange({ token: "b".repeat(52) }),
    ],
  ] as const;
  for (const [procedure, rule, call] of limited) {
    it(`limits ${procedure} per IP (${rule})`, async () => {
      const strict = await createTestServices({
        rateLimiter: await createRateLimiter({ kind: "memory" }, DEFAULT_RATE_LIMITS),
      });
      const ip = randomIp();
      const points = 20; // ADR 008
      const codes: string[] = [];
      for (let i = 0; i <= points; i++)
        codes.push(await codeOf(call(testCaller(t.db, { services: strict, ip }))));
      expect(codes.slice(0, points).every((c) => c === "INVALID_TOKEN")).toBe(true);
      expect(codes.at(-1)).toBe("TOO_MANY_REQUESTS");
      const elsewhere = testCaller(t.db, { services: strict, ip: "203.0.113.250" });
      expect(await codeOf(call(elsewhere))).toBe("INVALID_TOKEN");
      expect(DEFAULT_RATE_LIMITS).toHaveProperty(`${rule}.points`, points);
    });
  }
});
