/**
 * Known devices (ADR 008): a browser or API client that signed in to an account successfully holds a random
 * device token (256 bits, an HttpOnly cookie `plinth_device`, or a value a bearer client keeps and sends back).
 * The server stores only its SHA-256 with the user id (`known_devices`). Sign-in from a known device is limited
 * per device instead of per account, so attackers guessing an account's password from many IPs cannot keep its
 * owner out.
 *
 * A token is adopted only for an account it is already known for; otherwise a fresh one is issued, so a token an
 * attacker planted in a browser (or read from a device it signed in from) is never made known for the victim.
 */
import { type Executor, knownDevices } from "@plinth/db";
import type { Clock } from "./clock.ts";
import { type CookieOptions, readTokenCookie, serializeTokenCookie } from "./cookies.ts";
import { generateOneTimeToken, hashToken, isOneTimeTokenShape } from "./tokens.ts";

/** A device stays known this long after its last successful sign-in. */
export const KNOWN_DEVICE_TTL_MS = 180 * 24 * 60 * 60 * 1000;
/** An account remembers at most this many devices, the most recently used. */
export const KNOWN_DEVICES_PER_ACCOUNT = 50;

const NAME = "plinth_device";

export function deviceCookieName(opts: CookieOptions): string {
  return opts.hostPrefix ? `__Host-${NAME}` : NAME;
}

export function readDeviceCookie(cookieHeader: string | undefined, opts: CookieOptions): string | null {
  return readTokenCookie(cookieHeader, deviceCookieName(opts));
}

export function serializeDeviceCookie(token: string, expiresAt: Date, opts: CookieOptions): string {
  return serializeTokenCookie(deviceCookieName(opts), token, expiresAt, opts);
}

/** The device's rate-limit identity for one account; the token itself never becomes a key. */
export function deviceKey(userId: string, token: string): string {
  return `${userId}:${hashToken(token)}`;
}

/** True when `token` signed in to this account before and has not expired. */
export async function isKnownDevice(
  db: Executor,
  opts: { userId: string; token: string | null | undefined; clock: Clock },
): Promise<boolean> {
  if (!opts.token || !isOneTimeTokenShape(opts.token)) return false;
  const found = await knownDevices.findKnownDevice(db, {
    userId: opts.userId,
    tokenHash: hashToken(opts.token),
    now: opts.clock.now(),
  });
  return found !== undefined;
}

/**
 * After a successful sign-in: keeps (and extends) the presented token if it is already known for this account,
 * else issues a new one. Returns the token to hand back to the client and when it expires.
 */
export async function rememberDevice(
  db: Executor,
  opts: { userId: string; presented: string | null | undefined; known: boolean; clock: Clock },
): Promise<{ token: string; expiresAt: Date }> {
  const token = opts.known && opts.presented ? opts.presented : generateOneTimeToken();
  const now = opts.clock.now();
  const expiresAt = new Date(now.getTime() + KNOWN_DEVICE_TTL_MS);
  await knownDevices.rememberKnownDevice(db, {
    userId: opts.userId,
    tokenHash: hashToken(token),
    now,
    expiresAt,
  });
  await knownDevices.pruneKnownDevices(db, { userId: opts.userId, now, keep: KNOWN_DEVICES_PER_ACCOUNT });
  return { token, expiresAt };
}

/** After a password reset: the account starts over, and each device earns its place again by signing in. */
export async function forgetDevices(db: Executor, userId: string): Promise<number> {
  return knownDevices.forgetKnownDevices(db, userId);
}
