import type { Migration } from "kysely";
import * as createUsersAndSessions from "./20261122170000_create_users_and_sessions.ts";
import * as auth from "./20261122180000_auth.ts";
import * as jobs from "./20261123120000_jobs.ts";

/**
 * Every migration, by name. Listed by hand rather than read from disk so the server bundle carries them;
 * `migrations.test.ts` fails if a file in this folder is missing here.
 */
export const migrations: Record<string, Migration> = {
  "20261122170000_create_users_and_sessions": createUsersAndSessions,
  "20261122180000_auth": auth,
  "20261123120000_jobs": jobs,
};
