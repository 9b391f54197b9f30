import { useTestDatabase } from "@plinth/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../core/services.ts";
import { callerWithToken, permissiveLimiter, signUp, uniqueEmail } from "../../testing/test-auth.ts";
import { createTestServices } from "../../testing/test-context.ts";

// Issue 6 §5: with REQUIRE_VERIFIED_EMAIL on, an unverified account may only learn its state, resend the link and
// sign out.

const t = useTestDatabase();
let services: Services;
let lenient: Services;
beforeAll(async () => {
  services = await createTestServices({ rateLimiter: await permissiveLimiter() });
  lenient = await createTestServices({ rateLimiter: await permissiveLimiter(), requireVerifiedEmail: false });
});
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { appCode?: string }) => e.appCode ?? "unknown",
  );

describe("an unverified account", () => {
  it("is refused every account procedure but me, resend and sign-out, where verification is required", async () => {
    const user = await signUp(t.db, services);
    const c = user.caller;
    const refused = {
      sessions: await codeOf(c.account.sessions()),
      revokeSession: await codeOf(c.account.revokeSession({ handle: "0".repeat(32) })),
      logoutOthers: await codeOf(c.account.logoutOthers()),
      changePassword: await codeOf(
        c.account.changePassword({ currentPassword: user.password, newPassword: "a fresh passphrase" }),
      ),
      requestEmailChange: await codeOf(
        c.account.requestEmailChange({ newEmail: uniqueEmail(), currentPassword: user.password }),
      ),
    };
    expect(refused).toEqual({
      sessions: "EMAIL_NOT_VERIFIED",
      revokeSession: "EMAIL_NOT_VERIFIED",
      logoutOthers: "EMAIL_NOT_VERIFIED",
      changePassword: "EMAIL_NOT_VERIFIED",
      requestEmailChange: "EMAIL_NOT_VERIFIED",
    });
    expect((await c.auth.me())?.emailVerified).toBe(false);
    expect((await c.account.me()).emailVerified).toBe(false);
    expect(await c.auth.resendVerification()).toEqual({ sent: true });
    expect(await c.auth.logout()).toEqual({ ok: true });

    // A deployment that does not require verification lets the same account in.
    const other = await signUp(t.db, lenient);
    const relaxed = await callerWithToken(t.db, lenient, other.token);
    expect(await relaxed.account.sessions()).toHaveLength(1);
    expect(await relaxed.account.logoutOthers()).toEqual({ ended: 0 });
  });
});
