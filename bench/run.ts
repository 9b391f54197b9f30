/**
 * plinth against two baselines on real PostgreSQL: raw node:http + pg, and the same with named prepared statements
 * (the single-process limit). See README.md for how to run it and what the numbers mean. Progress goes to stderr;
 * the result tables go to stdout and to results/latest.json.
 */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { memory } from "./cpu.ts";
import { prepareDatabase } from "./database.ts";
import { benchDatabaseUrl } from "./env.ts";
import type { Run } from "./extras.ts";
import { growthAgainst1M } from "./growth.ts";
import { int, measure, type PgProbe, type RunStats, stopLoad } from "./measure.ts";
import { parseSettings } from "./options.ts";
import { type Report, render } from "./render.ts";
import { row } from "./report.ts";
import { type ServerProcess, stopServer } from "./servers.ts";
import { soak } from "./soak.ts";
import { stormOnItsOwnPlinth } from "./storm-run.ts";
import {
  buildBaseline,
  buildServer,
  checkEquivalence,
  poolMax,
  repoRoot,
  startBaseline,
  startPlinth,
} from "./targets.ts";
import { compileTaskListTemplates } from "./task-templates.ts";
import { pathsFor, type Target, targets, type Workload, workloads } from "./workloads.ts";

/** `--growth`'s second database: the main one's name + `_1m`, this many users. Seeded once, then reused. */
const growthUsers = 1_000_000;
const log = (message: string) => process.stderr.write(`${message}\n`);
const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

function growthDatabaseUrl(url: string): string {
  const u = new URL(url);
  u.pathname = `/${databaseName(url)}_1m`;
  return u.toString();
}

async function main(): Promise<void> {
  const settings = parseSettings(process.argv.slice(2));
  const databaseUrl = benchDatabaseUrl();
  const fixtures = await prepareDatabase(databaseUrl, settings.users);
  const growthUrl = growthDatabaseUrl(databaseUrl);
  const growthFixtures = settings.growth ? await prepareDatabase(growthUrl, growthUsers) : undefined;
  await buildServer(settings.skipBuild);
  await buildBaseline();
  const templates = await compileTaskListTemplates(databaseUrl);

  const servers: ServerProcess[] = [];
  const probeClient = new pg.Client({
    connectionString: databaseUrl,
    application_name: "plinth-bench-probe",
  });
  await probeClient.connect();
  const probe: PgProbe = { client: probeClient };
  const stopAll = () => Promise.all(servers.map((s) => stopServer(s)));
  process.once("SIGINT", () => {
    process.stderr.write("\ninterrupted; stopping servers\n");
    stopLoad();
    stopAll().finally(() => process.exit(130));
  });

  const start = async (server: Promise<ServerProcess>) => {
    const s = await server;
    servers.push(s);
    return s;
  };
  try {
    const byTarget: Record<Target, ServerProcess> = {
      plinth: await start(startPlinth("plinth", databaseUrl, settings.rateLimitStore)),
      raw: await start(startBaseline("raw", databaseUrl, false, templates)),
      rawp: await start(startBaseline("rawp", databaseUrl, true, templates)),
    };
    const all = workloads(fixtures);
    const chosen = settings.only ? all.filter((w) => settings.only?.includes(w.id)) : all;
    // Each REST workload runs right after its tRPC twin in every round, so REST ÷ tRPC compares runs a minute
    // apart at most, not ones separated by the other workloads while the machine drifts.
    const list = chosen
      .filter((w) => !w.restOf || !chosen.some((t) => t.id === w.restOf))
      .flatMap((w) => [w, ...chosen.filter((r) => r.restOf === w.id)]);
    if (list.length === 0)
      throw new Error(`--only matched no workload (have ${all.map((w) => w.id).join(",")})`);
    const byId = (id: string) => {
      const w = all.find((x) => x.id === id);
      if (!w) throw new Error(`no workload ${id}`);
      return w;
    };
    log("checking that every server answers every request with the same data ...");
    await checkEquivalence(all, byTarget.plinth, [byTarget.raw, byTarget.rawp]);

    const run: Run = {
      connections: settings.connections,
      duration: settings.duration,
      rounds: settings.rounds,
      probe,
    };
    const once = (workload: Workload, target: Target, duration: number, label: string) =>
      measure(
        byTarget[target],
        {
          paths: pathsFor(workload, target),
          headers: workload.headers,
          connections: settings.connections,
          duration,
        },
        label,
        probe,
      );

    if (settings.warmup > 0) {
      for (const workload of list) {
        for (const target of targets) {
          log(`warm-up ${workload.id} ${target} (${settings.warmup} s)`);
          await once(workload, target, settings.warmup, `warm-up ${workload.id} ${target}`);
        }
      }
    }

    const runs = new Map<string, RunStats[]>();
    for (let round = 0; round < settings.rounds; round++) {
      // Rotate who goes first, so no target always runs on a cooler machine or a fresher PostgreSQL cache.
      const order = targets.map((_, i) => targets[(i + round) % targets.length] as Target);
      for (const workload of list) {
        for (const target of order) {
          const label = `round ${round + 1}/${settings.rounds} ${workload.id} ${target}`;
          const stats = await once(workload, target, settings.duration, label);
          log(
            `${label}: ${int(stats.reqPerSec)} req/s, p99 ${stats.p99Ms.toFixed(2)} ms, ${stats.cpuUsPerReq.toFixed(0)} µs/req`,
          );
          const key = `${workload.id}:${target}`;
          runs.set(key, [...(runs.get(key) ?? []), stats]);
        }
      }
    }
    const rows = list.map((w) =>
      row(w.id, w.description, w.restOf, {
        plinth: runs.get(`${w.id}:plinth`) ?? [],
        raw: runs.get(`${w.id}:raw`) ?? [],
        rawp: runs.get(`${w.id}:rawp`) ?? [],
      }),
    );

    const extras = { run, warmup: Math.max(settings.warmup, 1), store: settings.rateLimitStore, start };
    const storm = settings.loginStorm
      ? await stormOnItsOwnPlinth(databaseUrl, byId("W1"), extras)
      : undefined;
    const growthResult = growthFixtures
      ? await growthAgainst1M(
          growthUrl,
          growthFixtures,
          templates,
          { ...byTarget, users: fixtures.userCount },
          byId("W2"),
          extras,
        )
      : undefined;

    const soakResult =
      settings.soak > 0 ? await soak(byTarget.plinth, byId("W1"), byId("W3"), settings.soak, run) : undefined;

    const peakKiB = Object.fromEntries(
      targets.map((t) => [t, memory(byTarget[t].child.pid ?? 0).peakKiB]),
    ) as Record<Target, number>;

    const cpus = os.cpus();
    const report: Report = {
      date: new Date().toISOString(),
      machine: {
        cpuModel: cpus[0]?.model.trim() ?? "unknown",
        cores: cpus.length,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        platform: `${os.platform()} ${os.release()}`,
        node: process.version,
        postgres: fixtures.postgresVersion,
        loadAverage: os.loadavg(),
      },
      settings: { ...settings, poolMax, users: fixtures.userCount },
      workloads: rows,
      peakRssKiB: peakKiB,
      loginStorm: storm,
      growth: growthResult,
      soak: soakResult,
    };
    console.log(render(report, list).join("\n"));

    const resultsDir = join(repoRoot, "bench", "results");
    await mkdir(resultsDir, { recursive: true });
    await writeFile(join(resultsDir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
    log(`wrote ${join(resultsDir, "latest.json")}`);
  } finally {
    await stopAll();
    await probeClient.end();
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
