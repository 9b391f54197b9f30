/**
 * plinth against a raw node:http + pg baseline, on real PostgreSQL. See README.md for how to run it and what the
 * numbers mean. Progress goes to stderr; the result table goes to stdout and to results/latest.json.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual, parseArgs } from "node:util";
import autocannon, { type Request, type Result } from "autocannon";
import { type Fixtures, prepareDatabase } from "./database.ts";
import { benchDatabaseUrl } from "./env.ts";
import { assertAlive, type ServerProcess, startServer, stopServer } from "./servers.ts";

const benchDir = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = join(benchDir, "..");
const serverMain = join(repoRoot, "apps/server/dist/main.js");
/** The same pool size for both servers: plinth's default. */
const poolMax = 10;

const usage = `Usage: pnpm bench [options]

  --duration <s>     seconds per measured run (default 5)
  --rounds <n>       interleaved rounds; figures are medians across them (default 3)
  --warmup <s>       seconds of warm-up per server and workload before round 1 (default 2)
  --connections <n>  concurrent autocannon connections (default 50)
  --users <n>        seed the users table up to this many rows (default 10000)
  --skip-build       use apps/server/dist/main.js as it is instead of building it first

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/plinth_bench).`;

interface Settings {
  duration: number;
  rounds: number;
  warmup: number;
  connections: number;
  users: number;
  skipBuild: boolean;
}

