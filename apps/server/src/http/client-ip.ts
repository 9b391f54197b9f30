import type { IncomingMessage } from "node:http";
import proxyAddr from "proxy-addr";

/** Whether the hop at `address` is one of our proxies (`hop` 0 is the socket peer). */
export type TrustedProxies = (address: string, hop: number) => boolean;

/** No proxies are trusted: the socket peer is the client, and X-Forwarded-For is not even parsed. */
const TRUST_NONE: TrustedProxies = () => false;

const strip = (address: string) => (address.startsWith("::ffff:") ? address.slice(7) : address);

/**
 * Compiles TRUSTED_PROXIES entries: addresses (`10.0.0.1`, `::1`), CIDR ranges (`10.0.0.0/8`, `fd00::/8`) or
 * proxy-addr's names (`loopback`, `linklocal`, `uniquelocal`). An IPv4 range also matches the IPv4-mapped IPv6
 * form a dual-stack socket reports (`::ffff:10.1.2.3`). Throws a TypeError naming the malformed entry.
 */
export function compileTrustedProxies(entries: readonly string[]): TrustedProxies {
  return entries.length === 0 ? TRUST_NONE : proxyAddr.compile([...entries]);
}

/**
 * The client's address. X-Forwarded-For is trusted only when the socket peer is a configured proxy; then the
 * client is the right-most hop that is not itself a trusted proxy (anything left of it could be forged by the
 * client). Without trusted proxies the header is ignored, so no caller can pick its own rate-limit key.
 */
export function clientIp(req: IncomingMessage, trusted: TrustedProxies): string | null {
  const peer = req.socket.remoteAddress;
  if (!peer) return null;
  return strip(trusted === TRUST_NONE ? peer : proxyAddr(req, trusted)).slice(0, 64);
}
