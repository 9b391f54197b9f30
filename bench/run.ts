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
import {
  type GrowthResult,
  growth,
  loginStorm,
  type Run,
  type SoakResult,
  type StormResult,
  soak,
  stormRate,
} from "./extras.ts";
import { int, measure, median, type PgProbe, type RunStats, stopLoad } from "./measure.ts";
import { parseSettings, type Settings } from "./options.ts";
import { cpuTable, latencyTable, mib, restLines, row, throughputTable } from "./report.ts";
import { type ServerProcess, stopServer } from "./servers.ts";
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
    const list = settings.only ? all.filter((w) => settings.only?.includes(w.id)) : all;
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
            `${label}: ${int(stats.reqPerSec)} req/s, p99 ${stats.p99Ms} ms, ${stats.cpuUsPerReq.toFixed(0)} µs/req`,
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

    let storm: StormResult | undefined;
    if (settings.loginStorm) {
      // A plinth of its own, configured as behind a proxy on loopback, so the storm's sign-ins can come from
      // many addresses (X-Forwarded-For) as real ones do. Its idle and storm figures are both taken on it.
      const stormServer = await start(
        startPlinth("plinth-storm", databaseUrl, settings.rateLimitStore, { TRUSTED_PROXIES: "127.0.0.1" }),
      );
      const w1 = byId("W1");
      const seconds = Math.max(settings.warmup, 1);
      log(`warm-up W1 plinth-storm (${seconds} s)`);
      await measure(
        stormServer,
        { paths: w1.paths.plinth, headers: w1.headers, connections: settings.connections, duration: seconds },
        "warm-up W1 plinth-storm",
        probe,
      );
      storm = await loginStorm(stormServer, w1, run);
      await stopServer(stormServer);
    }

    let growthResult: GrowthResult | undefined;
    if (growthFixtures) {
      const plinthLarge = await start(startPlinth("plinth-1m", growthUrl, settings.rateLimitStore));
      const rawLarge = await start(startBaseline("raw-1m", growthUrl, false, templates));
      const w2Large = workloads(growthFixtures).find((w) => w.id === "W2");
      if (!w2Large) throw new Error("no W2 workload for the 1M database");
      await checkEquivalence([w2Large], plinthLarge, [rawLarge]);
      for (const server of [plinthLarge, rawLarge]) {
        const paths = server === plinthLarge ? w2Large.paths.plinth : w2Large.paths.raw;
        const seconds = Math.max(settings.warmup, 1);
        log(`warm-up W2 ${server.name} (${seconds} s)`);
        const opts = {
          paths,
          headers: w2Large.headers,
          connections: settings.connections,
          duration: seconds,
        };
        await measure(server, opts, `warm-up W2 ${server.name}`, probe);
      }
      growthResult = await growth(
        { plinth: byTarget.plinth, raw: byTarget.raw, w2: byId("W2") },
        { plinth: plinthLarge, raw: rawLarge, w2: w2Large },
        run,
      );
      // Out of the way of the soak and of the peak-memory figures below.
      await Promise.all([stopServer(plinthLarge), stopServer(rawLarge)]);
    }

    const soakResult: SoakResult | undefined =
      settings.soak > 0 ? await soak(byTarget.plinth, byId("W1"), byId("W3"), settings.soak, run) : undefined;

    const peakKiB = Object.fromEntries(
      targets.map((t) => [t, memory(byTarget[t].child.pid ?? 0).peakKiB]),
    ) as Record<Target, number>;

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
        loadAverage: os.loadavg(),
      },
      settings: { ...settings, poolMax, users: fixtures.userCount },
      workloads: rows,
      peakRssKiB: peakKiB,
      loginStorm: storm,
      growth: growthResult,
      soak: soakResult,
    };
    console.log(
      render(
        report.date,
        settings,
        fixtures.userCount,
        report.machine,
        rows,
        list,
        peakKiB,
        storm,
        growthResult,
        soakResult,
      ).join("\n"),
    );

    const resultsDir = join(repoRoot, "bench", "results");
    await mkdir(resultsDir, { recursive: true });
    await writeFile(join(resultsDir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
    log(`wrote ${join(resultsDir, "latest.json")}`);
  } finally {
    await stopAll();
    await probeClient.end();
  }
}

