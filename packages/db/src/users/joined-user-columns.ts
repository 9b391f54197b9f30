/**
 * Every `users` column, for a query that joins `users as u` and returns the row as a `User` beside its own
 * (a session or an API key found by its token). One list, so a new user column reaches both look-ups.
 */
export const joinedUserColumns = [
  "u.id",
  "u.email",
  "u.name",
  "u.password_hash",
  "u.email_verified_at",
  "u.role",
  "u.disabled_at",
  "u.created_at",
  "u.updated_at",
] as const;
