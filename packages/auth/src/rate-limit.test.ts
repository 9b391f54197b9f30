import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { useTestDatabase } from "@plinth/db/testing";
import { afterEach, describe, expect, inject, it } from "vitest";
import { readAuthTestEnv } from "./env.ts";
import {
  createRateLimiter,
  DEFAULT_RATE_LIMITS,
  type RateLimiter,
  type RateLimitStore,
  RateLimitStoreError,
} from "./rate-limit.ts";

const redisUrl = readAuthTestEnv().TEST_REDIS_URL;
// The postgres store needs a real server: only the postgres project has one (PGlite speaks no wire protocol).
const onPostgres = inject("plinthDatabase").driver === "postgres";
const t = onPostgres ? useTestDatabase() : undefined;

const open: RateLimiter[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((limiter) => limiter.close()));
});

async function limiter(
  store: RateLimitStore,
  rules: Parameters<typeof createRateLimiter>[1],
  keyPrefix: string,
) {
  const created = await createRateLimiter(store, rules, { keyPrefix });
  open.push(created);
  return created;
}

/** A localhost port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** The behaviour every store must share. */
function storeContract(store: () => RateLimitStore) {
  it("allows N calls, then denies with a retry time, per key", async () => {
    const rl = await limiter(store(), { login: { points: 3, durationSec: 60 } }, `test-${randomUUID()}`);
    expect(await rl.consume("login", "a")).toMatchObject({ allowed: true, remaining: 2 });
    expect(await rl.consume("login", "a")).toMatchObject({ allowed: true, remaining: 1 });
    expect(await rl.consume("login", "a")).toMatchObject({ allowed: true, remaining: 0 });
    const denied = await rl.consume("login", "a");
    expect(denied.allowed).toBe(false);
    if (denied.allowed) return;
    expect(denied.retryAfterSec).toBeGreaterThan(0);
    expect(denied.retryAfterSec).toBeLessThanOrEqual(60);
    // The numbers a transport sends as RateLimit / RateLimit-Policy headers.
    expect(denied.quota).toMatchObject({ limit: 3, windowSec: 60, remaining: 0 });
    expect(denied.quota.resetSec).toBeGreaterThan(0);
    expect(denied.quota.resetSec).toBeLessThanOrEqual(60);
    const fresh = await rl.consume("login", "b");
    expect(fresh).toMatchObject({
      allowed: true,
      remaining: 2,
      quota: { limit: 3, windowSec: 60, remaining: 2 },
    });
  });

  it("forgets a key on reset", async () => {
    const rl = await limiter(store(), { login: { points: 1, durationSec: 60 } }, `test-${randomUUID()}`);
    expect((await rl.consume("login", "user@example.com")).allowed).toBe(true);
    expect((await rl.consume("login", "user@example.com")).allowed).toBe(false);
    await rl.reset("login", "user@example.com");
    expect((await rl.consume("login", "user@example.com")).allowed).toBe(true);
  });

  it("gives a point back on reward, so a rule can count failures only", async () => {
    const rl = await limiter(store(), { login: { points: 2, durationSec: 60 } }, `test-${randomUUID()}`);
    expect(await rl.consume("login", "k")).toMatchObject({ allowed: true, remaining: 1 });
    await rl.reward("login", "k");
    expect(await rl.consume("login", "k")).toMatchObject({ allowed: true, remaining: 1 });
    expect(await rl.consume("login", "k")).toMatchObject({ allowed: true, remaining: 0 });
    expect((await rl.consume("login", "k")).allowed).toBe(false);
  });

  it("keeps rules apart and blocks for blockDurationSec once over", async () => {
    const rules = {
      a: { points: 1, durationSec: 10, blockDurationSec: 600 },
      b: { points: 1, durationSec: 10 },
    };
    const rl = await limiter(store(), rules, `test-${randomUUID()}`);
    expect((await rl.consume("a", "k")).allowed).toBe(true);
    expect((await rl.consume("b", "k")).allowed).toBe(true);
    const blocked = await rl.consume("a", "k");
    expect(blocked.allowed).toBe(false);
    if (!blocked.allowed) expect(blocked.retryAfterSec).toBeGreaterThan(10);
  });

  it("throws for an unknown rule", async () => {
    const rl = await limiter(store(), { login: { points: 1, durationSec: 60 } }, `test-${randomUUID()}`);
    await expect(rl.consume("logni", "k")).rejects.toThrow(/Unknown rate limit rule: logni/);
    await expect(rl.reset("logni", "k")).rejects.toThrow(/Unknown rate limit rule/);
  });
}

/** Two limiters on one store stand for two server processes: 50 parallel calls, limit 10, exactly 10 pass. */
/** A store that is gone (closed, or its connection dropped) must refuse, never allow. */
function failsClosed(store: () => RateLimitStore) {
  it("throws, rather than allows, once the store is gone", async () => {
    const rl = await createRateLimiter(
      store(),
      { a: { points: 5, durationSec: 60 } },
      { keyPrefix: randomUUID() },
    );
    await rl.close();
    await expect(rl.consume("a", "k")).rejects.toThrow(/Rate limit store failed/);
  });
}

