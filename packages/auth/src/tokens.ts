import { hash } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

// Base32 (RFC 4648 alphabet, lower case, no padding): case-insensitive-safe, URL-safe, cookie-safe and free of
// look-alike characters (no 0, 1, 8, 9), so a token survives a copy from an email intact.
const SESSION_TOKEN_BYTES = 20; // 160 bits, as in the Lucia guide → 32 characters
const ONE_TIME_TOKEN_BYTES = 32; // 256 bits → 52 characters

const SESSION_TOKEN_SHAPE = /^[a-z2-7]{32}$/;
const ONE_TIME_TOKEN_SHAPE = /^[a-z2-7]{52}$/;

export function randomBase32(byteLength: number): string {
  const bytes = new Uint8Array(byteLength);
  crypto.getRandomValues(bytes); // the OS CSPRNG
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function generateSessionToken(): string {
  return randomBase32(SESSION_TOKEN_BYTES);
}

export function generateOneTimeToken(): string {
  return randomBase32(ONE_TIME_TOKEN_BYTES);
}

/**
 * Hex SHA-256 of the token's UTF-8 bytes: the session id and `user_tokens.token_hash`. Only this is stored, so a
 * leaked table (or backup) cannot be replayed as sessions or reset links. A plain hash is enough because the
 * tokens carry 160-256 random bits: there is nothing to brute-force, so no salt or slow hash is needed.
 * Node's one-shot native hash: the same digest as @oslojs/crypto's JavaScript SHA-256 (tokens.test.ts), at a
 * fraction of its cost on every signed-in request (docs/decisions/029-lean-response-path.md).
 */
export function hashToken(token: string): string {
  return hash("sha256", token, "hex");
}

/** True when the string could be a session token. Lets callers reject junk without a query. */
export function isSessionTokenShape(token: string): boolean {
  return SESSION_TOKEN_SHAPE.test(token);
}

/** True when the string could be a one-time token. */
export function isOneTimeTokenShape(token: string): boolean {
  return ONE_TIME_TOKEN_SHAPE.test(token);
}
