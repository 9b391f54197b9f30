import type { IncomingMessage } from "node:http";

const strip = (address: string) => (address.startsWith("::ffff:") ? address.slice(7) : address);

/**
 * The client's address. X-Forwarded-For is trusted only when the socket peer is a configured proxy; then the
 * client is the right-most hop that is not itself a trusted proxy (anything left of it could be forged by the
 * client). Without trusted proxies the header is ignored, so no caller can pick its own rate-limit key.
 */
export function clientIp(req: IncomingMessage, trustedProxies: ReadonlySet<string>): string | null {
  const peer = req.socket.remoteAddress ? strip(req.socket.remoteAddress) : null;
  if (!peer || !trustedProxies.has(peer)) return peer;
  const forwarded = req.headers["x-forwarded-for"];
  const hops = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? ""))
    .split(",")
    .map((h) => strip(h.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (hop && !trustedProxies.has(hop)) return hop.slice(0, 64);
  }
  return peer;
}
