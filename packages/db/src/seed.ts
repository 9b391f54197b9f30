import type { Database } from "./create-database.ts";

const demoUsers = [
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

/**
 * Demo data for development. Idempotent: running it twice changes nothing. The accounts have no password, so
 * nobody can sign in as them until they reset it.
 */
export async function seed(db: Database): Promise<number> {
  const inserted = await db
    .insertInto("users")
    .values(demoUsers.map((u) => ({ ...u, email_verified_at: new Date() })))
    .onConflict((oc) => oc.column("email").doNothing())
    .returning("id")
    .execute();
  return inserted.length;
}
