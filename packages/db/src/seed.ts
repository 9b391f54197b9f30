import type { Database } from "./create-database.ts";
import { seedDemoOrganization } from "./seed-organization.ts";

/** Every demo account's password: printed whenever the seed runs and written in the README. Development only. */
export const DEMO_PASSWORD = "plinth-demo-2026";

/**
 * argon2id of DEMO_PASSWORD with plinth's parameters. A constant, because this package must not depend on the
 * hashing library (dependencies point apps → api → auth → db); packages/auth tests that it verifies.
 */
export const DEMO_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$niojVQ6kYURDw1DWIWokkg$ZHCg/3pl4S4/EfVafaL3KOxr0clOF/QZDOqTL5sbrRw";

export const demoUsers = [
  { email: "ada@example.com", name: "Ada Lovelace", role: "admin" as const },
  { email: "grace@example.com", name: "Grace Hopper", role: "user" as const },
  {
    email: "edsger@example.com",
    name: "Edsger Dijkstra",
    role: "user" as const,
  },
  {
    email: "barbara@example.com",
    name: "Barbara Liskov",
    role: "user" as const,
  },
  { email: "donald@example.com", name: "Donald Knuth", role: "user" as const },
];

export interface SeedResult {
  /** Demo accounts created or given the demo password. */
  accounts: number;
  /** Tasks created in the demo organization (0 once it exists). */
  tasks: number;
}

/**
 * Demo data for development. Idempotent: running it twice changes nothing. Every demo account signs in with
 * DEMO_PASSWORD; a demo row an earlier seed left without a password gets it, so no admin exists that anyone
 * could claim through a password reset. A password someone set on a demo account is kept. Then the demo
 * organization (seed-organization.ts), so the first screen after signing in is not empty.
 */
export async function seed(db: Database): Promise<SeedResult> {
  const written = await db
    .insertInto("users")
    .values(
      demoUsers.map((u) => ({ ...u, password_hash: DEMO_PASSWORD_HASH, email_verified_at: new Date() })),
    )
    .onConflict((oc) =>
      oc
        .column("email")
        .doUpdateSet({ password_hash: DEMO_PASSWORD_HASH })
        .where("users.password_hash", "is", null),
    )
    .returning("id")
    .execute();
  return { accounts: written.length, tasks: await seedDemoOrganization(db) };
}
