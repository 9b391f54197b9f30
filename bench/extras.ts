/** The optional runs: `--login-storm`, `--growth` and `--soak`. Each one measures plinth the way the rounds do. */
import { setTimeout as sleep } from "node:timers/promises";
import { memory } from "./cpu.ts";
import { int, type LoadOptions, measure, median, type PgProbe, type RunStats } from "./measure.ts";
import type { ServerProcess } from "./servers.ts";
import { type StormStats, startLoginStorm } from "./storm.ts";
import type { Workload } from "./workloads.ts";

export interface Run {
  connections: number;
  duration: number;
  rounds: number;
  probe: PgProbe;
}

const log = (message: string) => process.stderr.write(`${message}\n`);
const options = (workload: Workload, run: Run, duration = run.duration): LoadOptions => ({
  paths: workload.paths.plinth,
  headers: workload.headers,
  connections: run.connections,
  duration,
});
const baselineOptions = (workload: Workload, run: Run): LoadOptions => ({
  ...options(workload, run),
  paths: workload.paths.raw,
});

/** Sign-ins per second during the storm (issue 9's figure). */
export const stormRate = 20;

export interface StormResult {
  idle: RunStats[];
  storm: RunStats[];
  logins: StormStats[];
  idleP99Ms: number;
  stormP99Ms: number;
}

/** W1 on plinth without and with the login storm, back to back in each round (alternating which goes first). */
export async function loginStorm(plinth: ServerProcess, w1: Workload, run: Run): Promise<StormResult> {
  const result: StormResult = { idle: [], storm: [], logins: [], idleP99Ms: 0, stormP99Ms: 0 };
  for (let round = 0; round < run.rounds; round++) {
    const order = round % 2 === 0 ? ["idle", "storm"] : ["storm", "idle"];
    for (const kind of order) {
      const label = `storm round ${round + 1}/${run.rounds} W1 plinth ${kind}`;
      if (kind === "idle") {
        result.idle.push(await measure(plinth, options(w1, run), label, run.probe));
      } else {
        const storm = startLoginStorm(plinth.baseUrl, stormRate);
        // Let the storm reach its rate (and argon2's thread pool fill) before W1's clock starts.
        await sleep(1_000);
        let stats: RunStats;
        try {
          stats = await measure(plinth, options(w1, run), label, run.probe);
        } finally {
          result.logins.push(await storm.stop());
        }
        result.storm.push(stats);
      }
      const last = (kind === "idle" ? result.idle : result.storm).at(-1);
      log(`${label}: ${int(last?.reqPerSec ?? 0)} req/s, p99 ${last?.p99Ms} ms`);
    }
  }
  const failed = result.logins.flatMap((l) => Object.entries(l.failed));
  if (failed.length > 0) log(`login storm: some sign-ins failed: ${JSON.stringify(failed)}`);
  result.idleP99Ms = median(result.idle.map((r) => r.p99Ms));
  result.stormP99Ms = median(result.storm.map((r) => r.p99Ms));
  return result;
}

export interface GrowthResult {
  /** W2's median p50 at the main database's size and at 1M users, per server. */
  plinth: { smallP50Ms: number; largeP50Ms: number; smallRuns: RunStats[]; largeRuns: RunStats[] };
  raw: { smallP50Ms: number; largeP50Ms: number; smallRuns: RunStats[]; largeRuns: RunStats[] };
}

/**
 * W2 on the main database and on the 1M-user one, back to back per round, for plinth and for raw: raw shows what
 * PostgreSQL itself loses as the table grows, plinth must lose no more.
 */
export async function growth(
  small: { plinth: ServerProcess; raw: ServerProcess; w2: Workload },
  large: { plinth: ServerProcess; raw: ServerProcess; w2: Workload },
  run: Run,
): Promise<GrowthResult> {
  const runs: Record<string, RunStats[]> = {};
  for (let round = 0; round < run.rounds; round++) {
    const sizes = round % 2 === 0 ? [small, large] : [large, small];
    for (const target of ["plinth", "raw"] as const) {
      for (const size of sizes) {
        const name = size === small ? "small" : "large";
        const label = `growth round ${round + 1}/${run.rounds} W2 ${target} ${name}`;
        const opts = target === "plinth" ? options(size.w2, run) : baselineOptions(size.w2, run);
        const stats = await measure(size[target], opts, label, run.probe);
        log(`${label}: ${int(stats.reqPerSec)} req/s, p50 ${stats.p50Ms} ms`);
        const key = `${target}:${name}`;
        runs[key] = [...(runs[key] ?? []), stats];
      }
    }
  }
  const pick = (target: string) => {
    const smallRuns = runs[`${target}:small`] ?? [];
    const largeRuns = runs[`${target}:large`] ?? [];
    return {
      smallP50Ms: median(smallRuns.map((r) => r.p50Ms)),
      largeP50Ms: median(largeRuns.map((r) => r.p50Ms)),
      smallRuns,
      largeRuns,
    };
  };
  return { plinth: pick("plinth"), raw: pick("raw") };
}

export interface SoakResult {
  minutes: number;
  requests: number;
  /** RSS in KiB at the end of the first W1 + W3 pair of turns (the warm-up) and at the end of the last pair. */
  rssBeforeKiB: number;
  rssAfterKiB: number;
  /** RSS at the end of every turn, in KiB. */
  samplesKiB: number[];
}

/**
 * W1 and W3 on plinth in turns (at least four, at most 30 s each) for `minutes`. RSS is read at the end of each
 * W3 turn, so the two figures compared are taken at the same point of the same cycle: after the first W1 + W3
 * pair, once the JIT and the heap have warmed up, and after the last.
 */
export async function soak(
  plinth: ServerProcess,
  w1: Workload,
  w3: Workload,
  minutes: number,
  run: Run,
): Promise<SoakResult> {
  const pid = plinth.child.pid ?? 0;
  const turnSeconds = Math.max(1, Math.min(30, Math.floor((minutes * 60) / 4)));
  const turns = Math.max(4, 2 * Math.round((minutes * 60) / turnSeconds / 2));
  let requests = 0;
  const samplesKiB: number[] = [];
  for (let turn = 0; turn < turns; turn++) {
    const workload = turn % 2 === 0 ? w1 : w3;
    const stats = await measure(
      plinth,
      options(workload, run, turnSeconds),
      `soak ${workload.id}`,
      run.probe,
    );
    requests += stats.requests;
    samplesKiB.push(memory(pid).rssKiB);
    log(
      `soak turn ${turn + 1}/${turns} ${workload.id} ${turnSeconds} s: ${int(stats.reqPerSec)} req/s, RSS ${samplesKiB.at(-1)} KiB`,
    );
  }
  return {
    minutes,
    requests,
    rssBeforeKiB: samplesKiB[1] ?? 0,
    rssAfterKiB: samplesKiB.at(-1) ?? 0,
    samplesKiB,
  };
}
