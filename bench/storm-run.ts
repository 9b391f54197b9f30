/** `--login-storm`: W1 on plinth idle and under 20 sign-ins per second, on a plinth of its own. */
import { setTimeout as sleep } from "node:timers/promises";
import { type ExtrasContext, log, options, type Run, warm } from "./extras.ts";
import { int, measure, median, type RunStats } from "./measure.ts";
import { type ServerProcess, stopServer } from "./servers.ts";
import { type StormStats, startLoginStorm } from "./storm.ts";
import { startPlinth } from "./targets.ts";
import type { Workload } from "./workloads.ts";

/** Sign-ins per second during the storm (issue 9's figure). */
export const stormRate = 20;

export interface StormResult {
  /** Sign-ins per second asked for. */
  rate: number;
  idle: RunStats[];
  storm: RunStats[];
  logins: StormStats[];
  idleP99Ms: number;
  stormP99Ms: number;
}

/** W1 on plinth without and with the login storm, back to back in each round (alternating which goes first). */
async function loginStorm(plinth: ServerProcess, w1: Workload, run: Run): Promise<StormResult> {
  const result: StormResult = {
    rate: stormRate,
    idle: [],
    storm: [],
    logins: [],
    idleP99Ms: 0,
    stormP99Ms: 0,
  };
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
      log(`${label}: ${int(last?.reqPerSec ?? 0)} req/s, p99 ${last?.p99Ms.toFixed(2)} ms`);
    }
  }
  const failed = result.logins.flatMap((l) => Object.entries(l.failed));
  if (failed.length > 0) log(`login storm: some sign-ins failed: ${JSON.stringify(failed)}`);
  result.idleP99Ms = median(result.idle.map((r) => r.p99Ms));
  result.stormP99Ms = median(result.storm.map((r) => r.p99Ms));
  return result;
}

/**
 * `--login-storm` on a plinth of its own, configured as behind a proxy on loopback, so the storm's sign-ins can
 * come from many addresses (X-Forwarded-For) as real ones do. Its idle and storm figures are both taken on it.
 */
export async function stormOnItsOwnPlinth(
  databaseUrl: string,
  w1: Workload,
  ctx: ExtrasContext,
): Promise<StormResult> {
  const server = await ctx.start(
    startPlinth("plinth-storm", databaseUrl, ctx.store, { TRUSTED_PROXIES: "127.0.0.1" }),
  );
  await warm(server, w1, w1.paths.plinth, ctx);
  const result = await loginStorm(server, w1, ctx.run);
  await stopServer(server);
  return result;
}
