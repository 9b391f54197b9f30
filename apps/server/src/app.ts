import type { IncomingMessage, ServerResponse } from "node:http";
import { appRouter, type Context, createRequestContext } from "@plinth/api";
import type { Database } from "@plinth/db";
import type { AnyTRPCRouter } from "@trpc/server";
import type { Logger } from "pino";
import { handleCors } from "./http/cors.ts";
import { liveness, readiness } from "./http/health-routes.ts";
import { resolveRequestId } from "./http/request-id.ts";
import { sendError } from "./http/send-json.ts";
import { createTrpcHandler } from "./trpc/trpc-handler.ts";

export interface AppOptions {
  db: Database;
  logger: Logger;
  webOrigins: readonly string[];
  maxBodyBytes: number;
  maxBatchSize: number;
  /** Another router with plinth's Context, for tests of the transport itself. */
  router?: AnyTRPCRouter;
}

// Per-request state the tRPC context factory needs, keyed by the request object.
const requestIds = new WeakMap<IncomingMessage, { id: string; logger: Logger }>();

export function createApp(opts: AppOptions) {
  const origins = new Set(opts.webOrigins);
  const trpc = createTrpcHandler<Context>({
    router: opts.router ?? appRouter,
    maxBodyBytes: opts.maxBodyBytes,
    maxBatchSize: opts.maxBatchSize,
    createContext: (req) => {
      const meta = requestIds.get(req);
      const requestId = meta?.id ?? resolveRequestId(undefined);
      return createRequestContext({
        db: opts.db,
        logger: meta?.logger ?? opts.logger,
        request: { requestId, headers: req.headers, ip: req.socket.remoteAddress },
      });
    },
    onError: ({ error, path, ctx }) => {
      const logger = ctx?.logger ?? opts.logger;
      // Client mistakes are routine; only server faults are worth an error line (with the stack, server-side only).
      if (error.code === "INTERNAL_SERVER_ERROR")
        logger.error({ err: error.cause ?? error, path }, "procedure failed");
      else logger.debug({ code: error.code, path }, "procedure rejected");
    },
  });

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const requestId = resolveRequestId(req.headers["x-request-id"]);
    const logger = opts.logger.child({ requestId });
    requestIds.set(req, { id: requestId, logger });
    res.setHeader("x-request-id", requestId);
    res.setHeader("x-content-type-options", "nosniff");

    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const pathname = q === -1 ? url : url.slice(0, q);
    // Paths only, never query strings: tRPC GET inputs travel there and may hold personal data.
    res.once("finish", () => {
      logger.info(
        {
          method: req.method,
          path: pathname,
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        },
        "request",
      );
    });

    try {
      if (handleCors(req, res, origins)) return;
      if (pathname.startsWith("/trpc/")) {
        await trpc(
          req,
          res,
          pathname.slice("/trpc/".length),
          new URLSearchParams(q === -1 ? "" : url.slice(q + 1)),
        );
      } else if (pathname === "/healthz" && (req.method === "GET" || req.method === "HEAD")) {
        liveness(res);
      } else if (pathname === "/readyz" && (req.method === "GET" || req.method === "HEAD")) {
        await readiness(res, opts.db, logger);
      } else {
        sendError(res, 404, "NOT_FOUND", "No route for this path", requestId);
      }
    } catch (error) {
      logger.error({ err: error }, "unhandled error in request");
      if (!res.headersSent) sendError(res, 500, "INTERNAL", "Internal server error", requestId);
      else res.destroy();
    }
  };
}
