import { createJobQueue, type MailTransport, type Services } from "@plinth/api";
import {
  type ClusterChannel,
  createPasswordHasher,
  createRateLimiter,
  DEFAULT_RATE_LIMITS,
  type RateLimitRule,
  type RateLimitStore,
  systemClock,
} from "@plinth/auth";
import type { ServerEnv } from "./env.ts";

/**
 * The flood limits (general per-IP, and per API key: ADR 016) never depend on (or wait for) the shared store
 * (ADR 010): with Redis down, key callers keep working. One process counts them in its memory; a cluster's
 * workers count them in the primary (ADR 022), which builds its counters from the same rules.
 */
export const LOCAL_RATE_LIMIT_RULES = ["global_ip", "api_key"] as const;

export function rateLimitRules(env: Pick<ServerEnv, "RATE_LIMIT_GLOBAL_PER_MINUTE">) {
  return {
    ...DEFAULT_RATE_LIMITS,
    global_ip: { points: env.RATE_LIMIT_GLOBAL_PER_MINUTE, durationSec: 60 },
  } satisfies Record<string, RateLimitRule>;
}

/** The server's long-lived collaborators, from its environment. */
export async function createServices(
  env: ServerEnv,
  opts: {
    mailer: MailTransport;
    /** A job was queued outside a transaction: nudge the worker. */
    onJobQueued?: () => void;
    onStoreError?: (error: Error) => void;
    /** In a cluster worker: the channel to the primary, which counts the flood limits for every worker. */
    clusterChannel?: ClusterChannel;
  },
): Promise<Services> {
  const { onStoreError } = opts;
  const store: RateLimitStore =
    env.RATE_LIMIT_STORE === "redis" && env.REDIS_URL
      ? { kind: "redis", url: env.REDIS_URL }
      : env.RATE_LIMIT_STORE === "postgres" && env.DATABASE_URL
        ? { kind: "postgres", connectionString: env.DATABASE_URL }
        : { kind: "memory" };
  return {
    clock: systemClock,
    rateLimiter: await createRateLimiter(store, rateLimitRules(env), {
      keyPrefix: "plinth",
      localRules: LOCAL_RATE_LIMIT_RULES,
      ...(onStoreError ? { onStoreError } : {}),
      ...(opts.clusterChannel ? { clusterChannel: opts.clusterChannel } : {}),
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
