/**
 * Personal API keys (ADR 016). Short on purpose, like session.ts: read it in one sitting.
 *
 * Data model (`api_keys`, packages/db migration 20261123150000):
 *
 *   id            uuid             what the API and audit rows name the key by
 *   user_id       uuid             the key acts as this user (on delete cascade)
 *   public_id     text unique      12 base32 characters, shown in lists; not secret
 *   secret_hash   text unique      hex SHA-256 of the whole token; the token itself is never stored
 *   name, scopes                   scopes: a non-empty subset of read, write (CHECK)
 *   expires_at    timestamptz(3)   null: never
 *   last_used_at  timestamptz(3)   coarse: written at most once a minute per key
 *   revoked_at    timestamptz(3)   soft revocation; the row stays for the audit trail
 *
 * Rules:
 * 1. The token is `plinth_<public_id>_<secret>`: the prefix lets a caller (and a secret scanner) recognize it, the
 *    public id lets its owner find it in a list, and the secret is 20 random bytes (160 bits) in base32.
 * 2. Validation refuses a token of the wrong shape without a query, then looks the key up by the hash of the
 *    token, joined to its user, in one unique-index query. As with sessions, nothing secret is compared: a timing
 *    difference in the index look-up could reveal bits of a hash, which do not help find a token producing it.
 * 3. A key is dead when revoked, expired (expires_at <= now), or its user is disabled. Dead keys are not deleted
 *    on use (unlike sessions): revocation is a state the owner and the audit trail can still see.
 * 4. `last_used_at` is written when it is null or at least a minute old, with the condition in the UPDATE, so a
 *    busy key costs one write a minute, not one per request.
 */

import { type ApiKey, type ApiKeyScope, apiKeys, type Executor, type User } from "@plinth/db";
import type { Clock } from "./clock.ts";
import { hashToken, randomBase32 } from "./tokens.ts";

export const API_KEY_PREFIX = "plinth_";
// 56 bits → 12 characters. With a million keys a new one collides with odds of 1 in 7·10^10; the unique index
// turns that into a failed create the user repeats, not a shared id.
const PUBLIC_ID_BYTES = 7;
const SECRET_BYTES = 20; // 160 bits → 32 characters, as session tokens
const API_KEY_SHAPE = /^plinth_([a-z2-7]{12})_[a-z2-7]{32}$/;

export const API_KEY_POLICY: { readonly lastUsedResolutionMs: number } = Object.freeze({
  lastUsedResolutionMs: 60_000,
});

export interface ApiKeyValidation {
  key: ApiKey;
  user: User;
}

/** A fresh token and its public id. Only `hashToken(token)` may be stored. */
export function generateApiKey(): { token: string; publicId: string } {
  const publicId = randomBase32(PUBLIC_ID_BYTES);
  return { token: `${API_KEY_PREFIX}${publicId}_${randomBase32(SECRET_BYTES)}`, publicId };
}

/** True when a bearer token claims to be an API key (by its prefix), whatever the rest looks like. */
export function isApiKeyToken(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

/** True when the string could be one of our keys. Lets callers reject junk without a query. */
export function isApiKeyShape(token: string): boolean {
  return API_KEY_SHAPE.test(token);
}

/** Stores a new key for `userId` and returns the token, which exists nowhere else once the caller drops it. */
export async function createApiKey(
  db: Executor,
  input: { userId: string; name: string; scopes: readonly ApiKeyScope[]; expiresAt: Date | null },
  clock: Clock,
): Promise<{ token: string; key: ApiKey }> {
  const { token, publicId } = generateApiKey();
  const now = clock.now();
  const key = await apiKeys.insertApiKey(db, {
    user_id: input.userId,
    public_id: publicId,
    secret_hash: hashToken(token),
    name: input.name,
    scopes: [...input.scopes],
    expires_at: input.expiresAt,
    created_at: now,
    updated_at: now,
  });
  return { token, key };
}

export async function validateApiKey(
  db: Executor,
  token: string,
  clock: Clock,
): Promise<ApiKeyValidation | null> {
  if (!isApiKeyShape(token)) return null;
  const found = await apiKeys.findApiKeyWithUser(db, hashToken(token));
  if (!found) return null;
  const { key, user } = found;
  const now = clock.now();
  const expired = key.expires_at !== null && key.expires_at.getTime() <= now.getTime();
  if (key.revoked_at !== null || expired || user.disabled_at !== null) return null;

  const staleBefore = new Date(now.getTime() - API_KEY_POLICY.lastUsedResolutionMs);
  if (key.last_used_at === null || key.last_used_at.getTime() <= staleBefore.getTime()) {
    const wrote = await apiKeys.touchApiKey(db, key.id, now, staleBefore);
    if (wrote) return { key: { ...key, last_used_at: now }, user };
  }
  return { key, user };
}