function atomicity(store: () => RateLimitStore) {
  it("counts exactly across processes: 50 parallel calls against a limit of 10 allow 10", async () => {
    const prefix = `test-${randomUUID()}`;
    const rules = { burst: { points: 10, durationSec: 60 } };
    const [one, two] = await Promise.all([limiter(store(), rules, prefix), limiter(store(), rules, prefix)]);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? one : two).consume("burst", "203.0.113.9")),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });
}

describe("rate limits: memory store", () => {
  storeContract(() => ({ kind: "memory" }));

  it("counts exactly under 50 parallel calls", async () => {
    const rl = await limiter({ kind: "memory" }, { burst: { points: 10, durationSec: 60 } }, "test");
    const results = await Promise.all(Array.from({ length: 50 }, () => rl.consume("burst", "k")));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });

  it("refuses rules that are not positive integers", async () => {
    await expect(
      createRateLimiter({ kind: "memory" }, { x: { points: 0, durationSec: 60 } }),
    ).rejects.toThrow(/x/);
    await expect(
      createRateLimiter({ kind: "memory" }, { x: { points: 1, durationSec: 0.5 } }),
    ).rejects.toThrow();
    await expect(
      createRateLimiter({ kind: "memory" }, { x: { points: 1, durationSec: 1, blockDurationSec: -1 } }),
    ).rejects.toThrow();
  });

  it("has sensible defaults for every rule the API uses", async () => {
    expect(DEFAULT_RATE_LIMITS.global_ip).toEqual({ points: 300, durationSec: 60 });
    // ADR 008: failures per account+IP tight, per account loose (new devices only), per known device.
    expect(DEFAULT_RATE_LIMITS.login_account_ip).toMatchObject({ points: 5, durationSec: 900 });
    expect(DEFAULT_RATE_LIMITS.login_account).toMatchObject({ points: 50, durationSec: 3600 });
    expect(DEFAULT_RATE_LIMITS.login_device).toMatchObject({ points: 10, durationSec: 900 });
    expect(DEFAULT_RATE_LIMITS.login_account.blockDurationSec).toBeUndefined();
    expect(DEFAULT_RATE_LIMITS.verify_resend_account).toMatchObject({ points: 3, durationSec: 900 });
    const rl = await limiter({ kind: "memory" }, DEFAULT_RATE_LIMITS, "test");
    for (const rule of Object.keys(DEFAULT_RATE_LIMITS)) {
      expect((await rl.consume(rule, "k")).allowed).toBe(true);
    }
  });
});

describe("rate limits: failing closed", () => {
  // ADR 010: the server starts unready instead of crashing; calls under shared rules fail closed meanwhile.
  it("starts while Redis cannot be reached, fails closed on shared rules, and counts local rules", async () => {
    const url = `redis://127.0.0.1:${await closedPort()}`;
    const rl = await createRateLimiter(
      { kind: "redis", url },
      { a: { points: 1, durationSec: 1 }, g: { points: 2, durationSec: 60 } },
      { localRules: ["g"] },
    );
    try {
      await expect(rl.consume("a", "k")).rejects.toBeInstanceOf(RateLimitStoreError);
      await expect(rl.ping?.()).rejects.toThrow();
      expect(rl.storeKind).toBe("redis");
      expect(await rl.consume("g", "k")).toMatchObject({ allowed: true, remaining: 1 });
      expect(await rl.consume("g", "k")).toMatchObject({ allowed: true, remaining: 0 });
      expect(await rl.consume("g", "k")).toMatchObject({ allowed: false });
    } finally {
      await rl.close();
    }
  });

  it("refuses to start when PostgreSQL cannot be reached", async () => {
    const connectionString = `postgres://postgres@127.0.0.1:${await closedPort()}/postgres`;
    await expect(
      createRateLimiter({ kind: "postgres", connectionString }, { a: { points: 1, durationSec: 1 } }),
    ).rejects.toThrow();
  });
});

describe.skipIf(!onPostgres)("rate limits: postgres store (postgres project only)", () => {
  const store = (): RateLimitStore => ({
    kind: "postgres",
    connectionString: t?.current.connectionString ?? "",
  });
  storeContract(store);
  atomicity(store);

  failsClosed(store);

  it("starts when several processes create its table at the same moment (a cluster's workers, ADR 022)", async () => {
    const rules = { a: { points: 1, durationSec: 60 } };
    // The race is narrow (two CREATE TABLE IF NOT EXISTS passing the check together): several rounds of several.
    const failures: string[] = [];
    for (let round = 0; round < 5; round++) {
      await t?.db.schema.dropTable("rate_limits").ifExists().execute();
      const opened = await Promise.allSettled(
        Array.from({ length: 8 }, () => createRateLimiter(store(), rules, { keyPrefix: randomUUID() })),
      );
      for (const result of opened) {
        if (result.status === "fulfilled") await result.value.close();
        else failures.push(String(result.reason));
      }
    }
    expect(failures).toEqual([]);
    const last = await limiter(store(), rules, randomUUID());
    expect((await last.consume("a", "k")).allowed).toBe(true);
  });
});

describe.skipIf(!redisUrl)("rate limits: redis store (runs when TEST_REDIS_URL is set)", () => {
  const store = (): RateLimitStore => ({ kind: "redis", url: redisUrl ?? "" });
  storeContract(store);
  atomicity(store);

  failsClosed(store);
});
