import type { Context } from "./context.ts";
import { AppError } from "./errors.ts";

/**
 * Spends one point of `rule` for `key`, or throws TOO_MANY_REQUESTS with the wait in seconds. Procedures call
 * it before any expensive work (argon2), so a flood is turned away cheaply.
 */
export async function enforceRateLimit(
  ctx: Pick<Context, "services">,
  rule: string,
  key: string,
): Promise<void> {
  const decision = await ctx.services.rateLimiter.consume(rule, key);
  if (!decision.allowed) {
    throw new AppError("TOO_MANY_REQUESTS", "Too many attempts; try again later", {
      retryAfterSec: decision.retryAfterSec,
    });
  }
}

/** Email addresses as rate-limit keys: case-folded, so Alice@ and alice@ share one budget. */
export const accountKey = (email: string): string => email.trim().toLowerCase();
