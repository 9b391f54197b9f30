/** The result tables `pnpm bench` prints: figures are medians across the interleaved rounds. */
import { int, median, type RunStats } from "./measure.ts";
import type { Target } from "./workloads.ts";

export interface Summary {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  cpuUsPerReq: number;
  pgUsPerReq: number;
  rounds: RunStats[];
}

export function summarise(rounds: RunStats[]): Summary {
  const m = (pick: (r: RunStats) => number) => median(rounds.map(pick));
  return {
    reqPerSec: m((r) => r.reqPerSec),
    p50Ms: m((r) => r.p50Ms),
    p99Ms: m((r) => r.p99Ms),
    cpuUsPerReq: m((r) => r.cpuUsPerReq),
    pgUsPerReq: m((r) => r.pgUsPerReq),
    rounds,
  };
}

export interface Row {
  id: string;
  description: string;
  restOf: string | undefined;
  targets: Record<Target, Summary>;
  /** plinth req/s ÷ each baseline's (medians). */
  vsRaw: number;
  vsRawp: number;
  /**
   * plinth ÷ raw within each round. Each round ran the targets back to back, so their ratio within a round cancels
   * slow drift (another process waking up, CPU frequency); the spread says how far to trust the headline ratio.
   */
  roundRatios: number[];
}

export function row(
  id: string,
  description: string,
  restOf: string | undefined,
  runs: Record<Target, RunStats[]>,
): Row {
  const targets = { plinth: summarise(runs.plinth), raw: summarise(runs.raw), rawp: summarise(runs.rawp) };
  return {
    id,
    description,
    restOf,
    targets,
    vsRaw: targets.plinth.reqPerSec / targets.raw.reqPerSec,
    vsRawp: targets.plinth.reqPerSec / targets.rawp.reqPerSec,
    roundRatios: runs.plinth.map((p, i) => p.reqPerSec / (runs.raw[i]?.reqPerSec ?? Number.NaN)),
  };
}

const table = (header: string[], rows: string[][]): string[] => {
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(8) : c.padStart(Math.max(12, (header[i] ?? "").length + 1))))
      .join("");
  return [line(header), ...rows.map(line)];
};

const ratio = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "–");
const us = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : "–");
const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)} ms` : "–");

export function throughputTable(rows: Row[]): string[] {
  return table(
    ["workload", "plinth req/s", "raw req/s", "rawp req/s", "plinth/raw", "plinth/rawp", "round ratios"],
    rows.map((r) => [
      r.id,
      int(r.targets.plinth.reqPerSec),
      int(r.targets.raw.reqPerSec),
      int(r.targets.rawp.reqPerSec),
      ratio(r.vsRaw),
      ratio(r.vsRawp),
      `${ratio(Math.min(...r.roundRatios))}–${ratio(Math.max(...r.roundRatios))}`,
    ]),
  );
}

export function latencyTable(rows: Row[]): string[] {
  return table(
    ["workload", "plinth p50", "plinth p99", "raw p99", "rawp p99", "p99 plinth÷raw", "p99 plinth÷rawp"],
    rows.map((r) => [
      r.id,
      ms(r.targets.plinth.p50Ms),
      ms(r.targets.plinth.p99Ms),
      ms(r.targets.raw.p99Ms),
      ms(r.targets.rawp.p99Ms),
      ratio(r.targets.plinth.p99Ms / r.targets.raw.p99Ms),
      ratio(r.targets.plinth.p99Ms / r.targets.rawp.p99Ms),
    ]),
  );
}

export function cpuTable(rows: Row[]): string[] {
  return table(
    [
      "workload",
      "plinth µs",
      "raw µs",
      "rawp µs",
      "plinth÷raw",
      "plinth÷rawp",
      "pg µs plinth",
      "pg µs raw",
      "pg µs rawp",
    ],
    rows.map((r) => [
      r.id,
      us(r.targets.plinth.cpuUsPerReq),
      us(r.targets.raw.cpuUsPerReq),
      us(r.targets.rawp.cpuUsPerReq),
      ratio(r.targets.plinth.cpuUsPerReq / r.targets.raw.cpuUsPerReq),
      ratio(r.targets.plinth.cpuUsPerReq / r.targets.rawp.cpuUsPerReq),
      us(r.targets.plinth.pgUsPerReq),
      us(r.targets.raw.pgUsPerReq),
      us(r.targets.rawp.pgUsPerReq),
    ]),
  );
}

/** REST ÷ tRPC req/s for each REST workload whose tRPC twin ran too. */
export function restLines(rows: Row[]): string[] {
  return rows.flatMap((r) => {
    const twin = rows.find((t) => t.id === r.restOf);
    if (!twin) return [];
    const rps = r.targets.plinth.reqPerSec / twin.targets.plinth.reqPerSec;
    const cpu = r.targets.plinth.cpuUsPerReq / twin.targets.plinth.cpuUsPerReq;
    // Within each round the two ran one after the other (run.ts), so these pairs carry little of the drift.
    const paired = r.targets.plinth.rounds.map(
      (rest, i) => rest.reqPerSec / (twin.targets.plinth.rounds[i]?.reqPerSec ?? Number.NaN),
    );
    return [
      `${r.id}/${twin.id} (REST ÷ tRPC): req/s ${ratio(rps)} (rounds ${ratio(Math.min(...paired))}–${ratio(Math.max(...paired))}), CPU µs/request ${ratio(cpu)}`,
    ];
  });
}

export const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