function render(
  date: string,
  settings: Settings,
  users: number,
  machine: {
    cpuModel: string;
    cores: number;
    memoryGiB: number;
    node: string;
    postgres: string;
    loadAverage: number[];
  },
  rows: ReturnType<typeof row>[],
  list: Workload[],
  peakKiB: Record<Target, number>,
  storm: StormResult | undefined,
  growthResult: GrowthResult | undefined,
  soakResult: SoakResult | undefined,
): string[] {
  const x = (a: number, b: number) => (a / b).toFixed(2);
  const out = [
    "",
    `plinth vs raw node:http + pg (raw) and raw with named prepared statements (rawp) — ${date}`,
    `${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node}; ` +
      `PostgreSQL ${machine.postgres}; load average at the end ${machine.loadAverage.map((l) => l.toFixed(1)).join(" ")}`,
    `${settings.connections} connections, pool ${poolMax} each, ${int(users)} users; ${settings.rounds} interleaved ` +
      `rounds × ${settings.duration} s per server; medians across rounds; plinth's rate-limit store: ` +
      `${settings.rateLimitStore}`,
    "",
    "Throughput: plinth/raw = median req/s ÷ median req/s; round ratios = lowest–highest per-round plinth/raw",
    ...throughputTable(rows),
    "",
    `Latency at ${settings.connections} connections (autocannon, whole ms)`,
    ...latencyTable(rows),
    "",
    "CPU per request: the server process's user+system CPU over a run ÷ the requests it answered (µs); " +
      "pg µs = the same for the PostgreSQL backends serving that server",
    ...cpuTable(rows),
    "",
    ...restLines(rows),
    `peak RSS (VmHWM): plinth ${mib(peakKiB.plinth)}, raw ${mib(peakKiB.raw)}, rawp ${mib(peakKiB.rawp)}; ` +
      `plinth÷raw ${x(peakKiB.plinth, peakKiB.raw)}`,
  ];
  if (storm) {
    const logins = storm.logins;
    const ok = logins.reduce((n, l) => n + l.ok, 0);
    const sent = logins.reduce((n, l) => n + l.sent, 0);
    const rate = logins.reduce((n, l) => n + l.perSecond, 0) / Math.max(1, logins.length);
    const loginP50 = logins.map((l) => l.p50Ms.toFixed(0)).join("/");
    out.push(
      `login storm (${stormRate}/s target, ${rate.toFixed(1)}/s sent, ${ok}/${sent} answered 200, sign-in p50 ${loginP50} ms per round): ` +
        `W1 p99 idle ${storm.idleP99Ms} ms, under the storm ${storm.stormP99Ms} ms, ratio ${x(storm.stormP99Ms, storm.idleP99Ms)}; ` +
        `W1 req/s idle ${int(median(storm.idle.map((r) => r.reqPerSec)))}, under the storm ${int(median(storm.storm.map((r) => r.reqPerSec)))}`,
    );
  }
  if (growthResult) {
    const g = (name: string, r: GrowthResult["plinth"]) =>
      `${name} ${r.smallP50Ms} → ${r.largeP50Ms} ms (${x(r.largeP50Ms, r.smallP50Ms)}×, PostgreSQL ` +
      `${pgUs(r.smallRuns)} → ${pgUs(r.largeRuns)} µs/request)`;
    const pgUs = (runs: RunStats[]) => median(runs.map((s) => s.pgUsPerReq)).toFixed(0);
    out.push(
      `growth, W2 p50 at ${int(users)} → ${int(growthUsers)} users: ${g("plinth", growthResult.plinth)}; ${g("raw", growthResult.raw)}`,
    );
  }
  if (soakResult) {
    out.push(
      `soak (W1 and W3 in turns, ${soakResult.minutes} min, ${int(soakResult.requests)} requests): plinth RSS after ` +
        `the first W1+W3 ${mib(soakResult.rssBeforeKiB)}, after the last ${mib(soakResult.rssAfterKiB)} ` +
        `(${x(soakResult.rssAfterKiB, soakResult.rssBeforeKiB)}×; lowest–highest after a turn ` +
        `${mib(Math.min(...soakResult.samplesKiB))}–${mib(Math.max(...soakResult.samplesKiB))})`,
    );
  }
  out.push("", ...list.map((w) => `${w.id}: ${w.description}`), "");
  return out;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("bench failed:", error);
    // Give the finally blocks' SIGTERMs their bounded time; exit regardless.
    sleep(100).then(() => process.exit(1));
  },
);
