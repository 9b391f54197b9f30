/** The printout of a run: header, the three tables, and a line per optional run. */
import type { GrowthResult } from "./growth.ts";
import { int, median, type RunStats } from "./measure.ts";
import type { Settings } from "./options.ts";
import { cpuTable, latencyTable, mib, type Row, restLines, throughputTable } from "./report.ts";
import { rssTrend, type SoakResult } from "./soak.ts";
import type { StormResult } from "./storm-run.ts";
import type { Target, Workload } from "./workloads.ts";

/** What results/latest.json holds, and what is printed from it. */
export interface Report {
  date: string;
  machine: {
    cpuModel: string;
    cores: number;
    memoryGiB: number;
    platform: string;
    node: string;
    postgres: string;
    loadAverage: number[];
  };
  settings: Settings & { poolMax: number; users: number };
  workloads: Row[];
  peakRssKiB: Record<Target, number>;
  loginStorm: StormResult | undefined;
  growth: GrowthResult | undefined;
  soak: SoakResult | undefined;
}

const x = (a: number, b: number) => (a / b).toFixed(2);

export function render(report: Report, list: Workload[]): string[] {
  const { machine, settings, workloads: rows, peakRssKiB: peak } = report;
  const out = [
    "",
    `plinth vs raw node:http + pg (raw) and raw with named prepared statements (rawp) — ${report.date}`,
    `${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node}; ` +
      `PostgreSQL ${machine.postgres}; load average at the end ${machine.loadAverage.map((l) => l.toFixed(1)).join(" ")}`,
    `${settings.connections} connections, pool ${settings.poolMax} each, ${int(settings.users)} users; ` +
      `${settings.rounds} interleaved rounds × ${settings.duration} s per server; medians across rounds; ` +
      `plinth's rate-limit store: ${settings.rateLimitStore}`,
    "",
    "Throughput: plinth/raw = median req/s ÷ median req/s; round ratios = lowest–highest per-round plinth/raw",
    ...throughputTable(rows),
    "",
    `Latency at ${settings.connections} connections (each answer's own time, not whole ms)`,
    ...latencyTable(rows),
    "",
    "CPU per request: the server process's user+system CPU over a run ÷ the requests it answered (µs); " +
      "pg µs = the same for the PostgreSQL backends serving that server",
    ...cpuTable(rows),
    "",
    ...restLines(rows),
    `peak RSS (VmHWM): plinth ${mib(peak.plinth)}, raw ${mib(peak.raw)}, rawp ${mib(peak.rawp)}; ` +
      `plinth÷raw ${x(peak.plinth, peak.raw)}`,
  ];
  if (report.loginStorm) out.push(stormLine(report.loginStorm));
  if (report.growth) out.push(growthLine(report.growth));
  if (report.soak) out.push(soakLine(report.soak));
  out.push("", ...list.map((w) => `${w.id}: ${w.description}`), "");
  return out;
}

function stormLine(storm: StormResult): string {
  const { logins } = storm;
  const ok = logins.reduce((n, l) => n + l.ok, 0);
  const sent = logins.reduce((n, l) => n + l.sent, 0);
  const rate = logins.reduce((n, l) => n + l.perSecond, 0) / Math.max(1, logins.length);
  const loginP50 = logins.map((l) => l.p50Ms.toFixed(0)).join("/");
  const rps = (runs: RunStats[]) => int(median(runs.map((r) => r.reqPerSec)));
  return (
    `login storm (${storm.rate}/s target, ${rate.toFixed(1)}/s sent, ${ok}/${sent} answered 200, ` +
    `sign-in p50 ${loginP50} ms per round): W1 p99 idle ${storm.idleP99Ms.toFixed(2)} ms, under the storm ` +
    `${storm.stormP99Ms.toFixed(2)} ms, ratio ${x(storm.stormP99Ms, storm.idleP99Ms)}; W1 req/s idle ${rps(storm.idle)}, ` +
    `under the storm ${rps(storm.storm)}`
  );
}

function growthLine(growth: GrowthResult): string {
  const pgUs = (runs: RunStats[]) => median(runs.map((s) => s.pgUsPerReq)).toFixed(0);
  const g = (name: string, r: GrowthResult["plinth"]) =>
    `${name} ${r.smallP50Ms.toFixed(2)} → ${r.largeP50Ms.toFixed(2)} ms (${x(r.largeP50Ms, r.smallP50Ms)}×, PostgreSQL ` +
    `${pgUs(r.smallRuns)} → ${pgUs(r.largeRuns)} µs/request)`;
  return (
    `growth, W2 p50 at ${int(growth.smallUsers)} → ${int(growth.largeUsers)} users: ` +
    `${g("plinth", growth.plinth)}; ${g("raw", growth.raw)}`
  );
}

function soakLine(soak: SoakResult): string {
  const trend = rssTrend(soak);
  return (
    `soak (W1 and W3 in turns, ${soak.minutes} min, ${int(soak.requests)} requests): plinth RSS after ` +
    `the first W1+W3 ${mib(soak.rssBeforeKiB)}, after the last ${mib(soak.rssAfterKiB)} ` +
    `(${x(soak.rssAfterKiB, soak.rssBeforeKiB)}×; lowest–highest after a turn ` +
    `${mib(Math.min(...soak.samplesKiB))}–${mib(Math.max(...soak.samplesKiB))}); after warm-up, mean RSS of ` +
    `the second half of the turns ÷ the first half ${trend.halvesRatio.toFixed(2)}×, trend ` +
    `${trend.slopeMiBPerMinute >= 0 ? "+" : ""}${trend.slopeMiBPerMinute.toFixed(2)} MiB/min`
  );
}
