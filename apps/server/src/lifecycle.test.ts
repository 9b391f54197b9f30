import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestServices } from "@plinth/api/testing";
import { createDatabase } from "@plinth/db";
import { useTestDatabase } from "@plinth/db/testing";
import pino from "pino";
import { describe, expect, inject, it } from "vitest";
import { startServer } from "./server.ts";
import { spawnServer } from "./test/spawn-server.ts";
import { startTcpProxy } from "./test/tcp-proxy.ts";

const t = useTestDatabase();
const onPostgres = inject("plinthDatabase").driver === "postgres";

async function waitFor(url: string, status: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status === status) return;
      last = `status ${res.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (last: ${last})`);
}

describe("process lifecycle", () => {
  it("starts, migrates, serves, and exits 0 on SIGTERM", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "plinth-lifecycle-"));
    const port = String(20_000 + Math.floor(Math.random() * 20_000));
    const database = onPostgres
      ? { DATABASE_URL: t.current.connectionString, MIGRATE_ON_START: "true" }
      : { PGLITE_DATA_DIR: dataDir };
    const server = spawnServer({ PORT: port, HOST: "127.0.0.1", ...database });
    try {
      await waitFor(`http://127.0.0.1:${port}/readyz`, 200);
      const ping = await fetch(`http://127.0.0.1:${port}/trpc/health.ping`);
      expect(ping.status).toBe(200);
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
      const lines = server
        .output()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => l.msg)).toEqual(
        expect.arrayContaining(["signal received", "shutdown complete"]),
      );
      // Production logs are JSON lines, and each request line carries its request id.
      const requests = lines.filter((l) => l.msg === "request");
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.every((l) => typeof l.requestId === "string")).toBe(true);
    } finally {
      server.child.kill("SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe.runIf(onPostgres)("database outage (PostgreSQL behind a proxy we can cut)", () => {
  it("answers /readyz 503 while the database is unreachable and 200 once it is back, without crashing", async () => {
    const target = new URL(t.current.connectionString ?? "");
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(target);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const poolErrors: Error[] = [];
    const db = createDatabase({
      connectionString: viaProxy.toString(),
      pool: { max: 3, connectionTimeoutMillis: 1_000 },
      onPoolError: (e) => poolErrors.push(e),
    });
    const server = await startServer({
      db,
      services: await createTestServices(),
      logger: pino({ level: "silent" }),
      port: 0,
      host: "127.0.0.1",
      webOrigins: [],
      maxBodyBytes: 1024 * 1024,
      maxBatchSize: 5,
      shutdownTimeoutMs: 2_000,
    });
    try {
      await waitFor(`${server.url}/readyz`, 200, 10_000);
      await proxy.cut();
      await waitFor(`${server.url}/readyz`, 503, 15_000);
      // Idle connections died under the pool; its error listener took that instead of crashing the process.
      expect(poolErrors.length).toBeGreaterThan(0);
      const duringOutage = await fetch(`${server.url}/trpc/health.ping`);
      // An outage is 503 with a stable code and Retry-After (ADR 010), never a bare 500.
      expect(duringOutage.status).toBe(503);
      expect(duringOutage.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
      const body = await duringOutage.text();
      expect(body).toContain('"appCode":"DATABASE_UNAVAILABLE"');
      expect(body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|\n\s+at /);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

      await proxy.restore();
      await waitFor(`${server.url}/readyz`, 200, 15_000);
      expect((await fetch(`${server.url}/trpc/health.ping`)).status).toBe(200);
    } finally {
      await server.close();
      await proxy.cut();
    }
  });
});
