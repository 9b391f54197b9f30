/** Starting the servers under test, and proving they do the same work before anything is timed. */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { build } from "esbuild";
import type { TaskTemplates } from "./baseline-tasks.ts";
import { benchRedisUrl } from "./env.ts";
import type { RateLimitStore } from "./options.ts";
import { type ServerProcess, startServer } from "./servers.ts";
import { trpc, trpcData, type Workload } from "./workloads.ts";

const benchDir = fileURLToPath(new URL(".", import.meta.url));
export const repoRoot = join(benchDir, "..");
const serverMain = join(repoRoot, "apps/server/dist/main.js");
/** The same pool size for every server: plinth's default. */
export const poolMax = 10;

export async function buildServer(skip: boolean): Promise<void> {
  if (!skip) {
    process.stderr.write("building @plinth/server ...\n");
    // The build's output goes to stderr (fd 2) so stdout carries only the result table.
    const child = spawn("pnpm", ["--filter", "@plinth/server", "build"], {
      cwd: repoRoot,
      stdio: ["ignore", 2, 2],
    });
    const [code] = (await once(child, "exit")) as [number | null];
    if (code !== 0) throw new Error(`pnpm --filter @plinth/server build failed (exit ${code})`);
  }
  if (!existsSync(serverMain)) throw new Error(`${serverMain} does not exist; build the server first`);
}

/**
 * The rate-limit store as production picks it (ADR 008): PostgreSQL when DATABASE_URL is set, Redis when REDIS_URL
 * is set too. `memory` is the one setting only a single process may use; it is here to show what the others cost.
 * A REDIS_URL or RATE_LIMIT_STORE in the bench's own environment is never passed on.
 */
export function storeEnv(store: RateLimitStore): Record<string, string | undefined> {
  if (store === "redis") return { REDIS_URL: benchRedisUrl(), RATE_LIMIT_STORE: undefined };
  if (store === "memory") return { REDIS_URL: undefined, RATE_LIMIT_STORE: "memory" };
  return { REDIS_URL: undefined, RATE_LIMIT_STORE: undefined };
}

export function startPlinth(
  name: string,
  databaseUrl: string,
  store: RateLimitStore,
  extraEnv: Record<string, string> = {},
): Promise<ServerProcess> {
  return startServer({
    name,
    command: process.execPath,
    // As `pnpm start` runs it. HOST keeps it on loopback; by default it binds every interface.
    args: ["--enable-source-maps", serverMain],
    cwd: repoRoot,
    env: {
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      DB_POOL_MAX: String(poolMax),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      MIGRATE_ON_START: "false",
      ...storeEnv(store),
      // One load generator on one address would trip the per-IP limit at once. This is the documented setting
      // (not a different store): the limiter still counts every call.
      RATE_LIMIT_GLOBAL_PER_MINUTE: "1000000000",
      ...extraEnv,
    },
    readyPath: "/readyz",
  });
}

const baselineMain = join(benchDir, "dist/baseline.js");

/**
 * Bundles baseline.ts into plain JavaScript, as plinth's server is, so the baseline runs on bare `node`: no tsx
 * loader and no @plinth/db in its process (together about 90 MiB of RSS that plinth's bundle does not carry).
 * npm packages (pg) stay external and load from bench/node_modules.
 */
export async function buildBaseline(): Promise<void> {
  await build({
    entryPoints: [join(benchDir, "baseline.ts")],
    outfile: baselineMain,
    bundle: true,
    packages: "external",
    platform: "node",
    target: "node20",
    format: "esm",
    logLevel: "warning",
  });
}

/** The raw baseline, or with `prepared` the raw-prepared one (named prepared statements). */
export function startBaseline(
  name: string,
  databaseUrl: string,
  prepared: boolean,
  templates: TaskTemplates,
): Promise<ServerProcess> {
  return startServer({
    name,
    command: process.execPath,
    args: [baselineMain],
    cwd: benchDir,
    env: {
      DATABASE_URL: databaseUrl,
      DB_POOL_MAX: String(poolMax),
      BASELINE_PREPARED: String(prepared),
      BASELINE_TASK_TEMPLATES: JSON.stringify(templates),
    },
    readyPath: "/live",
  });
}

/** JSON body of a GET, failing on anything but 200. */
async function getJson(url: string, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

/**
 * Before timing anything: every request of every workload must answer 200 on every server, with the same data.
 * This is what makes the comparison one of equal work, and it catches a baseline that cuts corners (the
 * prepared one included: same SQL, same rows).
 */
export async function checkEquivalence(
  list: Workload[],
  plinth: ServerProcess,
  baselines: ServerProcess[],
): Promise<void> {
  for (const workload of list) {
    const { plinth: plinthPaths, raw: rawPaths } = workload.paths;
    for (let i = 0; i < plinthPaths.length; i++) {
      const a = workload.data(await getJson(`${plinth.baseUrl}${plinthPaths[i]}`, workload.headers));
      for (const baseline of baselines) {
        const b = await getJson(`${baseline.baseUrl}${rawPaths[i]}`, workload.headers);
        if (!isDeepStrictEqual(a, b)) {
          throw new Error(
            `${workload.id}: plinth and ${baseline.name} disagree on request ${i}:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`,
          );
        }
      }
    }
  }
  // A cursor that plinth itself handed out must work on the baselines too (same opaque format).
  const headers = list.find((w) => w.id === "W2")?.headers;
  if (!headers) return;
  const first = trpcData(await getJson(`${plinth.baseUrl}${trpc("users.list", { limit: 20 })}`, headers)) as {
    nextCursor: string | null;
  };
  if (!first.nextCursor) throw new Error("users.list returned no nextCursor on page 1");
  const a = trpcData(
    await getJson(`${plinth.baseUrl}${trpc("users.list", { limit: 20, cursor: first.nextCursor })}`, headers),
  );
  for (const baseline of baselines) {
    const b = await getJson(
      `${baseline.baseUrl}/users?cursor=${encodeURIComponent(first.nextCursor)}`,
      headers,
    );
    if (!isDeepStrictEqual(a, b))
      throw new Error(`plinth and ${baseline.name} disagree on page 2 of users.list`);
  }
}
