import { readdir } from "node:fs/promises";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrations } from "./migrations/index.ts";
import { migrateDown, migrateToLatest, migrationStatus } from "./migrator.ts";
import { useTestDatabase } from "./testing/index.ts";

const t = useTestDatabase();
const allTables = [
  "audit_log",
  "comments",
  "email_outbox",
  "invitations",
  "jobs",
  "known_devices",
  "memberships",
  "organizations",
  "projects",
  "sessions",
  "tasks",
  "user_tokens",
  "users",
];

describe("migrations", () => {
  it("registers every migration file in the folder, in name order", async () => {
    const files = (await readdir(new URL("./migrations/", import.meta.url)))
      .filter((f) => /^\d{14}_.+\.ts$/.test(f) && !f.endsWith(".test.ts"))
      .map((f) => f.replace(/\.ts$/, ""))
      .sort();
    expect(files.length).toBeGreaterThan(0);
    expect(Object.keys(migrations).sort()).toEqual(files);
  });

  it("leaves nothing pending after the harness migrated", async () => {
    const status = await migrationStatus(t.db);
    expect(status.map((m) => m.name)).toEqual(Object.keys(migrations).sort());
    expect(status.every((m) => m.executedAt instanceof Date)).toBe(true);
  });

  it("runs every migration down and back up", async () => {
    const tables = async () =>
      (
        await sql<{ table_name: string }>`
          select table_name from information_schema.tables
          where table_schema = current_schema() and table_name in ('users', 'sessions', 'user_tokens', 'email_outbox', 'audit_log', 'known_devices', 'jobs',
            'organizations', 'memberships', 'invitations', 'projects', 'tasks', 'comments')
          order by table_name`.execute(t.db)
      ).rows.map((r) => r.table_name);

    expect(await tables()).toEqual(allTables);
    for (let i = 0; i < Object.keys(migrations).length; i++) await migrateDown(t.db);
    expect(await tables()).toEqual([]);
    expect((await migrationStatus(t.db)).every((m) => m.executedAt === null)).toBe(true);

    const applied = await migrateToLatest(t.db);
    expect(applied).toEqual(Object.keys(migrations).sort());
    expect(await tables()).toEqual(allTables);
    expect(await migrateToLatest(t.db)).toEqual([]);
  });
});
