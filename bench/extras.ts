/** What the optional runs (`--login-storm`, `--growth`, `--soak`) share: they measure plinth as the rounds do. */
import type { LoadOptions, PgProbe } from "./measure.ts";
import { measure } from "./measure.ts";
import type { RateLimitStore } from "./options.ts";
import type { ServerProcess } from "./servers.ts";
import type { Workload } from "./workloads.ts";

export interface Run {
  connections: number;
  duration: number;
  rounds: number;
  probe: PgProbe;
}

export const log = (message: string) => process.stderr.write(`${message}\n`);
export const options = (workload: Workload, run: Run, duration = run.duration): LoadOptions => ({
  paths: workload.paths.plinth,
  headers: workload.headers,
  connections: run.connections,
  duration,
});
export const baselineOptions = (workload: Workload, run: Run): LoadOptions => ({
  ...options(workload, run),
  paths: workload.paths.raw,
});

/** What the optional runs need from run.ts: the run's settings, and `start`, which registers a server for cleanup. */
export interface ExtrasContext {
  run: Run;
  warmup: number;
  store: RateLimitStore;
  start: (server: Promise<ServerProcess>) => Promise<ServerProcess>;
}

export async function warm(
  server: ServerProcess,
  workload: Workload,
  paths: string[],
  ctx: ExtrasContext,
): Promise<void> {
  log(`warm-up ${workload.id} ${server.name} (${ctx.warmup} s)`);
  const opts = { paths, headers: workload.headers, connections: ctx.run.connections, duration: ctx.warmup };
  await measure(server, opts, `warm-up ${workload.id} ${server.name}`, ctx.run.probe);
}
