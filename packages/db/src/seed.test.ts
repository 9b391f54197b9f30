import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD_HASH, demoUsers, seed } from "./seed.ts";
import { useTestDatabase } from "./testing/index.ts";
import { findUserByEmail, insertUser } from "./users/user.queries.ts";

const t = useTestDatabase();

describe("demo seed", () => {
  it("gives every demo account, the admin included, the demo password, and mends password-less rows of older seeds", async () => {
    // What an earlier seed left behind: a demo admin without a password, claimable through a reset.
    await insertUser(t.db, { email: "ada@example.com", name: "Ada Lovelace", role: "admin" });
    const kept = await insertUser(t.db, {
      email: "grace@example.com",
      name: "Grace Hopper",
      password_hash: "$argon2id$someone-chose-their-own",
    });

    expect(await seed(t.db)).toBe(demoUsers.length - 1);
    for (const demo of demoUsers) {
      const user = await findUserByEmail(t.db, demo.email);
      expect(user?.password_hash).toBe(demo.email === kept.email ? kept.password_hash : DEMO_PASSWORD_HASH);
    }
    const admins = await t.db
      .selectFrom("users")
      .select("password_hash")
      .where("role", "=", "admin")
      .execute();
    expect(admins.length).toBeGreaterThan(0);
    expect(admins.every((a) => a.password_hash !== null)).toBe(true);

    expect(await seed(t.db)).toBe(0);
  });
});
