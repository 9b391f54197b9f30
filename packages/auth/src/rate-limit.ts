import { RateLimiterRes } from "rate-limiter-flexible";
import { MemoryWindow, type WindowCount } from "./memory-window.ts";
import { type ClusterChannel, createClusterCounterClient } from "./rate-limit-cluster.ts";
import { openStore, type RateLimitStore } from "./rate-limit-stores.ts";
import { hashToken } from "./tokens.ts";

export type { RateLimitStore } from "./rate-limit-stores.ts";

/**
 * Per-key limits (ASVS 6.3.1, 6.4.x): the caller consumes one point per procedure call under a rule, keyed by IP,
 * account (normalized email) or both. Built on rate-limiter-flexible, whose store limiters count atomically.
 *
 * Fail closed: when the store cannot answer (Redis or PostgreSQL down), `consume` throws instead of allowing the
 * request. A sign-in that errors is a visible outage; a limiter that silently allows everything while Redis is
 * down is an invisible open door for credential stuffing. The caller maps the error to a 5xx (or, deliberately,
 * to a degraded path of its own choosing).
 *
 * Keys are stored as the SHA-256 of the caller's key, so the store holds no emails or IPs and every key has the
 * same bounded length (the PostgreSQL table's key is varchar(255)).
 */
export interface RateLimitRule {
  points: number;
  durationSec: number;
  /** Once over the limit, stay denied this long (from the moment the limit was crossed) instead of until the window ends. */
  blockDurationSec?: number;
}

/**
 * What a rule allows and where the caller stands in its window: the numbers of the IETF `RateLimit-Policy` /
 * `RateLimit` headers (a transport may send them; nothing else depends on them).
 */
export interface RateLimitQuota {
  /** Points the rule allows per window. */
  limit: number;
  windowSec: number;
  /** Points left in the current window (0 once denied). */
  remaining: number;
  /** Seconds until the window (or a block) ends and points come back. */
  resetSec: number;
}

export type RateLimitDecision =
  | { allowed: true; remaining: number; quota: RateLimitQuota }
  | { allowed: false; retryAfterSec: number; quota: RateLimitQuota };

export interface RateLimiter {
  /** Counts one call. Throws for an unknown rule, and a RateLimitStoreError when the store fails. */
  consume(rule: string, key: string): Promise<RateLimitDecision>;
  /**
   * The same count, answered at once, for a rule this process counts in its own memory (a local rule outside a
   * cluster); `undefined` for any other rule, which only `consume` can count. The flood limit runs on every call,
   * and a promise per call was most of its cost.
   */
  consumeInProcess?(rule: string, key: string): RateLimitDecision | undefined;
  /** Forgets a key's count, e.g. per-account sign-in failures after a successful sign-in. */
  reset(rule: string, key: string): Promise<void>;
  /**
   * Gives back one point. A sign-in spends its points before argon2 and returns them when the password was right,
   * so the rule counts failures, and parallel guesses cannot all slip past a count that is not yet written.
   */
  reward(rule: string, key: string): Promise<void>;
  /** Which shared store counts, and whether it answers now (readiness). Absent when everything is in memory. */
  ping?: () => Promise<void>;
  readonly storeKind?: RateLimitStore["kind"];
  close(): Promise<void>;
}

