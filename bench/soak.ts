/** `--soak <minutes>`: W1 and W3 on plinth in turns; RSS after warm-up against RSS after the soak. */
import { memory } from "./cpu.ts";
import { log, options, type Run } from "./extras.ts";
import { int, measure } from "./measure.ts";
import type { ServerProcess } from "./servers.ts";
import type { Workload } from "./workloads.ts";

export interface SoakResult {
  minutes: number;
  requests: number;
  /** RSS in KiB at the end of the first W1 + W3 pair of turns (the warm-up) and at the end of the last pair. */
  rssBeforeKiB: number;
  rssAfterKiB: number;
  /** RSS at the end of every turn, in KiB. */
  samplesKiB: number[];
  turnSeconds: number;
}

/**
 * Two single readings of a garbage-collected heap can land anywhere on its sawtooth (one turn's RSS moves by tens
 * of MiB), so a leak is judged on all of them as well: the mean RSS over the second half of the turns against
 * the first half (the first pair, the warm-up, left out), and the least-squares slope over every turn after it, in
 * MiB per minute. A leak shows as a positive slope that a longer soak does not flatten.
 */
export function rssTrend(soak: Pick<SoakResult, "samplesKiB" | "turnSeconds">): {
  halvesRatio: number;
  slopeMiBPerMinute: number;
} {
  const samples = soak.samplesKiB.slice(2);
  if (samples.length < 2) return { halvesRatio: Number.NaN, slopeMiBPerMinute: Number.NaN };
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const half = Math.floor(samples.length / 2);
  const halvesRatio = mean(samples.slice(samples.length - half)) / mean(samples.slice(0, half));
  const xs = samples.map((_, i) => (i * soak.turnSeconds) / 60);
  const mx = mean(xs);
  const my = mean(samples);
  let num = 0;
  let den = 0;
  samples.forEach((y, i) => {
    const dx = (xs[i] as number) - mx;
    num += dx * (y - my);
    den += dx * dx;
  });
  return { halvesRatio, slopeMiBPerMinute: num / den / 1024 };
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
    turnSeconds,
  };
}
