import type { Context } from "./context.ts";
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

/** Email addresses as rate-limit keys: case-folded, so Alice@ and alice@ share one budget. */
export const accountKey = (email: string): string => email.trim().toLowerCase();
