/** `pnpm bench`'s command line. */
import { parseArgs } from "node:util";

export const usage = `Usage: pnpm bench [options]

  --duration <s>       seconds per measured run (default 5)
  --rounds <n>         interleaved rounds; figures are medians across them (default 3)
  --warmup <s>         seconds of warm-up per server and workload before round 1 (default 2)
  --connections <n>    concurrent autocannon connections (default 50)
  --users <n>          seed the users table up to this many rows (default 10000)
  --rate-limit-store <postgres|redis|memory>
                       postgres (default): DATABASE_URL and no REDIS_URL, plinth's production default;
                       redis: REDIS_URL is set too (BENCH_REDIS_URL, default redis://127.0.0.1:6379);
                       memory: RATE_LIMIT_STORE=memory, a single-process setup, for comparison only
  --login-storm        also measure W1 on plinth idle and while 20 logins/s (argon2id) run
  --growth             also measure W2's p50 on a second database of 1,000,000 users (seeded once, reused)
  --soak <minutes>     also run W1 and W3 for that long and compare RSS after warm-up with RSS after the soak
  --only <ids>         comma-separated workloads to run (default all: W0,W1,W2,W3,W1r,W3r)
  --skip-build         use apps/server/dist/main.js as it is instead of building it first

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/plinth_bench), BENCH_REDIS_URL.`;

export type RateLimitStore = "postgres" | "redis" | "memory";

export interface Settings {
  duration: number;
  rounds: number;
  warmup: number;
  connections: number;
  users: number;
  rateLimitStore: RateLimitStore;
  loginStorm: boolean;
  growth: boolean;
  /** Minutes; 0 = no soak. */
  soak: number;
  only: string[] | undefined;
  skipBuild: boolean;
}

export function parseSettings(argv: string[]): Settings {
  // `pnpm bench -- --duration 10` passes the "--" through, and parseArgs would take everything after it for
  // positional arguments.
  const args = argv[0] === "--" ? argv.slice(1) : argv;
  const { values } = parseArgs({
    args,
    options: {
      duration: { type: "string", default: "5" },
      rounds: { type: "string", default: "3" },
      warmup: { type: "string", default: "2" },
      connections: { type: "string", default: "50" },
      users: { type: "string", default: "10000" },
      "rate-limit-store": { type: "string", default: "postgres" },
      "login-storm": { type: "boolean", default: false },
      growth: { type: "boolean", default: false },
      soak: { type: "string", default: "0" },
      only: { type: "string" },
      "skip-build": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const integer = (name: string, raw: string, min = 1): number => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min)
      throw new Error(`--${name} must be an integer >= ${min}, got ${raw}`);
    return n;
  };
  const store = values["rate-limit-store"];
  if (store !== "postgres" && store !== "redis" && store !== "memory")
    throw new Error(`--rate-limit-store must be postgres, redis or memory, got ${store}`);
  const soak = Number(values.soak);
  if (!Number.isFinite(soak) || soak < 0) throw new Error(`--soak must be minutes >= 0, got ${values.soak}`);
  return {
    duration: integer("duration", values.duration),
    rounds: integer("rounds", values.rounds),
    warmup: integer("warmup", values.warmup, 0),
    connections: integer("connections", values.connections),
    users: integer("users", values.users, 100),
    rateLimitStore: store,
    loginStorm: values["login-storm"],
    growth: values.growth,
    soak,
    only: values.only?.split(",").map((s) => s.trim()),
    skipBuild: values["skip-build"],
  };
}
