import type { IncomingMessage, ServerResponse } from "node:http";
import {
  AppError,
  appRouter,
  type Context,
  createContextInner,
  createRequestContext,
  describeError,
  enforceFloodLimit,
  responseHeaders,
  type Services,
} from "@plinth/api";
import { isTrustedOrigin, readSessionCookie } from "@plinth/auth";
import type { Database } from "@plinth/db";
import type { AnyTRPCRouter, TRPCError } from "@trpc/server";
import type { Logger } from "pino";
import { clientIp, compileTrustedProxies } from "./http/client-ip.ts";
import { handleCors } from "./http/cors.ts";
import { liveness, readiness } from "./http/health-routes.ts";
import { resolveRequestId } from "./http/request-id.ts";
import { logRequestWhenDone, type RequestSummary } from "./http/request-log.ts";
import { requestLogger } from "./http/request-logger.ts";
import { sendError } from "./http/send-json.ts";
import { type ApiDocs, createApiDocs } from "./rest/api-docs.ts";
import { createRestHandler, type RestOutcome } from "./rest/rest-handler.ts";
import { API_PREFIX, restRoutes } from "./rest/routes.ts";
import { createTrpcHandler, type TrpcOutcome } from "./trpc/trpc-handler.ts";

export interface AppOptions {
  db: Database;
  logger: Logger;
  services: Services;
  webOrigins: readonly string[];
  /** Proxies (addresses and CIDR ranges) whose X-Forwarded-For is believed. */
  trustedProxies?: readonly string[];
  maxBodyBytes: number;
  maxBatchSize: number;
  /** Another router with plinth's Context, for tests of the transport itself. */
  router?: AnyTRPCRouter;
}

/** What the HTTP layer knows about a request before tRPC runs; handed to the context factory as an argument. */
interface RequestMeta {
  id: string;
  /** The request's logger (bound to its id); the pino child behind it is made on first use. */
  logger: Logger;
  ip: string | null;
}

function summarize(outcome: TrpcOutcome<Context>): RequestSummary {
  // Assigned field by field: this runs for every request, and spreads of conditional objects cost far more.
  const summary: RequestSummary = {};
  if (outcome.paths.length > 0) summary.procedures = outcome.paths;
  if (outcome.errors.length > 0) {
    const appCodes = outcome.errors
      .filter((e) => e.error.code !== "CLIENT_CLOSED_REQUEST")
      .map((e) => describeError(e.error).appCode);
    if (appCodes.length > 0) summary.appCodes = appCodes;
  }
  if (outcome.ctx?.user) summary.userId = outcome.ctx.user.id;
  // Which of the user's keys made the call (ADR 016): the log names the key, never its token.
  if (outcome.ctx?.apiKey) summary.apiKeyId = outcome.ctx.apiKey.id;
  return summary;
}

function summarizeRest(outcome: RestOutcome): RequestSummary {
  const summary: RequestSummary = {};
  if (outcome.procedure) summary.procedures = [outcome.procedure];
  if (outcome.error && outcome.error.code !== "CLIENT_CLOSED_REQUEST") {
    summary.appCodes = [describeError(outcome.error).appCode];
  }
  if (outcome.ctx?.user) summary.userId = outcome.ctx.user.id;
  // As on tRPC (ADR 016): REST is where API keys are used most.
  if (outcome.ctx?.apiKey) summary.apiKeyId = outcome.ctx.apiKey.id;
  return summary;
}

/**
 * How a failed call is logged, by either transport. Client mistakes are routine; only server faults are worth an
 * error line (with the stack, server-side only). The request line says how each call ended; a client that left
 * is not a fault.
 */
function logCallError(logger: Logger, error: TRPCError, path: string | undefined): void {
  if (error.code === "INTERNAL_SERVER_ERROR")
    logger.error({ err: error.cause ?? error, path }, "procedure failed");
  else if (error.code === "CLIENT_CLOSED_REQUEST")
    logger.debug({ path, reason: String(error.cause ?? "") }, "client closed the request");
  else logger.debug({ code: error.code, path }, "procedure rejected");
}

/**
 * CSRF (ASVS 3.5): tRPC changes state only through POST. A POST whose Origin is not ours is refused outright
 * (that also stops login CSRF); a POST that carries the session cookie must prove its origin with Origin or
 * Sec-Fetch-Site. Bearer-token callers send no cookie, so API clients are unaffected.
 */
function rejectsCrossSite(req: IncomingMessage, origins: ReadonlySet<string>, services: Services): boolean {
  if (req.method !== "POST") return false;
  const origin = req.headers.origin;
  if (origin !== undefined && !origins.has(origin)) return true;
  const hasSessionCookie = readSessionCookie(req.headers.cookie, services.cookie) !== null;
  return hasSessionCookie && !isTrustedOrigin(req.headers, origins);
}

