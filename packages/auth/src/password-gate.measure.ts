/**
 * What a login storm does to the rest of one process, without and with the password gate (ADR 023): an open-loop
 * stream of argon2id verifies at a fixed rate, and meanwhile the event loop's delay (how late a timer or a socket
 * read runs: what every cheap API call waits for) and the process's CPU. Three phases per round, their order
 * rotating: idle (no storm), ungated (argon2 straight on libuv's pool, as before) and gated (`createPasswordHasher`
 * with the defaults the server uses). Figures are medians across rounds.
 * Not a test (nothing runs it in `pnpm test`): `pnpm --filter @plinth/bench bench:password-gate [rate] [seconds]
 * [rounds]` runs it with the bench package's tsx. Defaults: 100 verifies/s, 5 s, 3 rounds. On a shared machine
 * other processes take cores too: compare phases within one run.
 */
import { cpus } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { hashPassword, verifyPassword } from "./password.ts";
import { defaultPasswordConcurrency } from "./password-gate.ts";
import { createPasswordHasher } from "./password-hasher.ts";

const [rate = 100, seconds = 5, rounds = 3] = process.argv.slice(2).map(Number);
/** Results go to stdout (console is for debugging here: Biome's noConsole). */
const print = (line: string) => process.stdout.write(`${line}\n`);

type Verify = (hash: string, password: string) => Promise<boolean>;
interface Phase {
  loopP50: number;
  loopP99: number;
  loopMax: number;
  /** Process CPU time over wall time: how many cores it kept busy. */
  cores: number;
  done: number;
  refused: number;
  /** Sign-in latency (queue wait included) of the verifies that ran. */
  opP50: number;
  opP99: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function phase(stored: string, verify: Verify | undefined): Promise<Phase> {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  const latencies: number[] = [];
  let refused = 0;
  const pending = new Set<Promise<void>>();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  loop.enable();
  if (verify) {
    // Open loop: the n-th verify starts at n / rate seconds whether or not earlier ones have answered.
    for (let n = 0; performance.now() - t0 < seconds * 1000; n++) {
      const due = t0 + (n * 1000) / rate;
      if (due > performance.now()) await sleep(due - performance.now());
      const started = performance.now();
      const p = verify(stored, "wrong password").then(
        () => void latencies.push(performance.now() - started),
        () => void refused++,
      );
      pending.add(p);
      void p.finally(() => pending.delete(p));
    }
  } else {
    await sleep(seconds * 1000);
  }
  loop.disable();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  return {
    loopP50: loop.percentile(50) / 1e6,
    loopP99: loop.percentile(99) / 1e6,
    loopMax: loop.max / 1e6,
    cores: (cpu.user + cpu.system) / 1000 / wallMs,
    done: latencies.length,
    refused,
    opP50: quantile(latencies, 0.5),
    opP99: quantile(latencies, 0.99),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] ?? 0)
    : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
};

const stored = await hashPassword("the storm's password");
const gated = createPasswordHasher();
const kinds = { idle: undefined, ungated: verifyPassword, gated: gated.verify } as const;
const results: Record<keyof typeof kinds, Phase[]> = { idle: [], ungated: [], gated: [] };
const names = Object.keys(kinds) as (keyof typeof kinds)[];
print(
  `${cpus().length} cores (${cpus()[0]?.model}), Node ${process.version}, libuv's pool as the environment sets it (4 by default); ` +
    `gate: concurrency ${gated.gate.concurrency} (default ${defaultPasswordConcurrency()}), queue ${gated.gate.queueMax}; ` +
    `${rate} verifies/s open-loop, ${seconds} s per phase, ${rounds} rounds`,
);
for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < names.length; i++) {
    const name = names[(i + round) % names.length] as keyof typeof kinds;
    results[name].push(await phase(stored, kinds[name]));
  }
}
const f = (x: number, d = 1) => x.toFixed(d).padStart(8);
print("phase     loop p50 loop p99 loop max    cores verifies  refused  op p50   op p99   (ms; medians)");
for (const name of names) {
  const m = (pick: (p: Phase) => number) => median(results[name].map(pick));
  print(
    `${name.padEnd(8)} ${f(
      m((p) => p.loopP50),
      2,
    )} ${f(
      m((p) => p.loopP99),
      2,
    )} ${f(m((p) => p.loopMax))} ` +
      `${f(
        m((p) => p.cores),
        2,
      )} ${f(
        m((p) => p.done),
        0,
      )} ${f(
        m((p) => p.refused),
        0,
      )} ` +
      `${f(m((p) => p.opP50))} ${f(m((p) => p.opP99))}`,
  );
}
