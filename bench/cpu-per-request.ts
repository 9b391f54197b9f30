/**
 * Server CPU per request, for comparing builds of plinth's server on the workloads whose answers carry rows
 * (docs/decisions/020-fast-superjson-outputs.md). Each `--main` is a built server entry (e.g. a copy of
 * apps/server/dist made from another commit, kept beside it as apps/server/dist-before so its imports resolve).
 * Rounds interleave the servers; each sends a fixed number of requests and reads the server process's CPU time
 * (utime + stime from /proc, so Linux only) before and after. CPU per request is far less sensitive to a busy
 * machine than requests per second, though cache and frequency effects remain: compare within one run.
 *
 *   pnpm --filter @plinth/bench exec tsx cpu-per-request.ts --main ../apps/server/dist-before/main.js \
 *     --main ../apps/server/dist/main.js [--requests 20000] [--rounds 3] [--connections 10] [--only W2]
 *
 * A `--main` may carry Node flags after the path, separated by spaces (`--main "../apps/server/dist/main.js
 * --max-semi-space-size=4"`), to compare runtime settings on one build. `--raw` adds the raw baseline (plain
 * node:http + pg, as in `pnpm bench`) to the rounds, so a build's cost can be read as a ratio to raw's in one run.
 * The summary gives each server's peak RSS.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon, { type Request, type Result } from "autocannon";
import { cpuMicros, memory } from "./cpu.ts";
import { prepareDatabase } from "./database.ts";
import { benchDatabaseUrl } from "./env.ts";
import type { RateLimitStore } from "./options.ts";
import { type ServerProcess, startServer, stopServer } from "./servers.ts";
import { buildBaseline, startBaseline, storeEnv } from "./targets.ts";
import { compileTaskListTemplates } from "./task-templates.ts";
import { workloads } from "./workloads.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    main: { type: "string", multiple: true },
    requests: { type: "string", default: "20000" },
    rounds: { type: "string", default: "3" },
    connections: { type: "string", default: "10" },
    /** Workload ids to run (pnpm bench's: W0, W1, W2, W3, W1r, W3r); all of them when not given. */
    only: { type: "string", multiple: true },
    /** Also run the raw baseline on each workload. */
    raw: { type: "boolean", default: false },
    /** plinth's rate-limit store, as in pnpm bench (postgres is production's default without REDIS_URL). */
    store: { type: "string", default: "memory" },
  },
});
const mains = (values.main ?? []).map((spec) => {
  const [path = "", ...flags] = spec.split(" ").filter(Boolean);
  return { path: resolve(path), flags };
});
if (mains.length === 0) throw new Error("give at least one --main path to a built server");
const rawName = "raw";
const stores: readonly string[] = ["postgres", "redis", "memory"];
if (!stores.includes(values.store)) throw new Error(`--store is one of ${stores.join(", ")}`);
const requests = Number(values.requests);
const rounds = Number(values.rounds);
const connections = Number(values.connections);

async function measure(
  server: ServerProcess,
  paths: string[],
  headers: Record<string, string>,
  amount: number,
) {
  const pid = server.child.pid as number;
  const list: Request[] = paths.map((path) => ({ method: "GET", path, headers }));
  const before = cpuMicros(pid);
  const result = await new Promise<Result>((done, fail) => {
    autocannon({ url: server.baseUrl, connections, amount, requests: list }, (error, res) =>
      error ? fail(error) : done(res),
    );
  });
  const after = cpuMicros(pid);
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) throw new Error(`${server.name}: ${bad} failed requests`);
  return { cpuPerRequest: (after - before) / result.requests.total, reqPerSec: result.requests.average };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main() {
  const databaseUrl = benchDatabaseUrl();
  const fixtures = await prepareDatabase(databaseUrl, 10_000);
  // pnpm bench's own workloads (workloads.ts): the same requests, so the two tools measure the same thing.
  const all = workloads(fixtures);
  const chosen = all.filter((w) => !values.only || values.only.includes(w.id));
  if (chosen.length === 0)
    throw new Error(`--only matched no workload (have ${all.map((w) => w.id).join(",")})`);
  const servers: ServerProcess[] = [];
  try {
    for (const [i, main] of mains.entries()) {
      servers.push(
        await startServer({
          name: `server${i}`,
          command: process.execPath,
          args: ["--enable-source-maps", ...main.flags, main.path],
          cwd: resolve(main.path, "../../../.."),
          // As run.ts starts plinth.
          env: {
            NODE_ENV: "production",
            DATABASE_URL: databaseUrl,
            DB_POOL_MAX: "10",
            HOST: "127.0.0.1",
            LOG_LEVEL: "warn",
            MIGRATE_ON_START: "false",
            ...storeEnv(values.store as RateLimitStore),
            RATE_LIMIT_GLOBAL_PER_MINUTE: "1000000000",
          },
          readyPath: "/readyz",
        }),
      );
    }
    if (values.raw) {
      await buildBaseline();
      servers.push(
        await startBaseline(rawName, databaseUrl, false, await compileTaskListTemplates(databaseUrl)),
      );
    }
    const results = new Map<string, { cpu: number[]; rps: number[] }>();
    for (const { id, paths, headers } of chosen) {
      const pathsOf = (server: ServerProcess) => (server.name === rawName ? paths.raw : paths.plinth);
      for (const server of servers) await measure(server, pathsOf(server), headers, Math.min(2000, requests)); // warm-up
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 ? [...servers].reverse() : servers;
        for (const server of order) {
          const { cpuPerRequest, reqPerSec } = await measure(server, pathsOf(server), headers, requests);
          const key = `${id} ${server.name}`;
          const entry = results.get(key) ?? { cpu: [], rps: [] };
          entry.cpu.push(cpuPerRequest);
          entry.rps.push(reqPerSec);
          results.set(key, entry);
          process.stderr.write(`${key} round ${round + 1}: ${cpuPerRequest.toFixed(0)} µs CPU/request\n`);
        }
      }
    }
    console.log(`\n${requests} requests per round, ${rounds} rounds, ${connections} connections; medians`);
    for (const [i, server] of servers.entries()) {
      const main = mains[i];
      const what = main ? [main.path, ...main.flags].join(" ") : "raw baseline (node:http + pg)";
      const peak = memory(server.child.pid as number).peakKiB / 1024;
      console.log(`  ${server.name}: ${what}; peak RSS ${peak.toFixed(0)} MiB`);
    }
    for (const [key, { cpu, rps }] of results) {
      console.log(
        `  ${key.padEnd(12)} ${median(cpu).toFixed(0).padStart(5)} µs CPU/request  (all: ${cpu.map((c) => c.toFixed(0)).join(", ")})  ${median(rps).toFixed(0)} req/s`,
      );
    }
  } finally {
    await Promise.all(servers.map((server) => stopServer(server)));
  }
}

await main();
