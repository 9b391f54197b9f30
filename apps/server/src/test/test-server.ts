import { type AppRouter, createJobQueue, type Services } from "@plinth/api";
import { createTestServices } from "@plinth/api/testing";
import type { OutboxEmail } from "@plinth/db";
import { useTestDatabase } from "@plinth/db/testing";
import { createTRPCClient, httpBatchLink, httpLink, type TRPCClient } from "@trpc/client";
import type { AnyTRPCRouter } from "@trpc/server";
import pino from "pino";
import superjson from "superjson";
import { afterAll, beforeAll } from "vitest";
import { type JobWorker, startJobWorker } from "../jobs/job-worker.ts";
import { type RunningServer, startServer } from "../server.ts";

export const WEB_ORIGIN = "http://web.test";

export interface TestServer {
  readonly url: string;
  readonly running: RunningServer;
  readonly db: ReturnType<typeof useTestDatabase>["db"];
  readonly driver: ReturnType<typeof useTestDatabase>["driver"];
  readonly services: Services;
  /** The job worker, as main.ts runs it; `await jobs.nudge()` returns once the queue has nothing due. */
  readonly jobs: JobWorker;
  /** Every email the server's mail transport was handed (it sends nothing), in order. */
  readonly sentMail: readonly OutboxEmail[];
  /** Every log line the server wrote, parsed. */
  readonly logs: Record<string, unknown>[];
  readonly rawLogs: string[];
  client(opts?: { batch?: boolean; headers?: Record<string, string> }): TRPCClient<AppRouter>;
  /** An Authorization header for a member signed up once per file, for procedures that need a signed-in caller. */
  memberHeaders(): Promise<{ authorization: string }>;
}

/** A real server on an ephemeral port over this file's test database; torn down after the file. */
export function useTestServer(
  opts: {
    router?: AnyTRPCRouter;
    maxBodyBytes?: number;
    maxBatchSize?: number;
    /** Adjust the test services (a manual clock, tighter rate limits) before the server starts. */
    services?: () => Promise<Partial<Services>>;
    trustedProxies?: string[];
    /** The database as the server sees it, e.g. with a plugin that records its queries (the job worker's is plain). */
    serverDb?: (db: TestServer["db"]) => TestServer["db"];
  } = {},
): TestServer {
  const database = useTestDatabase();
  const rawLogs: string[] = [];
  const logs: Record<string, unknown>[] = [];
  let running: RunningServer | undefined;
  let services: Services | undefined;
  let jobs: JobWorker | undefined;
  const sentMail: OutboxEmail[] = [];
  let member: Promise<{ authorization: string }> | undefined;

  beforeAll(async () => {
    const logger = pino(
      { level: "debug" },
      {
        write(line: string) {
          rawLogs.push(line);
          logs.push(JSON.parse(line) as Record<string, unknown>);
        },
      },
    );
    services = await createTestServices({
      // As main.ts wires it: a job queued outside a transaction nudges the worker.
      jobs: createJobQueue({ onQueued: () => void jobs?.nudge() }),
      mailer: { name: "recording", send: async (email) => void sentMail.push(email), close() {} },
      ...(await opts.services?.()),
    });
    jobs = startJobWorker({ db: database.db, services, logger, pollIntervalMs: 500 });
    running = await startServer({
      db: opts.serverDb ? opts.serverDb(database.db) : database.db,
      logger,
      services,
      ...(opts.trustedProxies ? { trustedProxies: opts.trustedProxies } : {}),
      port: 0,
      host: "127.0.0.1",
      webOrigins: [WEB_ORIGIN],
      maxBodyBytes: opts.maxBodyBytes ?? 64 * 1024,
      maxBatchSize: opts.maxBatchSize ?? 5,
      shutdownTimeoutMs: 5_000,
      ...(opts.router ? { router: opts.router } : {}),
    });
  });
  afterAll(async () => {
    await jobs?.stop();
    await running?.close();
    await services?.rateLimiter.close();
  });

  const get = () => {
    if (!running) throw new Error("useTestServer(): the server runs only while the file's tests run");
    return running;
  };
  return {
    get url() {
      return get().url;
    },
    get running() {
      return get();
    },
    get db() {
      return database.db;
    },
    get driver() {
      return database.driver;
    },
    get services() {
      if (!services) throw new Error("useTestServer(): services exist only while the file's tests run");
      return services;
    },
    sentMail,
    get jobs() {
      if (!jobs) throw new Error("useTestServer(): the job worker runs only while the file's tests run");
      return jobs;
    },
    logs,
    rawLogs,
    client({ batch = true, headers = {} } = {}) {
      const link = (batch ? httpBatchLink : httpLink)({
        url: `${get().url}/trpc`,
        transformer: superjson,
        headers,
      });
      return createTRPCClient<AppRouter>({ links: [link] });
    },
    memberHeaders() {
      member ??= this.client()
        .auth.signup.mutate({
          email: `member-${crypto.randomUUID()}@example.com`,
          password: "correct horse battery staple",
          name: "Member",
          sessionTransport: "bearer",
        })
        .then((r) => ({ authorization: `Bearer ${r.sessionToken}` }));
      return member;
    },
  };
}
