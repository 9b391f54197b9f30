/**
 * The REST adapter: a thin layer over the same procedures tRPC serves (docs/decisions/017-rest-adapter.md).
 * It matches a route of the table in routes.ts, builds the procedure's input from the path, query string and
 * JSON body, and calls the procedure the way the tRPC handler does, so every middleware (auth, rate limits, the
 * 503 mapping) applies unchanged. What it adds is HTTP: statuses, Location, ETag and conditional requests,
 * compression, RateLimit headers, and plain JSON (dates as ISO-8601, no superjson).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError, type Context, enforceFloodLimit, jsonText, rateLimitHeaders } from "@plinth/api";
import { type AnyTRPCProcedure, type AnyTRPCRouter, TRPCError } from "@trpc/server";
import { getProcedureAtPath } from "@trpc/server/unstable-core-do-not-import";
import { type ClientWatch, watchClient } from "../http/abort-signal.ts";
import { type HeaderRecord, headerList } from "../http/header-list.ts";
import { readJsonBody } from "../http/json-body.ts";
import { BodyTooLargeError } from "../http/read-body.ts";
import { idempotentCreate } from "./idempotent-create.ts";
import { compileRoutes } from "./match-route.ts";
import {
  apiSchemas,
  type JsonSchema,
  type ProcedureSchemas,
  procedureSchemas,
  resolveRef,
} from "./procedure-schemas.ts";
import {
  COMPRESS_MIN_BYTES,
  encodeBody,
  entityTag,
  identityBody,
  ifMatchHolds,
  noneMatch,
} from "./representation.ts";
import { errorBody, errorHeaders, errorStatus } from "./rest-errors.ts";
import { buildInput } from "./rest-input.ts";
import { API_PREFIX, type RestRoute, takesIdempotencyKey } from "./routes.ts";

export interface RestHandlerOptions<TRequest> {
  router: AnyTRPCRouter;
  routes: readonly RestRoute[];
  maxBodyBytes: number;
  /** Must authenticate by the Authorization header alone: REST ignores cookies (so CSRF cannot apply). */
  createContext: (req: IncomingMessage, request: TRequest) => Context | Promise<Context>;
  onError?: (call: { error: TRPCError; path: string | undefined; ctx: Context | undefined }) => void;
}

/** What one REST request did, for the request log. */
export interface RestOutcome {
  ctx: Context | undefined;
  procedure: string | undefined;
  error: TRPCError | undefined;
  clientGone: boolean;
}

type Headers = Record<string, string | string[]>;

const JSON_TYPE = "application/json; charset=utf-8";
const NO_STORE = { "cache-control": "no-store" };

/** A request carries a body when it declares a length above zero or is chunked. */
const hasBody = (req: IncomingMessage) =>
  Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;

/** `{ data }`, or for a paged procedure `{ data: items, meta: { nextCursor } }`. */
function envelope(route: RestRoute, data: unknown): unknown {
  if (!route.paged) return { data: data ?? null };
  const page = data as { items: unknown[]; nextCursor: string | null };
  return { data: page.items, meta: { nextCursor: page.nextCursor } };
}

const toTrpcError = (cause: unknown): TRPCError =>
  cause instanceof BodyTooLargeError
    ? new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: cause.message })
    : cause instanceof TRPCError
      ? cause
      : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause });

