import { DEMO_PASSWORD, DEMO_PASSWORD_HASH } from "@plinth/db";
import { describe, expect, it } from "vitest";
import { passwordNeedsRehash, verifyPassword } from "./password.ts";
import { checkPassword } from "./password-policy.ts";

// packages/db seeds the demo accounts with a constant hash because it cannot depend on argon2: prove it matches.
describe("the demo accounts' password", () => {
  it("is what the constant hash verifies, with today's parameters, and passes the password policy", async () => {
    expect(await verifyPassword(DEMO_PASSWORD_HASH, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(DEMO_PASSWORD_HASH, `${DEMO_PASSWORD}x`)).toBe(false);
    expect(passwordNeedsRehash(DEMO_PASSWORD_HASH)).toBe(false);
    expect(checkPassword(DEMO_PASSWORD)).toBeNull();
  });
});
