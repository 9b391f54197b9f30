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
  const decision = await ctx.services.rateLimiter.consume(rule, key);
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
 */
export async function enforceFloodLimit(
  ctx: Pick<Context, "services" | "response"> & { client: Pick<Context["client"], "ip"> },
): Promise<void> {
  try {
    await enforceRateLimit(ctx, "global_ip", ctx.client.ip ?? "unknown");
  } catch (error) {
    throw dependencyFailure(error) ?? error;
  }
}

/** Email addresses as rate-limit keys: case-folded, so Alice@ and alice@ share one budget. */
export const accountKey = (email: string): string => email.trim().toLowerCase();
