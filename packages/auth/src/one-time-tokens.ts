import { type Executor, type TokenPurpose, userTokens } from "@plinth/db";
import type { Clock } from "./clock.ts";
import { generateOneTimeToken, hashToken, isOneTimeTokenShape } from "./tokens.ts";

/**
 * Single-use tokens sent by email (ASVS 6.4): 256 random bits, stored only as their SHA-256, short-lived, and
 * consumed by one conditional UPDATE, so of several parallel uses exactly one succeeds.
 */
const HOUR = 60 * 60 * 1000;

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  email_verification: 24 * HOUR,
  // A reset link grants the account: the shortest life.
  password_reset: HOUR,
  email_change: 24 * HOUR,
};

/**
 * Issues a token and returns it raw, to be put in a link and never stored. Earlier unused tokens of the same
 * purpose for the user stop working, so only the newest email's link is live. Pass a transaction as `db` to issue
 * the token together with the outbox row that sends it.
 */
export async function issueOneTimeToken(
  db: Executor,
  opts: { userId: string; purpose: TokenPurpose; email?: string | null; clock: Clock },
): Promise<string> {
  const token = generateOneTimeToken();
  const now = opts.clock.now();
  await userTokens.deleteUnconsumedTokens(db, opts.userId, opts.purpose);
  await userTokens.insertUserToken(db, {
    user_id: opts.userId,
    purpose: opts.purpose,
    token_hash: hashToken(token),
    email: opts.email ?? null,
    expires_at: new Date(now.getTime() + TOKEN_TTL_MS[opts.purpose]),
    created_at: now,
  });
  return token;
}

/** Uses a token: the user (and address) it was issued for, or null if it is unknown, used, expired or for another purpose. */
export async function consumeOneTimeToken(
  db: Executor,
  opts: { token: string; purpose: TokenPurpose; clock: Clock },
): Promise<{ userId: string; email: string | null } | null> {
  if (!isOneTimeTokenShape(opts.token)) return null;
  const row = await userTokens.consumeUserToken(db, {
    tokenHash: hashToken(opts.token),
    purpose: opts.purpose,
    now: opts.clock.now(),
  });
  return row ? { userId: row.user_id, email: row.email } : null;
}

/**
 * Whether a token is usable now, without using it: lets a caller refuse a dead link before expensive work. Only
 * `consumeOneTimeToken` decides; a token found here can still lose a race.
 */
export async function findOneTimeToken(
  db: Executor,
  opts: { token: string; purpose: TokenPurpose; clock: Clock },
): Promise<{ userId: string; email: string | null } | null> {
  if (!isOneTimeTokenShape(opts.token)) return null;
  const row = await userTokens.findUsableToken(db, {
    tokenHash: hashToken(opts.token),
    purpose: opts.purpose,
    now: opts.clock.now(),
  });
  return row ? { userId: row.user_id, email: row.email } : null;
}

/**
 * Voids every outstanding token of the user, all purposes. Called in the transaction that changes the password,
 * resets it, changes the email or disables the account: a link mailed before such a change must not work after.
 */
export async function voidOneTimeTokens(db: Executor, userId: string): Promise<number> {
  return userTokens.deleteAllUnconsumedTokens(db, userId);
}
