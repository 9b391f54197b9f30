import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip.ts";

const req = (remoteAddress: string, xff?: string) =>
  ({
    socket: { remoteAddress },
    headers: xff === undefined ? {} : { "x-forwarded-for": xff },
  }) as unknown as IncomingMessage;

describe("clientIp", () => {
  it("ignores X-Forwarded-For unless the peer is a trusted proxy", () => {
    expect(clientIp(req("198.51.100.9", "1.2.3.4"), new Set())).toBe("198.51.100.9");
    expect(clientIp(req("::ffff:198.51.100.9", "1.2.3.4"), new Set(["10.0.0.1"]))).toBe("198.51.100.9");
  });

  it("takes the right-most untrusted hop behind trusted proxies, so a forged left part does not count", () => {
    const proxies = new Set(["10.0.0.1", "10.0.0.2"]);
    expect(clientIp(req("10.0.0.1", "6.6.6.6, 203.0.113.5, 10.0.0.2"), proxies)).toBe("203.0.113.5");
    expect(clientIp(req("10.0.0.1", ""), proxies)).toBe("10.0.0.1");
    expect(clientIp(req("10.0.0.1"), proxies)).toBe("10.0.0.1");
  });
});
