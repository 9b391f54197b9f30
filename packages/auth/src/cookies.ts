/**
 * The session cookie (ASVS 3.3): HttpOnly (no script can read it), SameSite=Lax (not sent on cross-site
 * sub-requests or POSTs), Path=/, Secure over HTTPS. With `hostPrefix`, the name `__Host-plinth_session` makes
 * the browser itself enforce Secure, Path=/ and no Domain, so a sibling subdomain cannot set or shadow it.
 */
export interface CookieOptions {
  secure: boolean;
  hostPrefix: boolean;
}

const NAME = "plinth_session";

export function sessionCookieName(opts: CookieOptions): string {
  // Browsers drop a __Host- cookie without Secure; failing here makes the misconfiguration loud instead.
  if (opts.hostPrefix && !opts.secure) throw new Error("A __Host- cookie requires secure: true");
  return opts.hostPrefix ? `__Host-${NAME}` : NAME;
}

// RFC 6265 cookie-octet: printable ASCII except space, DQUOTE, comma, semicolon and backslash.
const COOKIE_VALUE = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]+$/;

function attributes(opts: CookieOptions, expires: Date, maxAgeSec: number): string {
  const parts = [
    "HttpOnly",
    "SameSite=Lax",
    "Path=/",
    `Expires=${expires.toUTCString()}`,
    `Max-Age=${maxAgeSec}`,
  ];
  if (opts.secure) parts.push("Secure");
  return parts.join("; ");
}

/** A `Set-Cookie` value. Max-Age is counted from now (it wins over Expires where both are understood). */
export function serializeSessionCookie(token: string, expiresAt: Date, opts: CookieOptions): string {
  return serializeTokenCookie(sessionCookieName(opts), token, expiresAt, opts);
}

/** Any of our token cookies (session, known device): same attributes, value checked. */
export function serializeTokenCookie(
  name: string,
  token: string,
  expiresAt: Date,
  opts: CookieOptions,
): string {
  // Our tokens are base32; refusing anything else keeps a bad value from injecting attributes.
  if (!COOKIE_VALUE.test(token)) throw new Error("Token is not a valid cookie value");
  const maxAgeSec = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return `${name}=${token}; ${attributes(opts, expiresAt, maxAgeSec)}`;
}

/** A `Set-Cookie` value that removes the session cookie (sign-out, or a token that did not validate). */
export function serializeBlankSessionCookie(opts: CookieOptions): string {
  return `${sessionCookieName(opts)}=; ${attributes(opts, new Date(0), 0)}`;
}

/**
 * The session token from a `Cookie` header, or null. Pairs without `=` or with an empty or invalid value are
 * skipped; of several cookies with our name, the first usable one wins (browsers send the most specific first).
 */
export function readSessionCookie(cookieHeader: string | undefined, opts: CookieOptions): string | null {
  return readTokenCookie(cookieHeader, sessionCookieName(opts));
}

/** The value of the first usable cookie called `name`, by the same rules as the session cookie. */
export function readTokenCookie(cookieHeader: string | undefined, name: string): string | null {
  if (!cookieHeader) return null;
  for (const pair of cookieHeader.split(";")) {
    const eq = pair.indexOf("=");
    if (eq === -1 || pair.slice(0, eq).trim() !== name) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (COOKIE_VALUE.test(value)) return value;
  }
  return null;
}

// RFC 6750 §2.1: "Bearer" (any case), one or more spaces, then a token68.
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** The token from `Authorization: Bearer <token>`, or null for a missing header or another scheme. */
export function readBearerToken(authorizationHeader: string | undefined): string | null {
  if (!authorizationHeader) return null;
  return BEARER.exec(authorizationHeader)?.[1] ?? null;
}
