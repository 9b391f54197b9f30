import type { AppRouter } from "@plinth/api";
import { useTestDatabase } from "@plinth/db/testing";
import { createTRPCClient, httpBatchLink, httpLink, type TRPCClient } from "@trpc/client";
import type { AnyTRPCRouter } from "@trpc/server";
import pino from "pino";
import superjson from "superjson";
import { afterAll, beforeAll } from "vitest";
import { type RunningServer, startServer } from "../server.ts";

export const WEB_ORIGIN = "http://web.test";

export interface TestServer {
  readonly url: string;
  readonly running: RunningServer;
  readonly db: ReturnType<typeof useTestDatabase>["db"];
  readonly driver: ReturnType<typeof useTestDatabase>["driver"];
  /** Every log line the server wrote, parsed. */
  readonly logs: Record<string, unknown>[];
  readonly rawLogs: string[];
  client(opts?: { batch?: boolean; headers?: Record<string, string> }): TRPCClient<AppRouter>;
}

/** A real server on an ephemeral port over this file's test database; torn down after the file. */
export function useTestServer(
  opts: { router?: AnyTRPCRouter; maxBodyBytes?: number; maxBatchSize?: number } = {},
): TestServer {
  const database = useTestDatabase();
  const rawLogs: string[] = [];
  const logs: Record<string, unknown>[] = [];
  let running: RunningServer | undefined;

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
    running = await startServer({
      db: database.db,
      logger,
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
    await running?.close();
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
  };
}
