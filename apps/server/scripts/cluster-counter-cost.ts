/**
 * CPU per flood-limit check in a cluster (ADR 022): process memory, plinth's batched counter in the primary, and
 * rate-limiter-flexible's RateLimiterCluster (one IPC message per call), each with 1, 10 and 100 calls in flight
 * in one worker. CPU time (process.cpuUsage, user + system) of the worker and of the primary, divided by the calls.
 * Not a test: `pnpm --filter @plinth/server exec tsx scripts/cluster-counter-cost.ts`.
 */
import cluster from "node:cluster";
import { type ClusterChannel, createClusterCounterPrimary, createRateLimiter } from "@plinth/auth";
import { RateLimiterCluster, RateLimiterClusterMaster } from "rate-limiter-flexible";

const CALLS = 40_000;
const RULE = { points: 1_000_000_000, durationSec: 60 };
const cpuMicros = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return used.user + used.system;
};

if (cluster.isPrimary) {
  const counter = createClusterCounterPrimary({ global_ip: RULE });
  new RateLimiterClusterMaster();
  let started = process.cpuUsage();
  cluster.on("message", (worker, message: { phase?: "start" | "end" }) => {
    if (counter.handle(message, (answer) => worker.send(answer))) return;
    if (message.phase === "start") {
      started = process.cpuUsage();
      worker.send({ phase: "started" });
    } else if (message.phase === "end") {
      worker.send({ phase: "ended", primaryMicros: cpuMicros(started) });
    }
  });
  const worker = cluster.fork();
  worker.on("exit", () => process.exit(0));
} else {
  const ask = <T>(message: object, reply: string) =>
    new Promise<T>((resolve) => {
      const listener = (m: { phase?: string }) => {
        if (m.phase !== reply) return;
        process.off("message", listener);
        resolve(m as T);
      };
      process.on("message", listener);
      process.send?.(message);
    });
  const channel: ClusterChannel = {
    send: (message, done) => {
      process.send?.(message, undefined, {}, (error) => done(error ?? null));
    },
    onMessage: (listener) => {
      process.on("message", listener);
      return () => process.off("message", listener);
    },
  };
  const rules = { global_ip: RULE };
  const memory = await createRateLimiter({ kind: "memory" }, rules, { localRules: ["global_ip"] });
  const batched = await createRateLimiter({ kind: "memory" }, rules, {
    localRules: ["global_ip"],
    clusterChannel: channel,
  });
  const library = new RateLimiterCluster({ keyPrefix: "cost", points: RULE.points, duration: 60 });
  await new Promise((resolve) => setTimeout(resolve, 200)); // the library's init handshake

  const kinds: Record<string, (key: string) => Promise<unknown>> = {
    "process memory": (key) => memory.consume("global_ip", key),
    "primary, batched (plinth)": (key) => batched.consume("global_ip", key),
    "primary, per call (RateLimiterCluster)": (key) => library.consume(key),
  };
  const rows: string[] = [];
  for (const inFlight of [1, 10, 100]) {
    for (const [name, consume] of Object.entries(kinds)) {
      for (let i = 0; i < 2_000; i++) await consume(`203.0.113.${i % 100}`); // warm-up
      await ask({ phase: "start" }, "started");
      const since = process.cpuUsage();
      const wall = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (next < CALLS) {
            next++;
            await consume(`203.0.113.${next % 100}`);
          }
        }),
      );
      const workerMicros = cpuMicros(since);
      const wallMs = performance.now() - wall;
      const { primaryMicros } = await ask<{ primaryMicros: number }>({ phase: "end" }, "ended");
      rows.push(
        `| ${name} | ${inFlight} | ${(workerMicros / CALLS).toFixed(2)} | ${(primaryMicros / CALLS).toFixed(2)} | ` +
          `${((wallMs * 1000) / CALLS).toFixed(1)} |`,
      );
    }
  }
  console.log("| counter | calls in flight | worker µs/call | primary µs/call | wall µs/call |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const row of rows) console.log(row);
  await memory.close();
  await batched.close();
  process.exit(0);
}
