import { createRateLimiter, DEFAULT_RATE_LIMITS } from "@plinth/auth";
import { describe, expect, it } from "vitest";
import { useTestServer, WEB_ORIGIN } from "./test/test-server.ts";

// The general per-IP limit is spent by each transport, once per call of a request (ADR 008, ADR 021): a batch
// of N calls costs N, so batching is no way around it, and REST requests count the same budget.
const s = useTestServer({
  trustedProxies: ["127.0.0.1"],
  services: async () => ({
    rateLimiter: await createRateLimiter(
      { kind: "memory" },
      { ...DEFAULT_RATE_LIMITS, global_ip: { points: 3, durationSec: 600 } },
    ),
  }),
});

let ipCounter = 1;
const freshIp = () => `198.51.100.${ipCounter++}`;

type Answer = { result?: unknown; error?: { json: { data: { appCode: string; retryAfter?: number } } } };

describe("the general per-IP limit over HTTP", () => {
  it("counts every call of a tRPC batch and refuses the calls past the limit inside it", async () => {
    const ip = freshIp();
    const res = await fetch(`${s.url}/trpc/health.live,health.live,health.live,health.live?batch=1`, {
      headers: { origin: WEB_ORIGIN, "x-forwarded-for": ip },
    });
    const body = (await res.json()) as Answer[];
    expect(res.status).toBe(207);
    expect(body.filter((a) => a.result !== undefined)).toHaveLength(3);
    expect(body[3]?.error?.json.data.appCode).toBe("TOO_MANY_REQUESTS");
    expect(body[3]?.error?.json.data.retryAfter).toBeGreaterThan(0);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);

    const single = await fetch(`${s.url}/trpc/health.live`, { headers: { "x-forwarded-for": ip } });
    expect(single.status).toBe(429);
    const other = await fetch(`${s.url}/trpc/health.live`, { headers: { "x-forwarded-for": freshIp() } });
    expect(other.status).toBe(200);
  });

  it("counts REST requests against the same budget, with RateLimit headers", async () => {
    const ip = freshIp();
    await fetch(`${s.url}/trpc/health.live`, { headers: { "x-forwarded-for": ip } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${s.url}/api/v1/auth/me`, { headers: { "x-forwarded-for": ip } });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get("ratelimit")).toMatch(/"global_ip";r=0;t=\d+/);
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      }
    }
    // Signed out: 401 while the budget lasts (the limit runs before the auth check), then 429.
    expect(statuses).toEqual([401, 401, 429]);
  });

  it("does not count a call that names no procedure", async () => {
    const ip = freshIp();
    const missing = await fetch(`${s.url}/trpc/no.such.procedure`, { headers: { "x-forwarded-for": ip } });
    expect(missing.status).toBe(404);
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${s.url}/trpc/health.live`, { headers: { "x-forwarded-for": ip } });
      expect(res.status).toBe(200);
    }
  });
});
