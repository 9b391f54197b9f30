/**
 * The rules of personal API keys, as pure functions. Who may touch a key needs no rule here: a key belongs to
 * one user, and every query names that user (another user's key is NOT_FOUND).
 */

/** Live keys (not revoked, not expired) a user may hold at once: enough for every tool, not a key per call. */
export const API_KEY_LIMIT = 25;

/** The longest expiry a key can be given; no expiry at all is allowed too (the owner revokes it). */
export const API_KEY_MAX_DAYS = 365;

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a key created at `now` for `days` days stops working; null: never. */
export function expiryFor(now: Date, days: number | undefined): Date | null {
  return days === undefined ? null : new Date(now.getTime() + days * DAY_MS);
}

export function canCreateKey(activeKeys: number): boolean {
  return activeKeys < API_KEY_LIMIT;
}
