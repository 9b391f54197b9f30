import { createServer } from "node:net";
import { createRateLimiter, DEFAULT_RATE_LIMITS } from "@plinth/auth";
import { createDatabase, type Database } from "@plinth/db";
import { useTestDatabase } from "@plinth/db/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerWithToken, signUp } from "../testing/test-auth.ts";
import { testCaller } from "../testing/test-context.ts";
import { createRequestContext } from "./context.ts";
import { AppError } from "./errors.ts";
import { enforceFloodLimit } from "./rate-limit.ts";
import { createResponseEffects } from "./response-effects.ts";
import { createTestServices, type Services } from "./services.ts";

const t = useTestDatabase();

/** A loopback port nothing listens on: connections to it are refused, like a stopped database or Redis. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let downDb: Database;
let services: Services;
let redisDown: Services;
beforeAll(async () => {
  downDb = createDatabase({
    connectionString: `postgres://postgres@127.0.0.1:${await closedPort()}/plinth`,
    pool: { max: 2, connectionTimeoutMillis: 2_000 },
  });
  services = await createTestServices();
  // A real Redis store whose server is gone; the general limit counts locally (ADR 010).
  const limiter = await createRateLimiter(
    { kind: "redis", url: `redis://127.0.0.1:${await closedPort()}` },
    DEFAULT_RATE_LIMITS,
    { localRules: ["global_ip"] },
  );
  redisDown = await createTestServices({ rateLimiter: limiter });
});
afterAll(async () => {
  await downDb.destroy();
  await redisDown.rateLimiter.close();
});

describe("a dependency that is down answers 503 with Retry-After, never a 500", () => {
  it("a procedure on an unreachable database fails with DATABASE_UNAVAILABLE", async () => {
    const error = await testCaller(downDb, { services })
      .health.ping()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "SERVICE_UNAVAILABLE", appCode: "DATABASE_UNAVAILABLE" });
    expect((error as AppError).retryAfterSec).toBeGreaterThan(0);
  });

  it("the session lookup while building the request context fails the same way", async () => {
    // A token to look up makes it a promise (an anonymous caller's context needs no lookup).
    const error = await Promise.resolve(
      createRequestContext({
        db: downDb,
        logger: pino({ level: "silent" }),
        services,
        request: { requestId: "r1", headers: { authorization: `Bearer ${"a".repeat(32)}` }, ip: "192.0.2.1" },
      }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ appCode: "DATABASE_UNAVAILABLE", retryAfterSec: expect.any(Number) });
  });

  it("with the Redis store down, credential limits fail closed with RATE_LIMIT_UNAVAILABLE", async () => {
    const error = await testCaller(t.db, { services: redisDown })
      .auth.login({
        email: "nobody@example.com",
        password: "correct horse battery",
        sessionTransport: "bearer",
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "SERVICE_UNAVAILABLE", appCode: "RATE_LIMIT_UNAVAILABLE" });
    expect((error as AppError).retryAfterSec).toBeGreaterThan(0);
  });

  it("with the Redis store down, the general per-IP limit still counts in memory and reads work", async () => {
    // A member signed up while the store was up; reads need a session, and no credential limit.
    const member = await signUp(t.db, services);
    const caller = await callerWithToken(t.db, redisDown, member.token);
    await expect(caller.health.live()).resolves.toEqual({ status: "ok" });
    await expect(caller.users.list({ limit: 1 })).resolves.toBeDefined();
    // The transports spend the general limit (not createCaller, ADR 021): it counts in memory, Redis or not.
    const request = { client: { ip: "192.0.2.77" }, response: createResponseEffects() };
    await enforceFloodLimit({ services: redisDown, ...request });
    expect(request.response.rateLimits).toMatchObject([{ rule: "global_ip", remaining: 299 }]);
  });

  it("a failure that is not an outage stays what it was", async () => {
    const member = await signUp(t.db, services);
    const error = await member.caller.users.byId({ id: crypto.randomUUID() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ appCode: "USER_NOT_FOUND" });
  });
});
