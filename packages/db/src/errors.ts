/**
 * PostgreSQL reports constraint failures by SQLSTATE; these helpers let callers turn the expected ones (a taken
 * email, say) into domain errors without string-matching messages.
 */
interface PgError {
  code: string;
  constraint?: string;
}

function isPgError(error: unknown): error is PgError {
  return (
    typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string"
  );
}

/** 23505 unique_violation, optionally on a named constraint (e.g. `users_email_key`). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return (
    isPgError(error) &&
    error.code === "23505" &&
    (constraint === undefined || error.constraint === constraint)
  );
}

/** 23503 foreign_key_violation. */
export function isForeignKeyViolation(error: unknown): boolean {
  return isPgError(error) && error.code === "23503";
}

/** node-postgres's own client-side query timeout (`query_timeout`). */
export function isQueryReadTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === "Query read timeout";
}

const UNAVAILABLE_SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * SQLSTATEs that mean "the server, not the query": 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
 * cannot_connect_now (starting up or shutting down), 57014 query_canceled (our statement_timeout), 53300
 * too_many_connections, and class 08 (connection exceptions).
 */
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "57014", "53300"]);

/** node-postgres and pg-pool report these without a code. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^Query read timeout$/,
  /^timeout exceeded when trying to connect$/,
  /is not queryable$/,
  /^Client has encountered a connection error/,
];

/**
 * True when an error (or any error in its `cause` chain) says the database could not be reached or stopped
 * answering, as opposed to refusing a query. Callers turn it into 503 + Retry-After instead of a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") {
      if (UNAVAILABLE_SOCKET_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code)) return true;
      if (/^08[0-9A-Z]{3}$/.test(code)) return true;
    }
    if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(e.message))) return true;
    // `connect ECONNREFUSED` from a pool with several addresses arrives as an AggregateError.
    if (e instanceof AggregateError && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}
