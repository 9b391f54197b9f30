import { request } from "node:http";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { useTestDatabase } from "@plinth/db/testing";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { until } from "./test/http-calls.ts";
import { freePort } from "./test/private-services.ts";
import { readyOrExited, type SpawnedServer, spawnServer } from "./test/spawn-server.ts";

/**
 * WEB_CONCURRENCY=2 (ADR 022): the real server as a cluster, a primary and two workers on one port, on a
 * PostgreSQL database of its own. It needs a PostgreSQL server, so it runs in the postgres project (the harness
 * hands each file a migrated scratch database); CI runs that project on every submission. The refusals need no
 * database and run once, in the pglite project.
 */
const onPostgres = inject("plinthDatabase").driver === "postgres";
const t = onPostgres ? useTestDatabase() : undefined;

interface Answer {
  status: number;
  requestId: string;
  body: string;
}

/** One call on a connection of its own (`agent: false`), so the primary hands each to the next worker. */
function freshCall(
  base: string,
  path: string,
  opts: { body?: unknown; forwardedFor: string },
): Promise<Answer> {
  const payload = opts.body === undefined ? undefined : JSON.stringify({ json: opts.body });
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        agent: false,
        method: payload === undefined ? "GET" : "POST",
        headers: {
          "content-type": "application/json",
          "x-forwarded-for": opts.forwardedFor,
          ...(payload === undefined ? {} : { "content-length": Buffer.byteLength(payload) }),
        },
        timeout: 30_000,
      },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, requestId: String(res.headers["x-request-id"]), body }),
        );
      },
    );
    req.on("timeout", () => req.destroy(new Error("no answer")));
    req.on("error", reject);
    req.end(payload);
  });
}

type LogLine = { pid: number; msg: string; requestId?: string; workerPid?: number };
const logLines = (server: SpawnedServer): LogLine[] =>
  server
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine);

