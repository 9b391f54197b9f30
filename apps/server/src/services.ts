import { createJobQueue, type MailTransport, type Services } from "@plinth/api";
import {
  createPasswordHasher,
  createRateLimiter,
  DEFAULT_RATE_LIMITS,
  type RateLimitStore,
  systemClock,
} from "@plinth/auth";
import type { ServerEnv } from "./env.ts";

/** The server's long-lived collaborators, from its environment. */
export async function createServices(
  env: ServerEnv,
  opts: {
    mailer: MailTransport;
    /** A job was queued outside a transaction: nudge the worker. */
    onJobQueued?: () => void;
    onStoreError?: (error: Error) => void;
  },
): Promise<Services> {
  const { onStoreError } = opts;
  const store: RateLimitStore =
    env.RATE_LIMIT_STORE === "redis" && env.REDIS_URL
      ? { kind: "redis", url: env.REDIS_URL }
      : env.RATE_LIMIT_STORE === "postgres" && env.DATABASE_URL
        ? { kind: "postgres", connectionString: env.DATABASE_URL }
        : { kind: "memory" };
  const rules = {
    ...DEFAULT_RATE_LIMITS,
    global_ip: { points: env.RATE_LIMIT_GLOBAL_PER_MINUTE, durationSec: 60 },
  };
  return {
    clock: systemClock,
    // The flood limits (general per-IP, and per API key: ADR 016) never depend on (or wait for) the shared store
    // (ADR 010): with Redis down, key callers keep working; each process counts on its own.
    rateLimiter: await createRateLimiter(store, rules, {
      keyPrefix: "plinth",
      localRules: ["global_ip", "api_key"],
      ...(onStoreError ? { onStoreError } : {}),
    }),
    passwords: createPasswordHasher({
      concurrency: env.PASSWORD_HASH_CONCURRENCY,
      queueMax: env.PASSWORD_HASH_QUEUE_MAX,
      maxWaitMs: env.PASSWORD_HASH_MAX_WAIT_MS,
    }),
    cookie: { secure: env.COOKIE_SECURE, hostPrefix: env.COOKIE_HOST_PREFIX },
    appUrl: env.APP_URL,
    requireVerifiedEmail: env.REQUIRE_VERIFIED_EMAIL,
    devMailbox: env.DEV_MAILBOX,
    jobs: createJobQueue(opts.onJobQueued ? { onQueued: opts.onJobQueued } : {}),
    mailer: opts.mailer,
  };
}
