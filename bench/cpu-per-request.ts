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
 * --max-semi-space-size=4"`), to compare runtime settings on one build. The summary gives each server's peak RSS.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon, { type Request, type Result } from "autocannon";
import { cpuMicros, memory } from "./cpu.ts";
import { prepareDatabase } from "./database.ts";
import { benchDatabaseUrl } from "./env.ts";
import { type ServerProcess, startServer, stopServer } from "./servers.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    main: { type: "string", multiple: true },
    requests: { type: "string", default: "20000" },
    rounds: { type: "string", default: "3" },
    connections: { type: "string", default: "10" },
    /** Workload ids to run (W0, W2, W3); all of them when not given. */
    only: { type: "string", multiple: true },
  },
});
const mains = (values.main ?? []).map((spec) => {
  const [path = "", ...flags] = spec.split(" ").filter(Boolean);
  return { path: resolve(path), flags };
});
if (mains.length === 0) throw new Error("give at least one --main path to a built server");
const requests = Number(values.requests);
const rounds = Number(values.rounds);
const connections = Number(values.connections);

const trpc = (path: string, input: unknown): string =>
  `/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

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
  const signedIn = { authorization: `Bearer ${fixtures.sessionToken}` };
  const { organizationId, projectId, assigneeIds } = fixtures;
  // As in workloads.ts: W0 is anonymous (a signed-in W0 would measure the session lookup, not the shell).
  const all: Record<string, { paths: string[]; headers: Record<string, string> }> = {
    W0: { paths: ["/trpc/health.live"], headers: {} },
    W2: {
      paths: fixtures.cursors.map((cursor) => trpc("users.list", { limit: 20, cursor })),
      headers: signedIn,
    },
    W3: {
      paths: assigneeIds.map((assignee) =>
        trpc("tasks.list", {
          organizationId,
          projectId,
          statuses: ["todo", "in_progress"],
          assignee,
          limit: 20,
        }),
      ),
      headers: signedIn,
    },
  };
  const workloads = Object.entries(all).filter(([id]) => !values.only || values.only.includes(id));
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
            RATE_LIMIT_STORE: "memory",
            RATE_LIMIT_GLOBAL_PER_MINUTE: "1000000000",
          },
          readyPath: "/readyz",
        }),
      );
    }
    const results = new Map<string, { cpu: number[]; rps: number[] }>();
    for (const [id, { paths, headers }] of workloads) {
      for (const server of servers) await measure(server, paths, headers, Math.min(2000, requests)); // warm-up
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 ? [...servers].reverse() : servers;
        for (const server of order) {
          const { cpuPerRequest, reqPerSec } = await measure(server, paths, headers, requests);
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
    for (const [i, main] of mains.entries()) {
      const peak = memory(servers[i]?.child.pid as number).peakKiB / 1024;
      console.log(`  server${i}: ${[main.path, ...main.flags].join(" ")}; peak RSS ${peak.toFixed(0)} MiB`);
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
