import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/unstable-core-do-not-import";

export interface ErrorDetail {
  /** Dotted path to the offending input field; "" for the input as a whole. */
  path: string;
  message: string;
}

/**
 * Stable, machine-readable reasons a call can fail. Clients switch on these, so a code, once shipped, keeps its
 * meaning; add new ones rather than reuse.
 */
export const appErrorCodes = {
  VALIDATION_FAILED: "BAD_REQUEST",
  INVALID_CURSOR: "BAD_REQUEST",
  MALFORMED_REQUEST: "PARSE_ERROR",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  METHOD_NOT_ALLOWED: "METHOD_NOT_SUPPORTED",
  BATCH_TOO_LARGE: "BAD_REQUEST",
  PROCEDURE_NOT_FOUND: "NOT_FOUND",
  NOT_FOUND: "NOT_FOUND",
  USER_NOT_FOUND: "NOT_FOUND",
  UNAUTHORIZED: "UNAUTHORIZED",
  INVALID_CREDENTIALS: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  ORIGIN_NOT_ALLOWED: "FORBIDDEN",
  ACCOUNT_DISABLED: "FORBIDDEN",
  EMAIL_NOT_VERIFIED: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  EMAIL_TAKEN: "CONFLICT",
  WEAK_PASSWORD: "BAD_REQUEST",
  INVALID_TOKEN: "BAD_REQUEST",
  CANNOT_DISABLE_SELF: "BAD_REQUEST",
  SESSION_NOT_FOUND: "NOT_FOUND",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  DATABASE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  RATE_LIMIT_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  // Too much password hashing queued already (ADR 023): load shedding, not an outage.
  PASSWORD_QUEUE_FULL: "SERVICE_UNAVAILABLE",
  INTERNAL: "INTERNAL_SERVER_ERROR",
  STALE_WRITE: "CONFLICT",
  PROJECT_KEY_TAKEN: "CONFLICT",
  ASSIGNEE_NOT_MEMBER: "BAD_REQUEST",
  SLUG_TAKEN: "CONFLICT",
  LAST_OWNER: "CONFLICT",
  ALREADY_MEMBER: "CONFLICT",
  INVITATION_EMAIL_MISMATCH: "FORBIDDEN",
  // REST: a path no route serves, and a conditional write (If-Match) whose resource changed.
  ROUTE_NOT_FOUND: "NOT_FOUND",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  // REST `Idempotency-Key` (ADR 018).
  IDEMPOTENCY_KEY_REUSED: "UNPROCESSABLE_CONTENT",
  IDEMPOTENCY_IN_PROGRESS: "CONFLICT",
  INVALID_IDEMPOTENCY_KEY: "BAD_REQUEST",
  // API keys (ADR 016).
  INSUFFICIENT_SCOPE: "FORBIDDEN",
  API_KEY_NOT_ALLOWED: "FORBIDDEN",
} as const satisfies Record<string, TRPC_ERROR_CODE_KEY>;

export type AppErrorCode = keyof typeof appErrorCodes;

/**
 * The one error type domain code throws. It is a TRPCError, so tRPC keeps it intact through middlewares and
 * `createCaller`, and the error formatter reads `appCode` and `details` off it.
 */
export class AppError extends TRPCError {
  readonly appCode: AppErrorCode;
  readonly details: ErrorDetail[] | undefined;
  /** For TOO_MANY_REQUESTS and the *_UNAVAILABLE codes: seconds until a retry may succeed (Retry-After). */
  readonly retryAfterSec: number | undefined;

  constructor(
    appCode: AppErrorCode,
    message: string,
    options: { details?: ErrorDetail[]; cause?: unknown; retryAfterSec?: number } = {},
  ) {
    super({ code: appErrorCodes[appCode], message, cause: options.cause });
    this.name = "AppError";
    this.appCode = appCode;
    this.details = options.details;
    this.retryAfterSec = options.retryAfterSec;
  }
}
