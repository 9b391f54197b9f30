import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrations } from "../migrations/index.ts";
import {
  createMigration,
  MigrationNameError,
  migrationKeys,
  renderMigrationIndex,
} from "./create-migration.ts";

const migrationsDir = new URL("../migrations/", import.meta.url);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "plinth-migrations-"));
  await writeFile(join(dir, "20261122170000_create_users.ts"), "export async function up() {}\n");
  await writeFile(join(dir, "20261122180000_auth.ts"), "export async function up() {}\n");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("pnpm db migrate create", () => {
  it("writes a timestamped file and registers it, after every existing one", async () => {
    const created = createMigration(dir, "Add projects", new Date("2026-11-23T12:34:56Z"));
    expect(created.key).toBe("20261123123456_add_projects");
    expect(await readdir(dir)).toContain("20261123123456_add_projects.ts");
    const index = await readFile(join(dir, "index.ts"), "utf8");
    expect(index).toContain('import * as addProjects from "./20261123123456_add_projects.ts";');
    expect(index).toContain('"20261123123456_add_projects": addProjects,');
    expect(index.indexOf("20261122180000_auth")).toBeLessThan(index.indexOf("20261123123456_add_projects"));

    // The generated files are valid modules: the registry imports and exposes up/down.
    const registry = (await import(join(dir, "index.ts"))) as {
      migrations: Record<string, { up: unknown; down: unknown }>;
    };
    expect(Object.keys(registry.migrations)).toEqual(migrationKeys(dir));
    expect(typeof registry.migrations["20261123123456_add_projects"]?.up).toBe("function");
    expect(typeof registry.migrations["20261123123456_add_projects"]?.down).toBe("function");
  });

  it("sorts a new migration last even when the clock is behind the newest file", () => {
    const created = createMigration(dir, "late", new Date("2026-01-01T00:00:00Z"));
    expect(created.key).toBe("20261122180001_late");
  });

  it("refuses names that are not snake_case, and duplicates", () => {
    expect(() => createMigration(dir, "drop table users;")).toThrow(MigrationNameError);
    expect(() => createMigration(dir, "../escape")).toThrow(MigrationNameError);
    expect(() => createMigration(dir, "1st")).toThrow(MigrationNameError);
    expect(() => createMigration(dir, "auth")).toThrow(/already exists/);
  });

  it("keeps names that would not be valid bindings importable", async () => {
    createMigration(dir, "delete", new Date("2026-11-23T00:00:00Z"));
    createMigration(dir, "add_x_1", new Date("2026-11-23T00:00:01Z"));
    createMigration(dir, "add_x1", new Date("2026-11-23T00:00:02Z"));
    const registry = (await import(join(dir, "index.ts"))) as { migrations: Record<string, unknown> };
    expect(Object.keys(registry.migrations)).toHaveLength(5);
  });

  it("the checked-in registry is exactly what the generator writes", async () => {
    const keys = migrationKeys(migrationsDir.pathname);
    expect(Object.keys(migrations)).toEqual(keys);
    expect(await readFile(new URL("index.ts", migrationsDir), "utf8")).toBe(renderMigrationIndex(keys));
  });
});
