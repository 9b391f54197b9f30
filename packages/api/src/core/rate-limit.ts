import { PasswordQueueFullError, PasswordWaitAbandonedError, type RateLimitDecision } from "@plinth/auth";
import type { Context } from "./context.ts";
import { dependencyFailure } from "./dependency-errors.ts";
import { AppError } from "./errors.ts";
import { type ResponseEffects, recordRateLimit } from "./response-effects.ts";

/**
 * Spends one point of `rule` for `key`, or throws TOO_MANY_REQUESTS with the wait in seconds. Procedures call
 * it before any expensive work (argon2), so a flood is turned away cheaply. When the caller hands in the
 * response effects, the count is recorded there too (the REST transport sends it as RateLimit headers).
 */
export async function enforceRateLimit(
  ctx: Pick<Context, "services"> & { response?: ResponseEffects },
  rule: string,
  key: string,
): Promise<void> {
  apply(ctx, rule, await ctx.services.rateLimiter.consume(rule, key));
}

/** Records the count for the response and throws TOO_MANY_REQUESTS when the call is over the limit. */
function apply(ctx: { response?: ResponseEffects }, rule: string, decision: RateLimitDecision): void {
  // A limiter without the numbers (a stand-in in a test) simply records nothing.
  if (ctx.response && decision.quota) recordRateLimit(ctx.response, rule, decision.quota);
  if (!decision.allowed) {
    throw new AppError("TOO_MANY_REQUESTS", "Too many attempts; try again later", {
      retryAfterSec: decision.retryAfterSec,
    });
  }
}

/**
 * The general per-IP flood limit (`global_ip`, ADR 008): one point per procedure call, so a batch of fifty calls
 * costs fifty. The transports spend it for each call of an HTTP request before any procedure runs, once per call
 * rather than once per middleware chain; in-process callers (`createCaller`) are not flood-limited. A store that
 * cannot count is 503 RATE_LIMIT_UNAVAILABLE, as anywhere else (ADR 010); the server counts this rule in process
 * memory, so that takes a misconfiguration.
 *
 * Counted in this process, the answer comes back at once: nothing to await, and a refusal is thrown right here
 * (docs/decisions/031-fewer-promises-per-call.md). In a cluster worker the primary counts, so it is a promise.
 */
export function enforceFloodLimit(
  ctx: Pick<Context, "services" | "response"> & { client: Pick<Context["client"], "ip"> },
): undefined | Promise<void> {
  const ip = ctx.client.ip ?? "unknown";
  const decision = ctx.services.rateLimiter.consumeInProcess?.("global_ip", ip);
  if (decision === undefined) return enforceSharedFloodLimit(ctx, ip);
  apply(ctx, "global_ip", decision);
  return undefined;
}

async function enforceSharedFloodLimit(
  ctx: Pick<Context, "services" | "response">,
  ip: string,
): Promise<void> {
  try {
    await enforceRateLimit(ctx, "global_ip", ip);
  } catch (error) {
    throw dependencyFailure(error) ?? error;
  }
}

/** Email addresses as rate-limit keys: case-folded, so Alice@ and alice@ share one budget. */
export const accountKey = (email: string): string => email.trim().toLowerCase();

/** Rate-limit points a call spent, as `[rule, key]` pairs, so they can be given back. */
export type SpentPoints = ReadonlyArray<readonly [rule: string, key: string]>;

/**
 * Runs password work that `spent` paid for. When the password queue refuses it (503 PASSWORD_QUEUE_FULL, ADR
 * 023), every point comes back: no password was checked, so it was no failed attempt, and the retry that
 * Retry-After asks for must not cost the caller twice (five refused sign-ups would otherwise lock an address out
 * for an hour). The same points for every caller of one path, so a refund cannot tell which accounts exist.
 * A caller that left while it waited for its turn checked no password either, and gets its points back too.
 */
export async function refundIfRefused<T>(
  ctx: Pick<Context, "services">,
  spent: SpentPoints,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PasswordQueueFullError || error instanceof PasswordWaitAbandonedError) {
      // A store failure here must not replace the 503 the caller should see; the store reports its own errors.
      await Promise.all(spent.map(([rule, key]) => ctx.services.rateLimiter.reward(rule, key))).catch(
        () => undefined,
      );
    }
    throw error;
  }
}
