import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { call, until } from "./test/http-calls.ts";
import { freePort, haveRedisServer, type PrivateRedis, privateRedis } from "./test/private-services.ts";
import { readyOrExited, type SpawnedServer, spawnServer } from "./test/spawn-server.ts";

/**
 * The real server with REDIS_URL pointing at a private redis-server this file starts and kills (ADR 010): the
 * general limit counts in memory, credential limits fail closed with 503, /readyz reports the store. It needs
 * no shared test database, so it runs once per `pnpm test`, in the pglite project (the embedded database).
 */
const runsHere = inject("plinthDatabase").driver === "pglite";
if (runsHere && !haveRedisServer) console.warn("redis-outage.test.ts skipped: redis-server not found");

describe.runIf(runsHere && haveRedisServer)("the server with its Redis rate-limit store down", () => {
  let redis: PrivateRedis;
  let server: SpawnedServer;
  let base: string;
  let dataDir: string;

  const login = () =>
    call(base, "/trpc/auth.login", {
      body: { email: "nobody@example.com", password: "not the password", sessionTransport: "bearer" },
    });
  const readyz = async () => {
    const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(30_000) });
    return { status: res.status, body: (await res.json()) as { checks?: Record<string, string> } };
  };
  const alive = () => expect(server.child.exitCode, server.output().slice(-2000)).toBeNull();

  beforeAll(async () => {
    redis = await privateRedis(); // not started: the server must start without it
    dataDir = await mkdtemp(join(tmpdir(), "plinth-redis-outage-"));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawnServer({
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: undefined,
      PGLITE_DATA_DIR: dataDir,
      REDIS_URL: redis.url,
      RATE_LIMIT_STORE: "redis",
      LOG_LEVEL: "warn",
    });
    // Up (liveness) although Redis has never answered.
    await readyOrExited(
      server,
      until(
        "server live",
        () => call(base, "/healthz"),
        (r) => r.status === 200,
        90_000,
      ),
    );
  });

  afterAll(async () => {
    server?.child.kill("SIGKILL");
    await server?.exited;
    await redis?.kill();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  function expectDown(outcome: Awaited<ReturnType<typeof login>>) {
    expect(outcome).toMatchObject({ status: 503, appCode: "RATE_LIMIT_UNAVAILABLE" });
    expect(outcome.retryAfter).toMatch(/^[1-9]\d*$/);
  }

  it("starts unready with Redis unreachable: live calls work, credential calls 503, /readyz 503", async () => {
    alive();
    expect((await call(base, "/trpc/health.live")).status).toBe(200);
    expectDown(await login());
    const ready = await readyz();
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toMatchObject({ database: "ok", rateLimitStore: "unreachable" });
  });

  it("becomes ready when Redis comes up, degrades while it is down, and recovers", async () => {
    await redis.start();
    await until("ready with redis", readyz, (r) => r.status === 200, 30_000);
    // Working again: the limiter answers and the credentials are simply wrong.
    expect(await login()).toMatchObject({ status: 401, appCode: "INVALID_CREDENTIALS" });

    await redis.kill();
    for (let i = 0; i < 20; i++) {
      expect((await call(base, "/trpc/health.live")).status).toBe(200);
    }
    await until("login refused while redis is down", login, (r) => r.status === 503, 15_000);
    expectDown(await login());
    expect((await readyz()).status).toBe(503);
    alive();

    await redis.start();
    await until("login after redis returns", login, (r) => r.status === 401, 30_000);
    expect((await readyz()).status).toBe(200);
    alive();
  });
});
