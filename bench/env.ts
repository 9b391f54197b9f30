/**
 * The only file in bench/ that reads `process.env` (Biome's noProcessEnv allows it here). Everything else gets
 * its configuration from these functions, so what the benchmark depends on is listed in one place.
 */

export const defaultBenchDatabaseUrl = "postgres://postgres@127.0.0.1:5432/plinth_bench";

/** The PostgreSQL database the benchmark seeds and both servers query. Created if missing. */
export function benchDatabaseUrl(): string {
  return process.env.BENCH_DATABASE_URL || defaultBenchDatabaseUrl;
}

export const defaultBenchRedisUrl = "redis://127.0.0.1:6379";

/** The Redis server for `--rate-limit-store redis` (plinth then picks Redis because REDIS_URL is set). */
export function benchRedisUrl(): string {
  return process.env.BENCH_REDIS_URL || defaultBenchRedisUrl;
}

/**
 * The environment for a child server: ours (PATH and the like) plus `overrides`. Variables that would change how
 * plinth runs (a developer's DATABASE_URL, LOG_LEVEL, ...) are replaced by the overrides, never inherited; an
 * override of `undefined` removes the variable (a REDIS_URL in the bench's shell must not pick plinth's store).
 */
export function childEnv(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...overrides };
  for (const [name, value] of Object.entries(overrides)) if (value === undefined) delete env[name];
  return env;
}

export interface BaselineEnv {
  port: number;
  databaseUrl: string;
  poolMax: number;
  /** Run every statement as a named prepared statement (pg's `{ name, text, values }`): the raw-prepared baseline. */
  prepared: boolean;
  /** JSON of bench/task-templates.ts' TaskTemplates: W3's statement, compiled by the bench process. */
  taskTemplates: string;
}

/** What `baseline.ts` runs with; `run.ts` sets these when it starts it. */
export function readBaselineEnv(): BaselineEnv {
  const port = Number(process.env.PORT);
  const databaseUrl = process.env.DATABASE_URL;
  const poolMax = Number(process.env.DB_POOL_MAX ?? "10");
  if (!Number.isInteger(port) || port <= 0) throw new Error("baseline: PORT must be a port number");
  if (!databaseUrl) throw new Error("baseline: DATABASE_URL is required");
  if (!Number.isInteger(poolMax) || poolMax <= 0) throw new Error("baseline: DB_POOL_MAX must be > 0");
  const prepared = process.env.BASELINE_PREPARED === "true";
  const taskTemplates = process.env.BASELINE_TASK_TEMPLATES;
  if (!taskTemplates) throw new Error("baseline: BASELINE_TASK_TEMPLATES is required");
  return { port, databaseUrl, poolMax, prepared, taskTemplates };
}
