import { PasswordQueueFullError, RateLimitStoreError } from "@plinth/auth";
import { isDatabaseUnavailable } from "@plinth/db";
import { AppError } from "./errors.ts";

/** A database restart takes a few seconds; asking clients to come back sooner only adds load (ADR 010). */
export const DEPENDENCY_RETRY_AFTER_SEC = 5;

function* causes(error: unknown): Generator<unknown> {
  for (let e = error, depth = 0; e !== undefined && depth < 8; depth++) {
    yield e;
    e = e instanceof Error ? e.cause : undefined;
  }
}

/**
 * Turns "a dependency is down" (or "the password queue is full", ADR 023) into its stable 503 code, or returns
 * undefined for any other failure. Used by the base procedure middleware (so `createCaller` gets it too) and by
 * `createRequestContext`. A rate-limit store failure is checked first: with the PostgreSQL store both are down,
 * and the limiter is what refused.
 */
export function dependencyFailure(error: unknown): AppError | undefined {
  if (error instanceof AppError) return undefined;
  const chain = [...causes(error)];
  if (chain.some((e) => e instanceof RateLimitStoreError)) {
    return new AppError("RATE_LIMIT_UNAVAILABLE", "Temporarily unavailable; try again shortly", {
      cause: error,
      retryAfterSec: DEPENDENCY_RETRY_AFTER_SEC,
    });
  }
  const busy = chain.find((e) => e instanceof PasswordQueueFullError);
  if (busy) {
    // The same answer whether or not the email has an account: the gate refuses before any password is read.
    return new AppError("PASSWORD_QUEUE_FULL", "Too many sign-ins at once; try again shortly", {
      cause: error,
      retryAfterSec: busy.retryAfterSec,
    });
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError("DATABASE_UNAVAILABLE", "Temporarily unavailable; try again shortly", {
      cause: error,
      retryAfterSec: DEPENDENCY_RETRY_AFTER_SEC,
    });
  }
  return undefined;
}
