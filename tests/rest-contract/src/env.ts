/** The one place this package reads process.env (Biome allows it only in files named env.ts). */

/** PostgreSQL to run the server on as well as the embedded database; the suite runs once per engine. */
export const testDatabaseUrl: string | undefined = process.env.TEST_DATABASE_URL?.trim() || undefined;
