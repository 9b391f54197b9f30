/**
 * The only file in bench/ that reads `process.env` (Biome's noProcessEnv allows it here). Everything else gets
 * its configuration from these functions, so what the benchmark depends on is listed in one place.
 */

export const defaultBenchDatabaseUrl = "postgres://postgres@127.0.0.1:5432/plinth_bench";

/** The PostgreSQL database the benchmark seeds and both servers query. Created if missing. */
export function benchDatabaseUrl(): string {
  return process.env.BENCH_DATABASE_URL || defaultBenchDatabaseUrl;
}

/**
 * The environment for a child server: ours (PATH and the like) plus `overrides`. Variables that would change how
 * plinth runs (a developer's DATABASE_URL, LOG_LEVEL, ...) are replaced by the overrides, never inherited.
 */
export function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

export interface BaselineEnv {
  port: number;
  databaseUrl: string;
  poolMax: number;
}

/** What `baseline.ts` runs with; `run.ts` sets these when it starts it. */
export function readBaselineEnv(): BaselineEnv {
  const port = Number(process.env.PORT);
  const databaseUrl = process.env.DATABASE_URL;
  const poolMax = Number(process.env.DB_POOL_MAX ?? "10");
  if (!Number.isInteger(port) || port <= 0) throw new Error("baseline: PORT must be a port number");
  if (!databaseUrl) throw new Error("baseline: DATABASE_URL is required");
  if (!Number.isInteger(poolMax) || poolMax <= 0) throw new Error("baseline: DB_POOL_MAX must be > 0");
  return { port, databaseUrl, poolMax };
}
