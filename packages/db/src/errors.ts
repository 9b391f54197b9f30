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