export function createApp(opts: AppOptions) {
  const origins = new Set(opts.webOrigins);
  const trustedProxies = compileTrustedProxies(opts.trustedProxies ?? []);
  const trpc = createTrpcHandler<Context, RequestMeta>({
    router: opts.router ?? appRouter,
    maxBodyBytes: opts.maxBodyBytes,
    maxBatchSize: opts.maxBatchSize,
    createContext: (req, meta) =>
      createRequestContext({
        db: opts.db,
        logger: meta.logger,
        services: opts.services,
        request: { requestId: meta.id, headers: req.headers, ip: meta.ip },
      }),
    guard: (req) => {
      if (rejectsCrossSite(req, origins, opts.services)) {
        throw new AppError("ORIGIN_NOT_ALLOWED", "Cross-site request refused");
      }
    },
    createRefusedContext: (req, meta) =>
      createContextInner({
        db: opts.db,
        // The inner factory binds the request id itself; the request logger already carries it.
        logger: opts.logger,
        services: opts.services,
        requestId: meta.id,
        client: { ip: meta.ip, userAgent: req.headers["user-agent"] ?? null },
      }),
    // The general per-IP limit, once per call of the request (ADR 008), in the transport rather than as a
    // middleware layer under every procedure (docs/decisions/021-fast-path.md).
    admitCall: (ctx) => enforceFloodLimit(ctx),
    // The api's one interface for response effects, applied as HTTP headers.
    responseHeaders: (ctx, errors) => responseHeaders(ctx?.response, errors),
    onError: ({ error, path, ctx }) => logCallError(ctx?.logger ?? opts.logger, error, path),
  });
  const rest = createRestHandler<RequestMeta>({
    router: opts.router ?? appRouter,
    routes: restRoutes,
    maxBodyBytes: opts.maxBodyBytes,
    // Only the Authorization header authenticates on REST: a browser's cookies are never read, so a cross-site
    // request cannot act as anyone and REST needs no CSRF defence (ADR 017).
    createContext: (req, meta) =>
      createRequestContext({
        db: opts.db,
        logger: meta.logger,
        services: opts.services,
        request: {
          requestId: meta.id,
          headers: { authorization: req.headers.authorization, "user-agent": req.headers["user-agent"] },
          ip: meta.ip,
        },
      }),
    onError: ({ error, path, ctx }) => logCallError(ctx?.logger ?? opts.logger, error, path),
  });
  let docs: Promise<ApiDocs> | undefined;
  const apiDocs = () => {
    docs ??= createApiDocs(opts.router ?? appRouter, restRoutes);
    return docs;
  };

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = resolveRequestId(req.headers["x-request-id"]);
    // Made when something logs: most requests write only the request line, which carries the id itself.
    const logger = requestLogger(opts.logger, requestId);
    // Every response's own headers. The tRPC and REST handlers write them with the rest in one writeHead (Node's
    // fast path: no setHeader before it, docs/decisions/021-fast-path.md); other routes get them set up front.
    const headers: Record<string, string> = {
      "x-request-id": requestId,
      "x-content-type-options": "nosniff",
    };
    const setAll = () => {
      for (const name in headers) res.setHeader(name, headers[name] as string);
    };

    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const pathname = q === -1 ? url : url.slice(0, q);
    const logWhenDone = logRequestWhenDone(req, res, { logger: opts.logger, requestId, path: pathname });
    let summary: RequestSummary = {};

    try {
      if (handleCors(req, res, origins, headers)) return;
      if (pathname.startsWith("/trpc/")) {
        const meta = { id: requestId, logger, ip: clientIp(req, trustedProxies) };
        const query = new URLSearchParams(q === -1 ? "" : url.slice(q + 1));
        summary = summarize(await trpc(req, res, pathname.slice("/trpc/".length), query, meta, headers));
      } else if (pathname.startsWith(`${API_PREFIX}/`)) {
        const meta = { id: requestId, logger, ip: clientIp(req, trustedProxies) };
        const query = new URLSearchParams(q === -1 ? "" : url.slice(q + 1));
        summary = summarizeRest(
          await rest(req, res, pathname.slice(API_PREFIX.length), query, meta, headers),
        );
      } else {
        setAll();
        if (pathname === "/healthz" && (req.method === "GET" || req.method === "HEAD")) {
          liveness(res);
        } else if (pathname === "/readyz" && (req.method === "GET" || req.method === "HEAD")) {
          await readiness(res, opts.db, logger, opts.services.rateLimiter);
        } else if (pathname.startsWith("/api/") && (await (await apiDocs()).serve(req, res, pathname))) {
          // The OpenAPI document and the docs page (api-docs.ts).
        } else {
          sendError(res, 404, "NOT_FOUND", "No route for this path", requestId);
        }
      }
    } catch (error) {
      logger.error({ err: error }, "unhandled error in request");
      if (!res.headersSent) {
        setAll();
        sendError(res, 500, "INTERNAL", "Internal server error", requestId);
      } else {
        res.destroy();
      }
    } finally {
      logWhenDone(summary);
    }
  };
}
