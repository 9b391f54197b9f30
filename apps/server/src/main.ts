import cluster from "node:cluster";
import { runPrimary } from "./cluster/primary.ts";
import { readEnv, type ServerEnv } from "./env.ts";
import { applyHeapGrowth } from "./runtime/heap-growth.ts";
import { serve } from "./serve.ts";

let env: ServerEnv;
try {
  env = readEnv();
} catch (error) {
  // Before a logger exists: one readable message that names the variable, and a non-zero exit.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

// Before the server allocates anything much; workers run this file too, so each gets it (ADR 027).
applyHeapGrowth(env.HEAP_GROWING_PERCENT);

// WEB_CONCURRENCY=1 is one process, exactly as without a cluster. Above 1 this process becomes the primary: it
// migrates, forks the workers (this file again, as cluster workers) and supervises them (ADR 022).
if (env.WEB_CONCURRENCY > 1 && cluster.isPrimary) await runPrimary(env);
else await serve(env, { clusterWorker: cluster.isWorker });