describe.runIf(onPostgres)("cluster mode: WEB_CONCURRENCY=2 on PostgreSQL", () => {
  const received: { to: string[] }[] = [];
  let smtp: SMTPServer;
  let server: SpawnedServer;
  let base: string;

  beforeAll(async () => {
    // A real SMTP sink: each delivered message is counted once, as a mail server would receive it.
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        stream.on("data", () => {});
        stream.on("end", () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawnServer({
      WEB_CONCURRENCY: "2",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: t?.current.connectionString,
      MIGRATE_ON_START: "true",
      RATE_LIMIT_STORE: "postgres",
      REDIS_URL: undefined,
      RATE_LIMIT_GLOBAL_PER_MINUTE: "10",
      // Each test speaks for its own client address, so one test's budget is not another's.
      TRUSTED_PROXIES: "loopback",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    });
    await readyOrExited(
      server,
      until(
        "both workers listening",
        async () => logLines(server).filter((l) => l.msg === "worker listening").length,
        (n) => n >= 2,
        120_000,
      ),
    );
  });

  afterAll(async () => {
    server?.child.kill("SIGKILL");
    await server?.exited;
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  it("migrates once, in the primary, and starts one idempotency-prune chain between the workers", async () => {
    const lines = logLines(server);
    const primary = server.child.pid;
    const migrated = lines.filter((l) => l.msg === "schema is current" || l.msg === "migrations applied");
    expect(migrated.map((l) => l.pid)).toEqual([primary]);
    const workers = new Set(lines.filter((l) => l.msg === "worker listening").map((l) => l.workerPid));
    expect(workers.size).toBe(2);
    expect(workers.has(primary)).toBe(false);
    // Both workers asked for the prune at start; one chain was queued. Once its first run has finished (the run
    // queues its successor an hour on, so two rows are unfinished while it runs), one successor is left.
    const unfinished = async () =>
      (await t?.db
        .selectFrom("jobs")
        .select("run_at")
        .where("name", "=", "idempotency_prune")
        .where("finished_at", "is", null)
        .execute()) ?? [];
    const settled = await until(
      "the first prune run finished",
      unfinished,
      (rows) => rows.length > 0 && rows.every((r) => r.run_at.getTime() > Date.now() + 30 * 60_000),
      60_000,
    );
    expect(settled).toHaveLength(1);
  });

  it("admits exactly 10 of 20 calls from one client across both workers (limit 10), the rest 429", async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        freshCall(base, "/trpc/health.live", { forwardedFor: "203.0.113.10" }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(10);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(10);
    // Both workers answered: each request's log line carries the pid of the process that served it.
    await until(
      "request lines logged",
      async () => logLines(server).filter((l) => l.msg === "request").length,
      (n) => n >= 20,
      30_000,
    );
    const ids = new Set(answers.map((a) => a.requestId));
    const servedBy = new Set(
      logLines(server)
        .filter((l) => l.msg === "request" && l.requestId !== undefined && ids.has(l.requestId))
        .map((l) => l.pid),
    );
    expect(servedBy.size).toBe(2);
    // Another client still has its own budget.
    expect((await freshCall(base, "/trpc/health.live", { forwardedFor: "203.0.113.11" })).status).toBe(200);
  });

  it("delivers each queued email exactly once, whichever worker's job queue takes it", async () => {
    const emails = ["one", "two", "three"].map((n) => `cluster-${n}@example.com`);
    for (const [i, email] of emails.entries()) {
      const signup = await freshCall(base, "/trpc/auth.signup", {
        forwardedFor: `198.51.100.${i + 1}`,
        body: {
          email,
          password: "a cluster of correct horses 2026",
          name: "Cluster",
          sessionTransport: "bearer",
        },
      });
      expect(signup.status, signup.body).toBe(200);
    }
    // A reset request is a job that queues its email: two jobs, possibly on two workers.
    const reset = await freshCall(base, "/trpc/auth.requestPasswordReset", {
      forwardedFor: "198.51.100.9",
      body: { email: emails[0] },
    });
    expect(reset.status, reset.body).toBe(200);
    await until(
      "four emails delivered",
      async () => received.length,
      (n) => n >= 4,
      60_000,
    );
    // Several poll intervals (1 s each, in both workers) pass: a second delivery would arrive meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const to = received.flatMap((m) => m.to).sort();
    expect(to).toEqual([emails[0], emails[0], emails[2], emails[1]].sort());
  });

  it("drains every worker and exits 0 on SIGTERM to the primary", async () => {
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    const complete = logLines(server).filter((l) => l.msg === "shutdown complete");
    // Two workers and the primary, each once.
    expect(new Set(complete.map((l) => l.pid)).size).toBe(3);
    expect(complete).toHaveLength(3);
  });
});

describe.runIf(onPostgres)("cluster mode: a worker that cannot start", () => {
  it("stops the whole cluster with one fatal line instead of restarting it", async () => {
    // The port is taken, so every worker fails to listen: a start-up failure, not a crash to recover from.
    const holder = createNetServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      const server = spawnServer({
        WEB_CONCURRENCY: "2",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: t?.current.connectionString,
        RATE_LIMIT_STORE: "postgres",
        REDIS_URL: undefined,
      });
      expect(await server.exited).toBe(1);
      const lines = logLines(server);
      const fatal = lines.filter((l) => l.msg.startsWith("start-up failed: a worker exited"));
      expect(fatal).toHaveLength(1);
      expect(fatal[0]?.pid).toBe(server.child.pid);
      expect(lines.some((l) => l.msg.includes("restarting"))).toBe(false);
      // The worker says why in its own line, without a stack trace.
      expect(lines.some((l) => l.msg === "start-up failed: listen")).toBe(true);
      expect(server.output()).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});

describe.runIf(!onPostgres)("cluster mode: refusals at start", () => {
  const refused = async (env: Record<string, string | undefined>) => {
    const server = spawnServer({ PORT: "0", WEB_CONCURRENCY: "2", REDIS_URL: undefined, ...env });
    expect(await server.exited).toBe(1);
    expect(server.output()).not.toMatch(/\n\s+at /);
    return server.output().trim();
  };

  it("refuses WEB_CONCURRENCY above 1 on the embedded database, in one line", async () => {
    expect(await refused({ DATABASE_URL: undefined, RATE_LIMIT_STORE: undefined })).toMatch(
      /^Invalid environment: WEB_CONCURRENCY: above 1 needs DATABASE_URL [^\n]+$/,
    );
  });

  it("refuses the memory rate-limit store unless RATE_LIMIT_PER_PROCESS says so", async () => {
    expect(
      await refused({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/none", RATE_LIMIT_STORE: "memory" }),
    ).toMatch(
      /^Invalid environment: RATE_LIMIT_STORE: memory counts in each [^\n]+RATE_LIMIT_PER_PROCESS=true/,
    );
  });
});
