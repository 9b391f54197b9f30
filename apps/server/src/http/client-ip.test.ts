import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientIp, compileTrustedProxies } from "./client-ip.ts";

const req = (remoteAddress: string, xff?: string) =>
  ({
    socket: { remoteAddress },
    headers: xff === undefined ? {} : { "x-forwarded-for": xff },
  }) as unknown as IncomingMessage;
const trust = (...entries: string[]) => compileTrustedProxies(entries);

describe("clientIp", () => {
  it("ignores X-Forwarded-For unless the peer is a trusted proxy", () => {
    expect(clientIp(req("198.51.100.9", "1.2.3.4"), trust())).toBe("198.51.100.9");
    expect(clientIp(req("::ffff:198.51.100.9", "1.2.3.4"), trust("10.0.0.1"))).toBe("198.51.100.9");
  });

  it("takes the right-most untrusted hop behind trusted proxies, so a forged left part does not count", () => {
    const proxies = trust("10.0.0.1", "10.0.0.2");
    expect(clientIp(req("10.0.0.1", "6.6.6.6, 203.0.113.5, 10.0.0.2"), proxies)).toBe("203.0.113.5");
    expect(clientIp(req("10.0.0.1", ""), proxies)).toBe("10.0.0.1");
    expect(clientIp(req("10.0.0.1"), proxies)).toBe("10.0.0.1");
  });

  it("matches CIDR ranges, also against the IPv4-mapped IPv6 form of a dual-stack socket", () => {
    const proxies = trust("10.0.0.0/8", "fd00::/8");
    expect(clientIp(req("10.20.30.40", "203.0.113.5, 10.9.9.9"), proxies)).toBe("203.0.113.5");
    expect(clientIp(req("::ffff:10.20.30.40", "203.0.113.5"), proxies)).toBe("203.0.113.5");
    expect(clientIp(req("fd12::1", "2001:db8::7"), proxies)).toBe("2001:db8::7");
    expect(clientIp(req("11.0.0.1", "203.0.113.5"), proxies)).toBe("11.0.0.1");
  });

  it("refuses malformed entries instead of accepting a range that never matches", () => {
    expect(() => trust("10.0.0.0/33")).toThrow(/10\.0\.0\.0\/33/);
    expect(() => trust("proxy.internal")).toThrow(/proxy\.internal/);
    expect(() => trust("10.0.0.256")).toThrow(/10\.0\.0\.256/);
  });
});
