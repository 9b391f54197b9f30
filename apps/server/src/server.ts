import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type AppOptions, createApp } from "./app.ts";

export interface ServerOptions extends AppOptions {
  port: number;
  host?: string | undefined;
  /** How long shutdown waits for in-flight requests before cutting connections. */
  shutdownTimeoutMs: number;
  /** Runs after requests have drained and before the database closes (stop workers, close the rate limiter). */
  beforeDatabaseClose?: () => Promise<void>;
}

export interface RunningServer {
  server: Server;
  port: number;
  /** http://localhost:PORT (or the bound host). */
  url: string;
  /** Stops accepting, drains in-flight requests (up to the timeout), then closes the database pool. */
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const handle = createApp(opts);
  let closing = false;
  let inFlight = 0;

  const server = createServer((req, res) => {
    inFlight++;
    res.once("close", () => {
      inFlight--;
      // A keep-alive socket that just finished its last response is idle now: let it go.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    // While draining, tell keep-alive clients to reconnect elsewhere rather than reuse this socket.
    if (closing) res.setHeader("connection", "close");
    void handle(req, res);
  });
  // Slow-loris and stuck-client protection; the defaults are generous for an API.
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host && opts.host !== "0.0.0.0" && opts.host !== "::" ? opts.host : "localhost";
  opts.logger.info({ port, host: opts.host ?? "*" }, `listening on http://${host}:${port}`);

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= drain(server, opts, () => {
      closing = true;
      return inFlight;
    });
    return closed;
  };
  return { server, port, url: `http://${host}:${port}`, close };
}

async function drain(server: Server, opts: ServerOptions, begin: () => number) {
  const { db, logger, shutdownTimeoutMs: timeoutMs } = opts;
  const pending = begin();
  logger.info({ inFlight: pending }, "shutting down: no new connections, draining requests");
  const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    stopped.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (timedOut) {
    logger.warn({ timeoutMs }, "shutdown timeout: closing remaining connections");
    server.closeAllConnections();
    await stopped;
  }
  try {
    await opts.beforeDatabaseClose?.();
  } catch (error) {
    logger.error({ err: error }, "shutdown hook failed");
  }
  await db.destroy();
  logger.info("shutdown complete");
}
