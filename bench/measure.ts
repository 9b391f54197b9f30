/** One timed run of autocannon against one server, with the CPU the server and PostgreSQL spent on it. */
import autocannon, { type Request, type Result } from "autocannon";
import type pg from "pg";
import { cpuMicros, pgBackendCpu, pgCpuBetween } from "./cpu.ts";
import { assertAlive, type ServerProcess } from "./servers.ts";

export interface RunStats {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** The server process's CPU time (user + system) during the run ÷ the requests it answered, in µs. */
  cpuUsPerReq: number;
  /** The CPU of the PostgreSQL backends serving this server during the run ÷ the requests, in µs. */
  pgUsPerReq: number;
}

/** Where the PostgreSQL backends' CPU is read from: a connection of the bench's own (to pg_stat_activity). */
export interface PgProbe {
  client: pg.Client;
}

let current: ReturnType<typeof autocannon> | undefined;

/** Stops the run in progress, if any (on Ctrl-C). */
export function stopLoad(): void {
  current?.stop();
}

export interface LoadOptions {
  paths: string[];
  headers: Record<string, string>;
  connections: number;
  duration: number;
}

/** The value at a percentile of samples sorted ascending (nearest rank, as HdrHistogram reports it). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/**
 * autocannon's latency percentiles come from an HdrHistogram of whole milliseconds, so a 2.9 ms p99 reads as 2 and
 * a ratio of two fast p99s can move by 0.5 on one millisecond. Each 2xx answer's own time (fractional ms, from
 * autocannon's `response` event) is kept instead, and the percentiles are read from those.
 */
class Latencies {
  #samples = new Float64Array(1 << 16);
  #count = 0;
  record(ms: number): void {
    if (this.#count === this.#samples.length) {
      const grown = new Float64Array(this.#samples.length * 2);
      grown.set(this.#samples);
      this.#samples = grown;
    }
    this.#samples[this.#count++] = ms;
  }
  sorted(): Float64Array {
    return this.#samples.slice(0, this.#count).sort();
  }
}

async function load(
  server: ServerProcess,
  options: LoadOptions,
): Promise<{ result: Result; latencies: Float64Array }> {
  assertAlive(server);
  // Fresh request objects each run: autocannon caches the encoded request on them.
  const requests: Request[] = options.paths.map((path) => ({
    method: "GET",
    path,
    headers: options.headers,
  }));
  const latencies = new Latencies();
  const result = await new Promise<Result>((resolve, reject) => {
    current = autocannon(
      { url: server.baseUrl, connections: options.connections, duration: options.duration, requests },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    // As autocannon's own histogram: 2xx answers only (any other status fails the run anyway).
    current.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.record(responseTime);
    });
  });
  current = undefined;
  assertAlive(server);
  return { result, latencies: latencies.sorted() };
}

/** A benchmark of error responses is worthless: any non-2xx, error or timeout fails the whole run. */
function assertClean(result: Result, label: string): void {
  const bad = result.non2xx + result.errors + result.timeouts + result.mismatches;
  if (bad > 0 || result.requests.total === 0) {
    throw new Error(
      `${label}: ${result.requests.total} requests, non2xx=${result.non2xx} errors=${result.errors} ` +
        `timeouts=${result.timeouts} statusCodes=${JSON.stringify(result.statusCodeStats)}`,
    );
  }
}

export async function measure(
  server: ServerProcess,
  options: LoadOptions,
  label: string,
  probe: PgProbe,
): Promise<RunStats> {
  const pid = server.child.pid ?? 0;
  const pgBefore = await pgBackendCpu(probe.client, pid);
  const cpuBefore = cpuMicros(pid);
  const { result, latencies } = await load(server, options);
  const cpu = cpuMicros(pid) - cpuBefore;
  const pg = pgCpuBetween(pgBefore, await pgBackendCpu(probe.client, pid));
  assertClean(result, label);
  const requests = result.requests.total;
  return {
    reqPerSec: result.requests.average,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    requests,
    cpuUsPerReq: cpu / requests,
    pgUsPerReq: pg / requests,
  };
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

export const int = (n: number) => Math.round(n).toLocaleString("en-US");
