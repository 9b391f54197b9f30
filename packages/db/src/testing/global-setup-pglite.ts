import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { createDatabaseOverPglite, openPglite } from "../create-database.ts";
import { migrateToLatest } from "../migrator.ts";
import "./provided.ts";

/**
 * Migrates one in-memory PGlite per run and dumps it to a file; every test file restores its own copy from it
 * (about 1 s) instead of starting and migrating a fresh cluster (about 5 s).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const lite = openPglite();
  const db = createDatabaseOverPglite(lite);
  await migrateToLatest(db);
  const snapshot = await lite.dumpDataDir("none");
  await db.destroy();

  const snapshotPath = join(tmpdir(), `plinth-pglite-${process.pid}-${Date.now()}.tar`);
  await writeFile(snapshotPath, new Uint8Array(await snapshot.arrayBuffer()));
  project.provide("plinthDatabase", { driver: "pglite", snapshotPath });
  return async () => {
    await rm(snapshotPath, { force: true });
  };
}