function parseSettings(argv: string[]): Settings {
  // `pnpm bench -- --duration 10` passes the "--" through, and parseArgs would take everything after it for
  // positional arguments.
  const args = argv[0] === "--" ? argv.slice(1) : argv;
  const { values } = parseArgs({
    args,
    options: {
      duration: { type: "string", default: "5" },
      rounds: { type: "string", default: "3" },
      warmup: { type: "string", default: "2" },
      connections: { type: "string", default: "50" },
      users: { type: "string", default: "10000" },
      "skip-build": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const positive = (name: string, raw: string, min = 1): number => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min)
      throw new Error(`--${name} must be an integer >= ${min}, got ${raw}`);
    return n;
  };
  return {
    duration: positive("duration", values.duration),
    rounds: positive("rounds", values.rounds),
    warmup: positive("warmup", values.warmup, 0),
    connections: positive("connections", values.connections),
    users: positive("users", values.users, 100),
    skipBuild: values["skip-build"],
  };
}

type Target = "plinth" | "raw";

interface Workload {
  id: string;
  description: string;
  /** The request sequence each connection loops over, per target. Same rows, same order, for both. */
  paths: Record<Target, string[]>;
  /** Sent with every request of the workload, to both targets (the session's bearer token). */
  headers: Record<string, string>;
  /** The procedure's data in plinth's answer (tRPC's envelope or REST's), to compare with the baseline's. */
  data: (body: unknown) => unknown;
  /** For a REST workload: the tRPC workload it repeats, to report what REST adds over tRPC. */
  restOf?: string;
}

const trpc = (path: string, input?: unknown): string =>
  input === undefined
    ? `/trpc/${path}`
    : `/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

/** W3's two filters: open work (two of the four statuses) of one assignee. */
const w3Statuses = ["todo", "in_progress"];

/** REST's `{ data }`; a list's `{ data, meta.nextCursor }` back in the procedure's `{ items, nextCursor }` shape. */
const restData = (body: unknown): unknown => {
  const { data, meta } = body as { data?: unknown; meta?: { nextCursor: string | null } };
  if (data === undefined) throw new Error(`Not a REST answer: ${JSON.stringify(body).slice(0, 300)}`);
  return meta ? { items: data, nextCursor: meta.nextCursor } : data;
};

function workloads(fixtures: Fixtures): Workload[] {
  const signedIn = { authorization: `Bearer ${fixtures.sessionToken}` };
  const { organizationId, projectId, assigneeIds } = fixtures;
  return [
    {
      id: "W0",
      description: "no DB: health.live vs GET /live",
      paths: { plinth: [trpc("health.live")], raw: ["/live"] },
      headers: {},
      data: trpcData,
    },
    {
      id: "W1",
      description: `row by id, signed in: users.byId vs GET /users/:id (${fixtures.ids.length} ids in rotation)`,
      paths: {
        plinth: fixtures.ids.map((id) => trpc("users.byId", { id })),
        raw: fixtures.ids.map((id) => `/users/${id}`),
      },
      headers: signedIn,
      data: trpcData,
    },
    {
      id: "W2",
      description: `keyset page of 20, signed in: users.list vs GET /users?cursor= (${fixtures.cursors.length} mid-list cursors)`,
      paths: {
        plinth: fixtures.cursors.map((cursor) => trpc("users.list", { limit: 20, cursor })),
        raw: fixtures.cursors.map((cursor) => `/users?cursor=${encodeURIComponent(cursor)}`),
      },
      headers: signedIn,
      data: trpcData,
    },
    {
      id: "W3",
      description:
        `filtered task list, signed in: tasks.list vs GET /tasks (statuses ${w3Statuses.join("+")} and ` +
        `one of ${assigneeIds.length} assignees, newest first, page of 20, project of ${int(fixtures.taskCount)} tasks)`,
      paths: {
        plinth: assigneeIds.map((assignee) =>
          trpc("tasks.list", { organizationId, projectId, statuses: w3Statuses, assignee, limit: 20 }),
        ),
        raw: assigneeIds.map(
          (assignee) =>
            `/tasks?${new URLSearchParams({ org: organizationId, project: projectId, status: w3Statuses.join(","), assignee })}`,
        ),
      },
      headers: signedIn,
      data: trpcData,
    },
    // W1 and W3 again through plinth's REST adapter: the same procedures, plain JSON instead of superjson.
    {
      id: "W1r",
      description: "W1 over REST: GET /api/v1/users/{id} vs GET /users/:id",
      paths: {
        plinth: fixtures.ids.map((id) => `/api/v1/users/${id}`),
        raw: fixtures.ids.map((id) => `/users/${id}`),
      },
      headers: signedIn,
      data: restData,
      restOf: "W1",
    },
    {
      id: "W3r",
      description:
        "W3 over REST: GET /api/v1/organizations/{org}/projects/{project}/tasks?statuses=…&assignee=…",
      paths: {
        plinth: assigneeIds.map((assignee) => {
          const query = new URLSearchParams(
            w3Statuses.map((status): [string, string] => ["statuses", status]),
          );
          query.append("assignee", assignee);
          return `/api/v1/organizations/${organizationId}/projects/${projectId}/tasks?${query}`;
        }),
        raw: assigneeIds.map(
          (assignee) =>
            `/tasks?${new URLSearchParams({ org: organizationId, project: projectId, status: w3Statuses.join(","), assignee })}`,
        ),
      },
      headers: signedIn,
      data: restData,
      restOf: "W3",
    },
  ];
}

async function buildServer(skip: boolean): Promise<void> {
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

/** JSON body of a GET, failing on anything but 200. */
async function getJson(url: string, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

/** The procedure output inside tRPC's envelope; superjson's `json` half is plain JSON, as the baseline sends. */
function trpcData(body: unknown): unknown {
  const data = (body as { result?: { data?: { json?: unknown } } }).result?.data;
  if (data?.json === undefined) throw new Error(`Not a tRPC result: ${JSON.stringify(body).slice(0, 300)}`);
  return data.json;
}

/**
 * Before timing anything: every request of every workload must answer 200 on both servers, with the same data.
 * This is what makes the comparison one of equal work, and it catches a baseline that cuts corners.
 */
async function checkEquivalence(list: Workload[], plinth: ServerProcess, raw: ServerProcess): Promise<void> {
  for (const workload of list) {
    const { plinth: plinthPaths, raw: rawPaths } = workload.paths;
    for (let i = 0; i < plinthPaths.length; i++) {
      const a = workload.data(await getJson(`${plinth.baseUrl}${plinthPaths[i]}`, workload.headers));
      const b = await getJson(`${raw.baseUrl}${rawPaths[i]}`, workload.headers);
      if (!isDeepStrictEqual(a, b)) {
        throw new Error(
          `${workload.id}: plinth and raw disagree on request ${i}:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`,
        );
      }
    }
  }
  // A cursor that plinth itself handed out must work on the baseline too (same opaque format).
  const headers = list.find((w) => w.id === "W2")?.headers ?? {};
  const first = trpcData(await getJson(`${plinth.baseUrl}${trpc("users.list", { limit: 20 })}`, headers)) as {
    nextCursor: string | null;
  };
  if (!first.nextCursor) throw new Error("users.list returned no nextCursor on page 1");
  const a = trpcData(
    await getJson(`${plinth.baseUrl}${trpc("users.list", { limit: 20, cursor: first.nextCursor })}`, headers),
  );
  const b = await getJson(`${raw.baseUrl}/users?cursor=${encodeURIComponent(first.nextCursor)}`, headers);
  if (!isDeepStrictEqual(a, b)) throw new Error("plinth and raw disagree on page 2 of users.list");
}

interface RunStats {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
}

let current: ReturnType<typeof autocannon> | undefined;

async function load(
  server: ServerProcess,
  paths: string[],
  headers: Record<string, string>,
  connections: number,
  duration: number,
) {
  assertAlive(server);
  // Fresh request objects each run: autocannon caches the encoded request on them.
  const requests: Request[] = paths.map((path) => ({ method: "GET", path, headers }));
  const result = await new Promise<Result>((resolve, reject) => {
    current = autocannon({ url: server.baseUrl, connections, duration, requests }, (error, res) =>
      error ? reject(error) : resolve(res),
    );
  });
  current = undefined;
  assertAlive(server);
  return result;
}

/** A benchmark of error responses is worthless: any non-2xx, error or timeout fails the whole run. */
function assertClean(result: Result, label: string): RunStats {
  const bad = result.non2xx + result.errors + result.timeouts + result.mismatches;
  if (bad > 0 || result.requests.total === 0) {
    throw new Error(
      `${label}: ${result.requests.total} requests, non2xx=${result.non2xx} errors=${result.errors} ` +
        `timeouts=${result.timeouts} statusCodes=${JSON.stringify(result.statusCodeStats)}`,
    );
  }
  return {
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

const int = (n: number) => Math.round(n).toLocaleString("en-US");

async function main(): Promise<void> {
  const settings = parseSettings(process.argv.slice(2));
  const databaseUrl = benchDatabaseUrl();
  const fixtures = await prepareDatabase(databaseUrl, settings.users);
  await buildServer(settings.skipBuild);

  const common = { NODE_ENV: "production", DATABASE_URL: databaseUrl, DB_POOL_MAX: String(poolMax) };
  const servers: ServerProcess[] = [];
  const stopAll = () => Promise.all(servers.map((s) => stopServer(s)));
  process.once("SIGINT", () => {
    process.stderr.write("\ninterrupted; stopping servers\n");
    current?.stop();
    stopAll().finally(() => process.exit(130));
  });

  try {
    servers.push(
      await startServer({
        name: "plinth",
        command: process.execPath,
        // As `pnpm start` runs it. HOST keeps it on loopback; by default it binds every interface.
        args: ["--enable-source-maps", serverMain],
        cwd: repoRoot,
        // One load generator on one address would trip the per-IP limit at once; the limiter still runs on every
        // call (memory store), so its cost stays in the measurement.
        env: {
          ...common,
          HOST: "127.0.0.1",
          LOG_LEVEL: "warn",
          MIGRATE_ON_START: "false",
          RATE_LIMIT_STORE: "memory",
          RATE_LIMIT_GLOBAL_PER_MINUTE: "1000000000",
        },
        readyPath: "/readyz",
      }),
    );
    // tsx only transpiles at load; once running, the baseline is plain JavaScript like plinth's bundle.
    servers.push(
      await startServer({
        name: "raw",
        command: process.execPath,
        args: ["--import", "tsx", join(benchDir, "baseline.ts")],
        cwd: benchDir,
        env: common,
        readyPath: "/live",
      }),
    );
    const [plinth, raw] = servers as [ServerProcess, ServerProcess];
    const byTarget: Record<Target, ServerProcess> = { plinth, raw };

    const list = workloads(fixtures);
    process.stderr.write("checking that both servers answer every request with the same data ...\n");
    await checkEquivalence(list, plinth, raw);

    if (settings.warmup > 0) {
      for (const workload of list) {
        for (const target of ["plinth", "raw"] as const) {
          process.stderr.write(`warm-up ${workload.id} ${target} (${settings.warmup} s)\n`);
          const result = await load(
            byTarget[target],
            workload.paths[target],
            workload.headers,
            settings.connections,
            settings.warmup,
          );
          assertClean(result, `warm-up ${workload.id} ${target}`);
        }
      }
    }

    const runs = new Map<string, RunStats[]>();
    for (let round = 0; round < settings.rounds; round++) {
      // Alternate who goes first, so neither always runs on a cooler machine or a fresher PostgreSQL cache.
      const order: Target[] = round % 2 === 0 ? ["plinth", "raw"] : ["raw", "plinth"];
      for (const workload of list) {
        for (const target of order) {
          const label = `round ${round + 1}/${settings.rounds} ${workload.id} ${target}`;
          const stats = assertClean(
            await load(
              byTarget[target],
              workload.paths[target],
              workload.headers,
              settings.connections,
              settings.duration,
            ),
            label,
          );
          process.stderr.write(`${label}: ${int(stats.reqPerSec)} req/s, p99 ${stats.p99Ms} ms\n`);
          const key = `${workload.id}:${target}`;
          runs.set(key, [...(runs.get(key) ?? []), stats]);
        }
      }
    }

    const rows = list.map((workload) => {
      const summary = (target: Target) => {
        const rounds = runs.get(`${workload.id}:${target}`) ?? [];
        return {
          reqPerSec: median(rounds.map((r) => r.reqPerSec)),
          p99Ms: median(rounds.map((r) => r.p99Ms)),
          rounds,
        };
      };
      const p = summary("plinth");
      const r = summary("raw");
      // Each round ran plinth and raw back to back, so their ratio within a round cancels slow drift (another
      // process waking up, CPU frequency); the spread of those ratios says how far to trust the headline one.
      const roundRatios = p.rounds.map((pr, i) => pr.reqPerSec / (r.rounds[i]?.reqPerSec ?? Number.NaN));
      return {
        id: workload.id,
        description: workload.description,
        plinth: p,
        raw: r,
        ratio: p.reqPerSec / r.reqPerSec,
        roundRatios,
      };
    });

    const cpus = os.cpus();
    const report = {
      date: new Date().toISOString(),
      machine: {
        cpuModel: cpus[0]?.model.trim() ?? "unknown",
        cores: cpus.length,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        platform: `${os.platform()} ${os.release()}`,
        node: process.version,
        postgres: fixtures.postgresVersion,
      },
      settings: { ...settings, poolMax, users: fixtures.userCount },
      workloads: rows,
    };

    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(9) : c.padStart(13))).join(" ");
    const out = [
      "",
      `plinth vs raw node:http + pg — ${report.date}`,
      `${report.machine.cpuModel}, ${report.machine.cores} cores, ${report.machine.memoryGiB} GiB; ` +
        `Node ${report.machine.node}; PostgreSQL ${report.machine.postgres}`,
      `${settings.connections} connections, pool ${poolMax} each, ${fixtures.userCount} users; ` +
        `${settings.rounds} interleaved rounds × ${settings.duration} s per server; medians across rounds`,
      "plinth/raw = median plinth req/s ÷ median raw req/s; round ratios = lowest–highest of the per-round ratios",
      "",
      line(["workload", "plinth req/s", "plinth p99", "raw req/s", "raw p99", "plinth/raw", "round ratios"]),
      ...rows.map((row) =>
        line([
          row.id,
          int(row.plinth.reqPerSec),
          `${row.plinth.p99Ms} ms`,
          int(row.raw.reqPerSec),
          `${row.raw.p99Ms} ms`,
          row.ratio.toFixed(2),
          `${Math.min(...row.roundRatios).toFixed(2)}–${Math.max(...row.roundRatios).toFixed(2)}`,
        ]),
      ),
      "",
      ...rows.flatMap((row) => {
        const rest = list.find((w) => w.id === row.id)?.restOf;
        const trpcRow = rows.find((r) => r.id === rest);
        return trpcRow
          ? [
              `${row.id}/${trpcRow.id} (REST ÷ tRPC, req/s): ${(row.plinth.reqPerSec / trpcRow.plinth.reqPerSec).toFixed(2)}`,
            ]
          : [];
      }),
      "",
      ...list.map((w) => `${w.id}: ${w.description}`),
      "",
    ];
    console.log(out.join("\n"));

    const resultsDir = join(benchDir, "results");
    await mkdir(resultsDir, { recursive: true });
    await writeFile(join(resultsDir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
    process.stderr.write(`wrote ${join(resultsDir, "latest.json")}\n`);
  } finally {
    await stopAll();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("bench failed:", error);
    // Give the finally blocks' SIGTERMs their bounded time; exit regardless.
    sleep(100).then(() => process.exit(1));
  },
);
