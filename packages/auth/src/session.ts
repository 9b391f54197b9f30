/**
 * Sessions, after the Lucia guide ("id = sha256(token)"). Short on purpose: read it in one sitting.
 *
 * Data model (`sessions`, packages/db migrations 20261122170000 and 20261122180000):
 *
 *   id                  text primary key  hex SHA-256 of the token; the token itself is never stored
 *   user_id             uuid              references users (on delete cascade)
 *   expires_at          timestamptz(3)    sliding: now + 30 d, pushed forward on use
 *   absolute_expires_at timestamptz(3)    created_at + 90 d, never moves (ASVS 7.3.2)
 *   last_seen_at        timestamptz(3)    coarse: written at most once a minute
 *   user_agent, ip      text              shown in "your sessions"; truncated to 512 and 64 characters
 *   created_at          timestamptz(3)
 *
 * Rules:
 * 1. The token is 20 random bytes (160 bits) in base32, 32 characters. The client holds it (cookie or
 *    `Authorization: Bearer`); the server keeps only its hash, so a leaked table or backup grants no session.
 * 2. Validation looks the session up by the hash, joined to its user, in one primary-key query. A token that
 *    cannot be one of ours (wrong length or alphabet) is refused before any query. No constant-time compare is
 *    needed: the secret is never compared, only hashed and used as a key, and a timing difference in the index
 *    lookup would reveal bits of the hash, which do not help find a token that produces it.
 * 3. A session is dead when expires_at <= now, absolute_expires_at <= now, or its user is disabled. A dead session
 *    found on use is deleted there and then.
 * 4. When less than 15 d of the sliding window is left, expires_at moves to min(now + 30 d, absolute cap) and the
 *    caller re-sends the cookie (`refreshed`). So an active user is not signed out for 90 days, and the cookie is
 *    re-sent about twice a month, not on every request.
 * 5. Sign-out deletes the row. `invalidateUserSessions` ends all of a user's sessions, or all but the caller's,
 *    for a password change or reset (ASVS 7.4.3).
 * 6. CSRF: the cookie is SameSite=Lax, and state-changing requests authenticated by it must also pass
 *    `isTrustedOrigin` (csrf.ts).
 */

import { type Executor, type Session, sessions, type User } from "@plinth/db";
import type { Clock } from "./clock.ts";
import { generateSessionToken, hashToken, isSessionTokenShape } from "./tokens.ts";

const DAY = 24 * 60 * 60 * 1000;

export const SESSION_POLICY: {
  readonly slidingMs: number;
  readonly refreshBelowMs: number;
  readonly absoluteMs: number;
  readonly lastSeenResolutionMs: number;
} = Object.freeze({
  slidingMs: 30 * DAY,
  refreshBelowMs: 15 * DAY,
  absoluteMs: 90 * DAY,
  // last_seen_at is for "your sessions", not security; a write per request would double the cost of every call.
  lastSeenResolutionMs: 60_000,
});

export interface SessionMeta {
  userAgent: string | null;
  ip: string | null;
}

export interface SessionValidation {
  session: Session;
  user: User;
  /** Set when the expiry moved, so the transport re-sends the cookie. */
  refreshed: boolean;
}

const MAX_USER_AGENT = 512;
const MAX_IP = 64;

export async function createSession(
  db: Executor,
  userId: string,
  meta: SessionMeta,
  clock: Clock,
): Promise<{ token: string; session: Session }> {
  const token = generateSessionToken();
  const now = clock.now();
  const absolute = now.getTime() + SESSION_POLICY.absoluteMs;
  const session = await sessions.insertSession(db, {
    id: hashToken(token),
    user_id: userId,
    expires_at: new Date(Math.min(now.getTime() + SESSION_POLICY.slidingMs, absolute)),
    absolute_expires_at: new Date(absolute),
    last_seen_at: now,
    user_agent: truncate(meta.userAgent, MAX_USER_AGENT),
    ip: truncate(meta.ip, MAX_IP),
    created_at: now,
  });
  return { token, session };
}

export async function validateSessionToken(
  db: Executor,
  token: string,
  clock: Clock,
): Promise<SessionValidation | null> {
  if (!isSessionTokenShape(token)) return null;
  const found = await sessions.findSessionWithUser(db, hashToken(token));
  if (!found) return null;
  const { session, user } = found;
  const now = clock.now().getTime();

  const expired = session.expires_at.getTime() <= now || session.absolute_expires_at.getTime() <= now;
  if (expired || user.disabled_at !== null) {
    await sessions.deleteSession(db, session.id);
    return null;
  }

  if (session.expires_at.getTime() - now < SESSION_POLICY.refreshBelowMs) {
    const expiresAt = new Date(
      Math.min(now + SESSION_POLICY.slidingMs, session.absolute_expires_at.getTime()),
    );
    // Near the absolute cap the expiry may already be as far as it can go: then nothing moves.
    if (expiresAt.getTime() > session.expires_at.getTime()) {
      const lastSeenAt = new Date(now);
      await sessions.touchSession(db, session.id, { lastSeenAt, expiresAt });
      return {
        session: { ...session, expires_at: expiresAt, last_seen_at: lastSeenAt },
        user,
        refreshed: true,
      };
    }
  }

  if (now - session.last_seen_at.getTime() >= SESSION_POLICY.lastSeenResolutionMs) {
    const lastSeenAt = new Date(now);
    await sessions.touchSession(db, session.id, { lastSeenAt });
    return { session: { ...session, last_seen_at: lastSeenAt }, user, refreshed: false };
  }
  return { session, user, refreshed: false };
}

/** Sign-out: deletes the session by its id (the token's hash). */
export async function invalidateSession(db: Executor, sessionId: string): Promise<void> {
  await sessions.deleteSession(db, sessionId);
}

/** Ends every session of a user, or every one but `except` (a session id: the caller's own). Returns the count. */
export async function invalidateUserSessions(
  db: Executor,
  userId: string,
  opts: { except?: string } = {},
): Promise<number> {
  return sessions.deleteUserSessions(db, userId, opts);
}

/** At most `max` code points, never splitting a surrogate pair (the column checks length in characters). */
function truncate(value: string | null, max: number): string | null {
  if (value === null || value.length <= max) return value;
  return [...value.slice(0, max * 2)].slice(0, max).join("");
}
