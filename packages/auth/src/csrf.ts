/**
 * CSRF defence for cookie-authenticated requests that change state (ASVS 3.5.1), on top of SameSite=Lax:
 *
 * - `Origin` present: it must be one of ours, exactly (`scheme://host[:port]`, as browsers send it). The opaque
 *   origin `null` (sandboxed frames, some redirects, file:) is never ours.
 * - `Origin` absent: trusted only with `Sec-Fetch-Site: same-origin`. `same-site` is not enough (a sibling
 *   subdomain is another party), and `none` means the user typed or bookmarked a URL, which is never how one of
 *   our state-changing calls is made.
 * - Neither header: not trusted. Every browser we support sends at least one on such a request; a client without
 *   them is not a browser and should authenticate with a bearer token, which CSRF cannot forge.
 *
 * `host` is accepted but deliberately unused: comparing Origin with Host would trust any origin whose DNS name an
 * attacker points at this server (DNS rebinding). Only the configured list says what is ours.
 */
export function isTrustedOrigin(
  headers: { origin?: string | undefined; "sec-fetch-site"?: string | undefined; host?: string | undefined },
  allowedOrigins: ReadonlySet<string>,
): boolean {
  const origin = headers.origin;
  if (origin !== undefined) return origin !== "null" && allowedOrigins.has(origin);
  return headers["sec-fetch-site"] === "same-origin";
}
