import { createRateLimiter, DEFAULT_RATE_LIMITS } from "@plinth/auth";
import { useTestDatabase } from "@plinth/db/testing";
import { describe, expect, it } from "vitest";
import { testCaller } from "../testing/test-context.ts";
import { AppError } from "./errors.ts";
import { enforceFloodLimit } from "./rate-limit.ts";
import { createResponseEffects } from "./response-effects.ts";
import { createTestServices } from "./services.ts";

// The general per-IP limit (`global_ip`) is spent by the HTTP transports, once per call (ADR 008, ADR 021).
const t = useTestDatabase();

const tight = () =>
  createRateLimiter(
    { kind: "memory" },
    { ...DEFAULT_RATE_LIMITS, global_ip: { points: 2, durationSec: 60 } },
  );

const caller = (ip: string | null) => ({ client: { ip }, response: createResponseEffects() });
/** As the transports use it: a refusal thrown at once and a rejected promise both end the call. */
const spend = async (ctx: Parameters<typeof enforceFloodLimit>[0]) => enforceFloodLimit(ctx);

describe("enforceFloodLimit", () => {
  it("spends one point per call per IP, records the count, then refuses with TOO_MANY_REQUESTS", async () => {
    const services = await createTestServices({ rateLimiter: await tight() });
    const a = caller("192.0.2.1");
    await spend({ services, ...a });
    await spend({ services, ...a });
    expect(a.response.rateLimits).toEqual([
      { rule: "global_ip", limit: 2, windowSec: 60, remaining: 0, resetSec: expect.any(Number) },
    ]);
    const refused = await spend({ services, ...a }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ appCode: "TOO_MANY_REQUESTS", retryAfterSec: expect.any(Number) });
    // Another address has its own budget; callers without one share the "unknown" budget.
    await expect(spend({ services, ...caller("192.0.2.2") })).resolves.toBeUndefined();
    await spend({ services, ...caller(null) });
    await spend({ services, ...caller(null) });
    await expect(spend({ services, ...caller(null) })).rejects.toMatchObject({
      appCode: "TOO_MANY_REQUESTS",
    });
  });

  it("answers at once when the rule is counted in process memory, as the server counts it", async () => {
    const limiter = await createRateLimiter(
      { kind: "redis", url: "redis://127.0.0.1:1" },
      { ...DEFAULT_RATE_LIMITS, global_ip: { points: 2, durationSec: 60 } },
      { localRules: ["global_ip"] },
    );
    try {
      const services = await createTestServices({ rateLimiter: limiter });
      const a = caller("192.0.2.5");
      // No promise to await, and no store asked: the store here is unreachable.
      expect(enforceFloodLimit({ services, ...a })).toBeUndefined();
      expect(enforceFloodLimit({ services, ...a })).toBeUndefined();
      expect(a.response.rateLimits).toEqual([
        { rule: "global_ip", limit: 2, windowSec: 60, remaining: 0, resetSec: 60 },
      ]);
      expect(() => enforceFloodLimit({ services, ...a })).toThrow(
        expect.objectContaining({ appCode: "TOO_MANY_REQUESTS", retryAfterSec: 60 }),
      );
      expect(enforceFloodLimit({ services, ...caller("192.0.2.6") })).toBeUndefined();
    } finally {
      await limiter.close();
    }
  });

  it("answers 503 RATE_LIMIT_UNAVAILABLE when its store cannot count", async () => {
    // Only a misconfiguration puts global_ip in a shared store (the server counts it in memory, ADR 010).
    const limiter = await createRateLimiter(
      { kind: "redis", url: "redis://127.0.0.1:1" },
      DEFAULT_RATE_LIMITS,
    );
    try {
      const services = await createTestServices({ rateLimiter: limiter });
      const error = await spend({ services, ...caller("192.0.2.3") }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "SERVICE_UNAVAILABLE", appCode: "RATE_LIMIT_UNAVAILABLE" });
    } finally {
      await limiter.close();
    }
  });

  it("is not applied to in-process callers: createCaller is the server's own code, not a client", async () => {
    const services = await createTestServices({ rateLimiter: await tight() });
    const api = testCaller(t.db, { services, ip: "192.0.2.4" });
    for (let i = 0; i < 5; i++) await expect(api.health.live()).resolves.toEqual({ status: "ok" });
  });
});
