import {
  type Clock,
  type CookieOptions,
  createPasswordHasher,
  createRateLimiter,
  DEFAULT_RATE_LIMITS,
  type PasswordHasher,
  type RateLimiter,
  systemClock,
} from "@plinth/auth";
import { keepInOutboxTransport, type MailTransport } from "./email/mail-transport.ts";
import { createJobQueue, type JobQueue } from "./jobs/job-queue.ts";

/**
 * Long-lived collaborators a procedure needs beyond the database: built once at start-up (or per test) and
 * shared by every request.
 */
export interface Services {
  clock: Clock;
  rateLimiter: RateLimiter;
  /** Every argon2 hash and verify of a request goes through this one bounded queue (ADR 023). */
  passwords: PasswordHasher;
  cookie: CookieOptions;
  /** Where links in emails point (the web app's origin). */
  appUrl: string;
  /** Procedures marked `verifiedProcedure` refuse accounts whose email is not verified. */
  requireVerifiedEmail: boolean;
  /** Development only: exposes sent mail through `dev.mailbox`. */
  devMailbox: boolean;
  /** Deferred work, mail included (`email_delivery`): `jobs.enqueue(trx, name, payload)` (ADR 011). */
  jobs: JobQueue;
  /** What the `email_delivery` job hands each email to. */
  mailer: MailTransport;
}

/**
 * Services for tests: in-memory limits, the system clock, a password queue sized as for this machine, no Secure cookie, jobs queued for whoever runs them
 * (`drainJobs`), and mail kept in the outbox.
 */
export async function createTestServices(overrides: Partial<Services> = {}): Promise<Services> {
  return {
    clock: systemClock,
    rateLimiter: overrides.rateLimiter ?? (await createRateLimiter({ kind: "memory" }, DEFAULT_RATE_LIMITS)),
    passwords: createPasswordHasher(),
    cookie: { secure: false, hostPrefix: false },
    appUrl: "http://localhost:5173",
    requireVerifiedEmail: true,
    devMailbox: true,
    jobs: createJobQueue(),
    mailer: keepInOutboxTransport,
    ...overrides,
  };
}
