/** `--growth`: W2 at the bench database's size and at 1,000,000 users, for plinth and raw. */
import type { TaskTemplates } from "./baseline-tasks.ts";
import type { Fixtures } from "./database.ts";
import { baselineOptions, type ExtrasContext, log, options, type Run, warm } from "./extras.ts";
import { int, measure, median, type RunStats } from "./measure.ts";
import { type ServerProcess, stopServer } from "./servers.ts";
import { checkEquivalence, startBaseline, startPlinth } from "./targets.ts";
import { type Workload, workloads } from "./workloads.ts";

export interface GrowthResult {
  smallUsers: number;
  largeUsers: number;
  /** W2's median p50 at the main database's size and at 1M users, per server. */
  plinth: { smallP50Ms: number; largeP50Ms: number; smallRuns: RunStats[]; largeRuns: RunStats[] };
  raw: { smallP50Ms: number; largeP50Ms: number; smallRuns: RunStats[]; largeRuns: RunStats[] };
}

/**
 * W2 on the main database and on the 1M-user one, back to back per round, for plinth and for raw: raw shows what
 * PostgreSQL itself loses as the table grows, plinth must lose no more.
 */
async function growth(
  small: { plinth: ServerProcess; raw: ServerProcess; w2: Workload; users: number },
  large: { plinth: ServerProcess; raw: ServerProcess; w2: Workload; users: number },
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
        log(`${label}: ${int(stats.reqPerSec)} req/s, p50 ${stats.p50Ms.toFixed(2)} ms`);
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
  return { smallUsers: small.users, largeUsers: large.users, plinth: pick("plinth"), raw: pick("raw") };
}

/** `--growth`: plinth and raw on the 1M-user database next to the running ones, checked, warmed, then compared. */
export async function growthAgainst1M(
  url: string,
  fixtures: Fixtures,
  templates: TaskTemplates,
  small: { plinth: ServerProcess; raw: ServerProcess; users: number },
  w2: Workload,
  ctx: ExtrasContext,
): Promise<GrowthResult> {
  const plinth = await ctx.start(startPlinth("plinth-1m", url, ctx.store));
  const raw = await ctx.start(startBaseline("raw-1m", url, false, templates));
  const w2Large = workloads(fixtures).find((w) => w.id === "W2");
  if (!w2Large) throw new Error("no W2 workload for the 1M database");
  await checkEquivalence([w2Large], plinth, [raw]);
  await warm(plinth, w2Large, w2Large.paths.plinth, ctx);
  await warm(raw, w2Large, w2Large.paths.raw, ctx);
  const result = await growth(
    { ...small, w2 },
    { plinth, raw, w2: w2Large, users: fixtures.userCount },
    ctx.run,
  );
  // Out of the way of the soak and of the peak-memory figures.
  await Promise.all([stopServer(plinth), stopServer(raw)]);
  return result;
}
