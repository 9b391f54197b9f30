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

async function load(server: ServerProcess, options: LoadOptions): Promise<Result> {
  assertAlive(server);
  // Fresh request objects each run: autocannon caches the encoded request on them.
  const requests: Request[] = options.paths.map((path) => ({
    method: "GET",
    path,
    headers: options.headers,
  }));
  const result = await new Promise<Result>((resolve, reject) => {
    current = autocannon(
      { url: server.baseUrl, connections: options.connections, duration: options.duration, requests },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
  });
  current = undefined;
  assertAlive(server);
  return result;
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
  const result = await load(server, options);
  const cpu = cpuMicros(pid) - cpuBefore;
  const pg = pgCpuBetween(pgBefore, await pgBackendCpu(probe.client, pid));
  assertClean(result, label);
  const requests = result.requests.total;
  return {
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
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