/** The shared store (Redis, PostgreSQL) could not count: callers fail closed with a 503, not a 500. */
export class RateLimitStoreError extends Error {
  constructor(
    readonly rule: string,
    options: ErrorOptions,
  ) {
    super(`Rate limit store failed (rule ${rule})`, options);
    this.name = "RateLimitStoreError";
  }
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;

export const DEFAULT_RATE_LIMITS: Record<
  | "global_ip"
  | "login_ip"
  | "login_account_ip"
  | "login_account"
  | "login_device"
  | "reauth_account"
  | "signup_ip"
  | "signup_account"
  | "reset_ip"
  | "reset_account"
  | "reset_password_ip"
  | "verify_email_ip"
  | "email_change_ip"
  | "verify_resend_account"
  | "verify_resend_ip"
  | "api_key",
  RateLimitRule
> = {
  global_ip: { points: 300, durationSec: MINUTE },
  // Sign-in counts failures (ADR 008). An IP that keeps failing is held a full 15 minutes from its 21st failure.
  login_ip: { points: 20, durationSec: 15 * MINUTE, blockDurationSec: 15 * MINUTE },
  // One account from one IP: tight, and cleared by a successful sign-in from that IP.
  login_account_ip: { points: 5, durationSec: 15 * MINUTE },
  // One account from every IP without a known device: loose, so a botnet needs many IPs to slow guessing and
  // cannot shut the owner out, who signs in from a known device without this count (ASVS 6.3.1).
  login_account: { points: 50, durationSec: HOUR },
  // One account from one known device: a stolen device marker alone does not allow unlimited guessing.
  login_device: { points: 10, durationSec: 15 * MINUTE },
  // The current password asked again for sensitive changes, per signed-in user: a stolen session cannot guess it.
  reauth_account: { points: 10, durationSec: 15 * MINUTE },
  signup_ip: { points: 10, durationSec: HOUR },
  // Per address being registered: repeated signups for one email (enumeration, mail bombing) stop here.
  signup_account: { points: 5, durationSec: HOUR },
  reset_ip: { points: 5, durationSec: HOUR },
  reset_account: { points: 5, durationSec: HOUR },
  // Using an emailed link: a token cannot be guessed (256 bits), but every call costs a query, and a reset an argon2 hash.
  reset_password_ip: { points: 20, durationSec: 15 * MINUTE },
  verify_email_ip: { points: 20, durationSec: 15 * MINUTE },
  email_change_ip: { points: 20, durationSec: 15 * MINUTE },
  verify_resend_account: { points: 3, durationSec: 15 * MINUTE },
  verify_resend_ip: { points: 10, durationSec: 15 * MINUTE },
  // Every call made with an API key, keyed by the key's id (ADR 016), on top of the per-IP flood guard: one
  // runaway script is slowed without touching its owner's other keys or browser session.
  api_key: { points: 600, durationSec: MINUTE },
};

export interface RateLimiterOptions {
  keyPrefix?: string;
  onStoreError?: (error: Error) => void;
  /**
   * Rules counted in this process's memory whatever the store is (ADR 010): the general per-IP flood limit must
   * not make every call fail, or cost a network round trip, because Redis or PostgreSQL is down. Each process
   * then allows the limit on its own, which is fine for a flood guard and wrong for credential limits.
   */
  localRules?: readonly string[];
  /**
   * In a cluster worker: count the local rules in the cluster primary over this channel instead of this process's
   * memory, so the workers share one count (ADR 022). The primary runs `createClusterCounterPrimary`.
   */
  clusterChannel?: ClusterChannel;
}

export async function createRateLimiter(
  store: RateLimitStore,
  rules: Record<string, RateLimitRule>,
  opts: RateLimiterOptions = {},
): Promise<RateLimiter> {
  const prefix = opts.keyPrefix ?? "plinth";
  for (const [name, rule] of Object.entries(rules)) assertRule(name, rule);
  const local = new Set(opts.localRules ?? []);
  for (const name of local) if (!(name in rules)) throw new Error(`Unknown local rate limit rule: ${name}`);
  const backend = await openStore(store, opts.onStoreError ?? (() => {}));
  const cluster = opts.clusterChannel ? createClusterCounterClient(opts.clusterChannel) : undefined;
  // Local rules outside a cluster: counted here, synchronously (memory-window.ts).
  const windows = new Map(
    cluster ? [] : [...local].map((name) => [name, new MemoryWindow(rules[name] as RateLimitRule)] as const),
  );
  const limiters = new Map(
    Object.entries(rules)
      .filter(([name]) => !windows.has(name))
      .map(([name, rule]) => {
        const options = {
          keyPrefix: `${prefix}:${name}`,
          points: rule.points,
          duration: rule.durationSec,
          blockDuration: rule.blockDurationSec ?? 0,
        };
        // A local rule here is a cluster worker's: the primary counts it (ADR 022).
        return [
          name,
          cluster && local.has(name) ? cluster.counter(name, rule.points) : backend.limiter(options),
        ] as const;
      }),
  );
  const quotaOf = (rule: string, remaining: number, msBeforeNext: number): RateLimitQuota => ({
    limit: rules[rule]?.points ?? 0,
    windowSec: rules[rule]?.durationSec ?? 0,
    remaining: Math.max(0, remaining),
    resetSec: Math.max(0, Math.ceil(msBeforeNext / 1000)),
  });
  const limiterFor = (rule: string) => {
    const limiter = limiters.get(rule);
    if (!limiter) throw new Error(`Unknown rate limit rule: ${rule}`);
    return limiter;
  };
  const decide = (rule: string, count: WindowCount): RateLimitDecision =>
    count.allowed
      ? {
          allowed: true,
          remaining: count.remaining,
          quota: quotaOf(rule, count.remaining, count.msBeforeNext),
        }
      : {
          allowed: false,
          retryAfterSec: Math.max(1, Math.ceil(count.msBeforeNext / 1000)),
          quota: quotaOf(rule, 0, count.msBeforeNext),
        };
  const consumeInProcess = (rule: string, key: string): RateLimitDecision | undefined => {
    const window = windows.get(rule);
    return window ? decide(rule, window.consume(key)) : undefined;
  };
  // Keys (emails, IPs) are hashed before they reach a store outside the process; process memory needs no hiding,
  // and the hash would cost more than the rest of a memory-store check.
  const hashed = (key: string) => hashToken(key);
  const storeKey = (rule: string, key: string) =>
    store.kind === "memory" || local.has(rule) ? key : hashed(key);

  return {
    consumeInProcess,
    async consume(rule, key) {
      const now = consumeInProcess(rule, key);
      if (now) return now;
      const limiter = limiterFor(rule);
      try {
        const res = await limiter.consume(storeKey(rule, key));
        const quota = quotaOf(rule, res.remainingPoints, res.msBeforeNext);
        return { allowed: true, remaining: res.remainingPoints, quota };
      } catch (rejection) {
        // The library rejects with a RateLimiterRes when the limit is reached, and with an Error when the store fails.
        if (rejection instanceof RateLimiterRes) {
          const retryAfterSec = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
          return { allowed: false, retryAfterSec, quota: quotaOf(rule, 0, rejection.msBeforeNext) };
        }
        throw new RateLimitStoreError(rule, { cause: rejection });
      }
    },
    async reset(rule, key) {
      const window = windows.get(rule);
      if (window) return window.delete(key);
      const limiter = limiterFor(rule);
      try {
        await limiter.delete(storeKey(rule, key));
      } catch (error) {
        throw new RateLimitStoreError(rule, { cause: error });
      }
    },
    async reward(rule, key) {
      const window = windows.get(rule);
      if (window) return window.reward(key);
      const limiter = limiterFor(rule);
      try {
        await limiter.reward(storeKey(rule, key), 1);
      } catch (error) {
        throw new RateLimitStoreError(rule, { cause: error });
      }
    },
    ...(backend.ping ? { ping: backend.ping, storeKind: store.kind } : {}),
    close: () => {
      cluster?.close();
      return backend.close();
    },
  };
}

function assertRule(name: string, rule: RateLimitRule): void {
  const positiveInt = (n: number | undefined) => n === undefined || (Number.isInteger(n) && n > 0);
  if (!positiveInt(rule.points) || !positiveInt(rule.durationSec) || !positiveInt(rule.blockDurationSec)) {
    throw new Error(`Rate limit rule ${name}: points and durations must be positive integers`);
  }
}
