import type { TestProject } from "vitest/node";
import { createDatabase } from "../create-database.ts";
import { readDbEnv } from "../env.ts";
import { migrateToLatest } from "../migrator.ts";
import { quoteIdent, withAdmin, withDatabase } from "./postgres-admin.ts";
import "./provided.ts";

/**
 * Builds a migrated template database once per run; each test file then gets `CREATE DATABASE … TEMPLATE` of
 * it, a file-level copy that takes a fraction of a second. Names carry the pid so packages testing in parallel
 * never share one.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const adminUrl = readDbEnv().TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set, so the postgres test project cannot run");
  const template = `plinth_tpl_${process.pid}_${Date.now().toString(36)}`;

  await withAdmin(adminUrl, (admin) => admin.query(`create database ${quoteIdent(template)}`));
  const db = createDatabase({
    connectionString: withDatabase(adminUrl, template),
    pool: { max: 1 },
  });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }

  project.provide("plinthDatabase", { driver: "postgres", adminUrl, template });
  return async () => {
    await withAdmin(adminUrl, async (admin) => {
      const leftovers = await admin.query<{ datname: string }>(
        "select datname from pg_database where datname like $1",
        [`${template}%`],
      );
      for (const { datname } of leftovers.rows) {
        await admin.query(`drop database if exists ${quoteIdent(datname)} with (force)`);
      }
    });
  };
}