export function createRestHandler<TRequest extends { id: string }>(opts: RestHandlerOptions<TRequest>) {
  const match = compileRoutes(opts.routes);
  const schemaCache = new Map<string, Promise<ProcedureSchemas>>();
  const schemasOf = (procedure: string) => {
    let found = schemaCache.get(procedure);
    if (!found) {
      found = procedureSchemas(opts.router, procedure);
      schemaCache.set(procedure, found);
    }
    return found;
  };
  const resolve = (schema: JsonSchema | undefined) => resolveRef(schema, apiSchemas(opts.router).components);
  const getRoutes = new Map(opts.routes.filter((r) => r.method === "GET").map((r) => [r.path, r]));

  /** Each route's procedure, found once: the table is fixed, so this map stays as small as it is. */
  const procedures = new Map<string, { procedure: AnyTRPCProcedure; wantsSignal: boolean }>();
  async function procedureOf(path: string) {
    const hit = procedures.get(path);
    if (hit) return hit;
    const procedure = (await getProcedureAtPath(opts.router, path)) as AnyTRPCProcedure | null;
    if (!procedure) throw new Error(`REST route names no procedure: ${path}`);
    // plinth's procedures declare `meta.abortSignal: false` unless they read `signal` (core/trpc.ts).
    const meta = procedure._def.meta as { abortSignal?: boolean } | undefined;
    const entry = { procedure, wantsSignal: meta?.abortSignal !== false };
    procedures.set(path, entry);
    return entry;
  }

  async function call(route: RestRoute, input: unknown, ctx: Context, client: ClientWatch): Promise<unknown> {
    const { procedure, wantsSignal } =
      procedures.get(route.procedure) ?? (await procedureOf(route.procedure));
    return procedure({
      path: route.procedure,
      getRawInput: async () => input,
      ctx,
      type: procedure._def.type,
      signal: wantsSignal ? client.signal() : undefined,
      batchIndex: 0,
    });
  }

  /**
   * PATCH with If-Match: the resource as GET shows it must still have that ETag, else 412. The write then goes
   * ahead with the version that tag stands for (every PATCH route with a GET takes one: tasks, projects,
   * organizations; ADR 033), so a write that lands between this check and ours still loses with STALE_WRITE,
   * which the caller also sees as 412.
   */
  async function conditionalWrite(
    route: RestRoute,
    input: Record<string, unknown> | undefined,
    params: Record<string, string>,
    ifMatch: string,
    ctx: Context,
    client: ClientWatch,
  ): Promise<unknown> {
    const getRoute = getRoutes.get(route.path);
    if (!getRoute) {
      throw new AppError("VALIDATION_FAILED", "This resource has no ETag; If-Match cannot apply", {
        details: [{ path: "If-Match", message: "Not supported on this route" }],
      });
    }
    const current = await call(getRoute, params, ctx, client);
    const tag = entityTag(jsonText(envelope(getRoute, current)) as string);
    if (!ifMatchHolds(ifMatch, tag)) {
      throw new AppError("PRECONDITION_FAILED", "The resource changed since you read it; fetch it again");
    }
    const version = (current as { version?: unknown } | null)?.version;
    const schema = await schemasOf(route.procedure);
    const takesVersion = (schema.input?.properties as Record<string, unknown> | undefined)?.version;
    const writeInput =
      takesVersion && typeof version === "number" && input?.version === undefined
        ? { ...input, version }
        : input;
    try {
      return await call(route, writeInput, ctx, client);
    } catch (error) {
      if (error instanceof AppError && error.appCode === "STALE_WRITE") {
        throw new AppError("PRECONDITION_FAILED", "The resource changed since you read it; fetch it again", {
          cause: error,
        });
      }
      throw error;
    }
  }

  /**
   * Sends a JSON answer. A GET 200 gets a strong ETag (If-None-Match -> 304) and `private, no-cache`: answers are
   * per caller and revalidated each time rather than reused blindly. Bodies over 1 KiB are compressed.
   */
  async function sendJson(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    value: unknown,
    base: HeaderRecord,
    headers: HeaderRecord,
  ): Promise<void> {
    if (value === undefined) {
      res.writeHead(status, headerList([base, headers, NO_STORE]));
      res.end();
      return;
    }
    // JSON.stringify's text, with Dates written without V8's per-Date toJSON call (ADR 030).
    const body = jsonText(value) as string;
    const cacheable = (req.method === "GET" || req.method === "HEAD") && status === 200;
    const tag = cacheable ? entityTag(body) : undefined;
    const cacheControl = cacheable ? "private, no-cache" : "no-store";
    const size = Buffer.byteLength(body);
    // Most answers are too small to compress: those skip encodeBody's await.
    const encoded =
      size < COMPRESS_MIN_BYTES ? identityBody(body, size, tag) : await encodeBody(req, body, tag);
    if (tag && noneMatch(req.headers["if-none-match"], tag)) {
      res.writeHead(304, headerList([base, headers, encoded.headers, { "cache-control": cacheControl }]));
      res.end();
      return;
    }
    const own = {
      "content-type": JSON_TYPE,
      "content-length": encoded.length,
      "cache-control": cacheControl,
    };
    res.writeHead(status, headerList([base, headers, encoded.headers, own]));
    res.end(encoded.bytes);
  }

  /** The route's success answer for the procedure's result: `{ data }`, Location for 201, nothing for 204. */
  function successOf(route: RestRoute, params: Record<string, string>, data: unknown) {
    return {
      body: route.status === 204 ? undefined : envelope(route, data),
      location:
        route.status === 201 && route.location
          ? route.location(params, data as Record<string, unknown>)
          : undefined,
    };
  }

  return async function handleRest(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
    request: TRequest,
    /** Headers every response to this request carries (request id, CORS), written with the rest at once. */
    base: Readonly<Record<string, string>> = {},
  ): Promise<RestOutcome> {
    const client = watchClient(res);
    let ctx: Context | undefined;
    let route: RestRoute | undefined;
    // This answer's own headers; `base` (request id, CORS) goes out with them, merged once in the writeHead.
    const headers: Headers = {};
    try {
      // HEAD is GET without the body (RFC 9110 9.3.2): same status and headers; node:http drops the body itself.
      const found = match(req.method === "HEAD" ? "GET" : (req.method ?? "GET"), path);
      if (found.kind === "not_found") throw new AppError("ROUTE_NOT_FOUND", "No route for this path");
      if (found.kind === "method_not_allowed") {
        const allow = found.allow.includes("GET") ? [...found.allow, "HEAD"] : found.allow;
        headers.allow = allow.join(", ");
        throw new AppError("METHOD_NOT_ALLOWED", `${req.method} is not allowed here; use ${headers.allow}`);
      }
      route = found.route;
      const made = opts.createContext(req, request);
      ctx = made instanceof Promise ? await made : made;
      const schemas = await schemasOf(route.procedure);
      const takesBody = route.method === "POST" || route.method === "PATCH";
      const body = takesBody && hasBody(req) ? await readJsonBody(req, opts.maxBodyBytes) : undefined;
      const input = buildInput({ route, params: found.params, query, body, schema: schemas.input, resolve });
      const ifMatch = req.headers["if-match"];
      const rawKey = req.headers["idempotency-key"];
      const idempotencyKey = Array.isArray(rawKey) ? rawKey.join(", ") : rawKey;
      const user = ctx.user;
      let answer: { status: number; body: unknown; location: string | undefined; replayed?: boolean };
      let failure: TRPCError | undefined;
      try {
        // The general per-IP limit: one point per REST request (a replay and a conditional write included), spent
        // here rather than by a middleware under every procedure (docs/decisions/021-fast-path.md).
        const admitted = enforceFloodLimit(ctx);
        if (admitted) await admitted;
        if (idempotencyKey !== undefined && user && takesIdempotencyKey(route)) {
          const created = await idempotentCreate({
            ctx: { ...ctx, user },
            rawKey: idempotencyKey,
            request: { method: route.method, path: `${API_PREFIX}${path}`, body },
            create: async () =>
              successOf(found.route, found.params, await call(found.route, input, ctx as Context, client)),
          });
          answer = created;
          failure = created.failure;
        } else {
          const data =
            route.method === "PATCH" && ifMatch !== undefined
              ? await conditionalWrite(route, input, found.params, ifMatch, ctx, client)
              : await call(route, input, ctx, client);
          const success = successOf(route, found.params, data);
          answer = { status: route.status, body: success.body, location: success.location };
        }
      } finally {
        Object.assign(headers, rateLimitHeaders(ctx.response));
      }
      if (client.gone) return { ctx, procedure: route.procedure, error: failure, clientGone: true };
      if (answer.location) headers.location = answer.location;
      if (answer.replayed) headers["idempotent-replayed"] = "true";
      if (failure) {
        opts.onError?.({ error: failure, path: route.procedure, ctx });
        Object.assign(headers, errorHeaders(failure, answer.status));
      }
      await sendJson(req, res, answer.status, answer.body, base, headers);
      return { ctx, procedure: route.procedure, error: failure, clientGone: false };
    } catch (cause) {
      // A body cut off by the client rejects with ECONNRESET ("aborted"), possibly before `close` fires.
      const gone = client.gone || (cause as NodeJS.ErrnoException | undefined)?.code === "ECONNRESET";
      const error = gone
        ? new TRPCError({ code: "CLIENT_CLOSED_REQUEST", message: "The client closed the connection", cause })
        : toTrpcError(cause);
      opts.onError?.({ error, path: route?.procedure, ctx });
      if (!gone) {
        const status = errorStatus(error);
        await sendJson(req, res, status, errorBody(error, request.id), base, {
          ...headers,
          ...errorHeaders(error, status),
        });
      }
      return { ctx, procedure: route?.procedure, error, clientGone: gone };
    }
  };
}
