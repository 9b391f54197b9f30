import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type CallOutcome, call, trpcInput, until } from "./test/http-calls.ts";
import {
  freePort,
  havePostgresBinaries,
  type PrivatePostgres,
  startPrivatePostgres,
} from "./test/private-services.ts";
import { readyOrExited, type SpawnedServer, spawnServer } from "./test/spawn-server.ts";

/**
 * The real server (src/main.ts in a child process: Kysely's pool, the job worker and the PostgreSQL rate-limit store)
 * on a private PostgreSQL cluster that this file restarts and freezes (ADR 010). It needs no shared test
 * database, so it runs once per `pnpm test`, in the pglite project.
 */
const runsHere = inject("plinthDatabase").driver === "pglite";
if (runsHere && !havePostgresBinaries)
  console.warn("database-outage.test.ts skipped: pg_ctl/initdb not found");

// Small request-path bounds so a frozen call fails fast; the assertion allows a generous margin on top.
const CONNECT_MS = 2_000;
const QUERY_MS = 3_000;
const FAIL_WITHIN_MS = CONNECT_MS + QUERY_MS + 4_000;
const OUTAGE_CODES = ["DATABASE_UNAVAILABLE", "RATE_LIMIT_UNAVAILABLE"];

describe.runIf(runsHere && havePostgresBinaries)("the server survives its database", () => {
  let pg: PrivatePostgres;
  let server: SpawnedServer;
  let base: string;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawnServer({
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: pg.url,
      MIGRATE_ON_START: "true",
      RATE_LIMIT_STORE: "postgres",
      REDIS_URL: undefined,
      LOG_LEVEL: "warn",
      // Every load-loop caller gets its own address, so per-IP sign-up limits do not turn the load into 429s.
      TRUSTED_PROXIES: "127.0.0.1",
      RATE_LIMIT_GLOBAL_PER_MINUTE: "100000",
      DB_CONNECT_TIMEOUT_MS: String(CONNECT_MS),
      DB_STATEMENT_TIMEOUT_MS: "2000",
      DB_QUERY_TIMEOUT_MS: String(QUERY_MS),
    });
    await readyOrExited(
      server,
      until(
        "server ready",
        () => call(base, "/readyz"),
        (r) => r.status === 200,
        90_000,
      ),
    );
    const res = await fetch(`${base}/trpc/auth.signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        json: {
          email: `reader-${randomUUID()}@example.com`,
          password: `plinth ${randomUUID()} reader`,
          name: "Reader",
          sessionTransport: "bearer",
        },
      }),
    });
    const body = (await res.json()) as { result: { data: { json: { sessionToken: string } } } };
    bearer = { authorization: `Bearer ${body.result.data.json.sessionToken}` };
    expect((await requests.me()).status).toBe(200);
  });

  afterAll(async () => {
    server?.child.kill("SIGKILL");
    await server?.exited;
    await pg?.destroy();
  });

  // A signed-in caller: every call with it also looks its session up while the request context is built.
  let bearer: Record<string, string> = {};
  const requests = {
    ping: () => call(base, "/trpc/health.ping"),
    list: () => call(base, `/trpc/users.list?${trpcInput({ limit: 5 })}`, { headers: bearer }),
    me: () => call(base, "/trpc/account.me", { headers: bearer }),
    live: () => call(base, "/trpc/health.live"),
    // A transaction: user, token, outbox row, audit entry, session and the email's delivery job, all or nothing.
    signup: () =>
      call(base, "/trpc/auth.signup", {
        body: {
          email: `load-${randomUUID()}@example.com`,
          password: `plinth ${randomUUID()} outage`,
          name: "Load",
          sessionTransport: "bearer",
        },
        headers: { "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250) + 1}` },
      }),
  };

  /** What may come back while the database restarts: success, or 503 with an outage code and Retry-After. */
  function problem(kind: keyof typeof requests, r: CallOutcome): string | undefined {
    if (r.status === 200) return undefined;
    if (kind !== "live" && r.status === 503 && OUTAGE_CODES.includes(r.appCode ?? "") && r.retryAfter) {
      return undefined;
    }
    return `${kind}: ${r.status} ${r.appCode ?? "(no code)"} retry-after=${r.retryAfter}`;
  }

  it("stays up through 10 fast restarts under load, answers 503 meanwhile, and recovers within 5 s", async () => {
    const problems: string[] = [];
    const counts = { ok: 0, unavailable: 0 };
    let running = true;
    const kinds = Object.keys(requests) as (keyof typeof requests)[];
    const loops = Array.from({ length: 16 }, async (_, i) => {
      const kind = kinds[i % kinds.length] as keyof typeof requests;
      while (running) {
        try {
          const r = await requests[kind]();
          const bad = problem(kind, r);
          if (bad) problems.push(bad);
          else if (r.status === 200) counts.ok++;
          else counts.unavailable++;
        } catch (error) {
          problems.push(`${kind}: request failed: ${error instanceof Error ? error.message : error}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    });

    for (let cycle = 0; cycle < 10; cycle++) {
      await pg.stop();
      const during = await requests.ping();
      expect(during, `cycle ${cycle}: while stopped`).toMatchObject({
        status: 503,
        appCode: "DATABASE_UNAVAILABLE",
      });
      expect(during.retryAfter).toMatch(/^[1-9]\d*$/);
      expect((await requests.live()).status).toBe(200);
      expect(server.child.exitCode, `cycle ${cycle}: ${server.output().slice(-2000)}`).toBeNull();

      await pg.start();
      const back = Date.now();
      await until(`cycle ${cycle}: ping after restart`, requests.ping, (r) => r.status === 200, 5_000);
      await until(`cycle ${cycle}: list after restart`, requests.list, (r) => r.status === 200, 5_000);
      expect(Date.now() - back).toBeLessThanOrEqual(5_000);
    }
    running = false;
    await Promise.all(loops);

    expect(server.child.exitCode, server.output().slice(-2000)).toBeNull();
    expect(server.output()).not.toMatch(/Unhandled 'error' event|uncaught|57P01.*\n\s+at /i);
    expect(problems).toEqual([]);
    expect(counts.ok).toBeGreaterThan(0);
  }, 180_000);

  it("fails calls on a frozen database within the bound, with 503 and Retry-After, then recovers", async () => {
    await until("warm", requests.ping, (r) => r.status === 200, 10_000);
    await pg.signalAll("SIGSTOP");
    try {
      const [ping, list, me, signup, live] = await Promise.all([
        requests.ping(),
        requests.list(),
        requests.me(),
        requests.signup(),
        requests.live(),
      ]);
      expect(live.status).toBe(200);
      for (const [name, r] of Object.entries({ ping, list, me, signup })) {
        expect(r.status, `${name}: ${JSON.stringify(r)}`).toBe(503);
        expect(OUTAGE_CODES, name).toContain(r.appCode);
        expect(r.retryAfter, name).toMatch(/^[1-9]\d*$/);
        expect(r.ms, `${name} took ${Math.round(r.ms)} ms`).toBeLessThan(FAIL_WITHIN_MS);
      }
      expect(ping.appCode).toBe("DATABASE_UNAVAILABLE");
      expect((await call(base, "/readyz")).status).toBe(503);
    } finally {
      await pg.signalAll("SIGCONT");
    }
    await until("ping after thaw", requests.ping, (r) => r.status === 200, 15_000);
    expect(server.child.exitCode).toBeNull();
  }, 120_000);
});
