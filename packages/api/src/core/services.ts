import {
  type Clock,
  type CookieOptions,
  createRateLimiter,
  DEFAULT_RATE_LIMITS,
  type RateLimiter,
  systemClock,
} from "@plinth/auth";
import type { DB } from "@plinth/db";
import type { Transaction } from "kysely";

/**
 * Long-lived collaborators a procedure needs beyond the database: built once at start-up (or per test) and
 * shared by every request.
 */
export interface Services {
  clock: Clock;
  rateLimiter: RateLimiter;
  cookie: CookieOptions;
  /** Where links in emails point (the web app's origin). */
  appUrl: string;
  /** Procedures marked `verifiedProcedure` refuse accounts whose email is not verified. */
  requireVerifiedEmail: boolean;
  /** Development only: exposes sent mail through `dev.mailbox`. */
  devMailbox: boolean;
  /** Called inside the transaction that queued an email, so a queue engine can schedule delivery atomically. */
  onEmailQueued?: (trx: Transaction<DB>, outboxId: string) => Promise<void>;
  /** Called after a job was queued outside a transaction, so an in-process worker runs it without waiting. */
  onJobQueued?: () => void;
}

/** Services for tests and the embedded default: in-memory limits, the system clock, no Secure cookie. */
export async function createTestServices(overrides: Partial<Services> = {}): Promise<Services> {
  return {
    clock: systemClock,
    rateLimiter: overrides.rateLimiter ?? (await createRateLimiter({ kind: "memory" }, DEFAULT_RATE_LIMITS)),
    cookie: { secure: false, hostPrefix: false },
    appUrl: "http://localhost:5173",
    requireVerifiedEmail: true,
    devMailbox: true,
    ...overrides,
  };
}
