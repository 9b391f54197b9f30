/**
 * A thin tRPC HTTP adapter on plain `node:http`.
 *
 * Why not the official adapters: on Node 20 they route every call through Fetch `Request`/`Response` objects,
 * which cost most of the throughput (see docs/decisions/002-http-adapter.md). This adapter speaks the same wire
 * protocol as `httpLink` and `httpBatchLink` (GET for queries, POST for mutations, `?batch=1` with
 * comma-separated paths and an index-keyed input object, superjson envelopes, 207 for mixed batch results) and
 * calls procedures directly. It deliberately does not do streaming (`httpBatchStreamLink`), subscriptions or
 * method override; those get a clear error.
 *
 * Request-level failures (unreadable body, batch too large, wrong content type, a path that is not valid
 * percent-encoding) answer with one error object; tRPC clients apply it to every call in the batch. A client
 * that goes away before its answer is reported as CLIENT_CLOSED_REQUEST and sent nothing: it is not a fault.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type AnyTRPCProcedure, type AnyTRPCRouter, TRPCError } from "@trpc/server";
import {
  getErrorShape,
  getHTTPStatusCode,
  getProcedureAtPath,
  type ProcedureType,
  type TRPCResponse,
  transformTRPCResponse,
} from "@trpc/server/unstable-core-do-not-import";
import { type ClientWatch, watchClient } from "../http/abort-signal.ts";
import { type HeaderRecord, headerList } from "../http/header-list.ts";
import { parseJson, readJsonBody } from "../http/json-body.ts";
import { BodyTooLargeError } from "../http/read-body.ts";

export interface TrpcCallError<TContext> {
  error: TRPCError;
  path: string | undefined;
  type: ProcedureType | "unknown";
  ctx: TContext | undefined;
}

/** What one HTTP request did, for the request log: returned to the caller rather than kept on the side. */
export interface TrpcOutcome<TContext> {
  ctx: TContext | undefined;
  /** The procedure paths asked for; empty when the request failed before they were read. */
  paths: string[];
  /** Every failure answered (per call, or one for the whole request with `path` undefined). */
  errors: TrpcCallError<TContext>[];
  /** The client closed the connection before the answer was written. */
  clientGone: boolean;
}

export interface TrpcHandlerOptions<TContext, TRequest = void> {
  router: AnyTRPCRouter;
  /** `request` is whatever the caller handed to this request's handler call (its id, logger, client address). */
  createContext: (req: IncomingMessage, request: TRequest) => TContext | Promise<TContext>;
  maxBodyBytes: number;
  maxBatchSize: number;
  onError?: (call: TrpcCallError<TContext>) => void;
  /**
   * Refuses a whole request before its context is built (throw a TRPCError), e.g. a cross-site POST, so a
   * refused request costs no session lookup.
   */
  guard?: (req: IncomingMessage) => void;
  /** The context a refused request's error is reported with: the request's id and logger, no session. */
  createRefusedContext?: (req: IncomingMessage, request: TRequest) => TContext;
  /**
   * Spends the caller's budget for one call (the general per-IP flood limit), once per call of the request just
   * before it runs, so a batch of N calls costs N. A rejection is that call's answer (429).
   */
  admitCall?: (ctx: TContext) => undefined | Promise<void>;
  /** Extra response headers from what the calls did (cookies they set) and how they failed (Retry-After). */
  responseHeaders?: (ctx: TContext | undefined, errors: TRPCError[]) => Record<string, string | string[]>;
}

type Call = {
  path: string;
  input: unknown;
  type: ProcedureType | "unknown";
  error?: TRPCError;
  procedure?: AnyTRPCProcedure;
  wantsSignal?: boolean;
};

/** Procedures do not change while the server runs; only found ones are kept, so junk paths cannot grow the map. */
interface Found {
  procedure: AnyTRPCProcedure;
  type: ProcedureType;
  /** plinth's procedures declare `meta.abortSignal: false` unless they read `signal`; any other router gets one. */
  wantsSignal: boolean;
}

const METHOD_FOR: Record<ProcedureType, string> = { query: "GET", mutation: "POST", subscription: "GET" };

function badRequest(message: string, cause?: unknown): TRPCError {
  return new TRPCError({ code: "BAD_REQUEST", message, cause });
}

/** A path segment that is not valid percent-encoding (`%E0%A4%A`, a lone `%ff`) is the client's mistake: 400. */
function decodePath(path: string): string {
  if (!path.includes("%")) return path;
  try {
    return decodeURIComponent(path);
  } catch (cause) {
    throw new TRPCError({ code: "PARSE_ERROR", message: "Malformed percent-encoding in the path", cause });
  }
}

const clientClosed = (cause: unknown) =>
  new TRPCError({ code: "CLIENT_CLOSED_REQUEST", message: "The client closed the connection", cause });

export function createTrpcHandler<TContext, TRequest = void>(opts: TrpcHandlerOptions<TContext, TRequest>) {
  const config = opts.router._def._config;
  const deserialize = (value: unknown): unknown => {
    try {
      return config.transformer.input.deserialize(value);
    } catch (cause) {
      throw new TRPCError({ code: "PARSE_ERROR", message: "Input could not be deserialized", cause });
    }
  };

  /**
   * The transformer's `output.stringify` (plinth's transformer has one: superjson's bytes without building
   * superjson's object first) writes a result's data straight into the envelope; otherwise tRPC's own
   * transformation and one JSON.stringify. Errors always take tRPC's path: they are rare and small.
   */
  const stringifyOutput = (config.transformer.output as { stringify?: (value: unknown) => string }).stringify;
  function encode(response: TRPCResponse): string {
    if (stringifyOutput && "result" in response && "data" in response.result) {
      // Exactly what JSON.stringify(transformTRPCResponse(config, response)) writes for `{ result: { data } }`.
      return `{"result":{"data":${stringifyOutput(response.result.data)}}}`;
    }
    return JSON.stringify(transformTRPCResponse(config, response));
  }

  /** `base` is the request's own headers (request id, CORS): every header goes out in this one writeHead. */
  function send(
    res: ServerResponse,
    base: HeaderRecord,
    status: number,
    payload: string,
    extra?: HeaderRecord,
  ): void {
    const own = {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(payload),
      "cache-control": "no-store",
      vary: "origin, trpc-accept, accept",
    };
    res.writeHead(status, headerList([base, extra, own]));
    res.end(payload);
  }

  function sendRequestError(
    res: ServerResponse,
    base: Readonly<Record<string, string>>,
    cause: unknown,
    ctx: TContext | undefined,
    clientGone: boolean,
  ): TrpcCallError<TContext> {
    const error = clientGone
      ? clientClosed(cause)
      : cause instanceof BodyTooLargeError
        ? new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: cause.message })
        : cause instanceof TRPCError
          ? cause
          : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause });
    const call: TrpcCallError<TContext> = { error, path: undefined, type: "unknown", ctx };
    opts.onError?.(call);
    if (clientGone) return call;
    const json = {
      error: getErrorShape({ config, error, type: "unknown", path: undefined, input: undefined, ctx }),
    };
    send(res, base, getHTTPStatusCode(json), encode(json), opts.responseHeaders?.(ctx, [error]));
    return call;
  }

  /** The calls' inputs from the raw JSON (`?input=` for GET, the body for POST); index-keyed for a batch. */
  function inputsOf(raw: unknown, isBatch: boolean, count: number): unknown[] {
    if (!isBatch) return [raw === undefined ? undefined : deserialize(raw)];
    if (raw === undefined) return new Array<unknown>(count).fill(undefined);
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      throw badRequest('"input" must be an object keyed by call index in a batch');
    }
    const byIndex = raw as Record<string, unknown>;
    return Array.from({ length: count }, (_, i) =>
      byIndex[i] === undefined ? undefined : deserialize(byIndex[i]),
    );
  }

  const found = new Map<string, Found>();
  async function lookup(path: string): Promise<Found | undefined> {
    const hit = found.get(path);
    if (hit) return hit;
    const procedure = (await getProcedureAtPath(opts.router, path)) as AnyTRPCProcedure | null;
    if (!procedure) return undefined;
    const meta = procedure._def.meta as { abortSignal?: boolean } | undefined;
    const entry = { procedure, type: procedure._def.type, wantsSignal: meta?.abortSignal !== false };
    found.set(path, entry);
    return entry;
  }

  /**
   * One call of the request: its procedure, or the error it answers with before anything runs. Procedures found
   * before are there at once; only the first call of a path waits for tRPC's lookup (routers may load lazily).
   */
  function prepare(callPath: string, input: unknown, method: string | undefined): Call | Promise<Call> {
    const entry = found.get(callPath);
    if (entry) return callOf(callPath, input, method, entry);
    return lookup(callPath).then((looked) => callOf(callPath, input, method, looked));
  }

  function callOf(
    callPath: string,
    input: unknown,
    method: string | undefined,
    entry: Found | undefined,
  ): Call {
    if (!entry) {
      return {
        path: callPath,
        input,
        type: "unknown",
        error: new TRPCError({ code: "NOT_FOUND", message: `No procedure "${callPath}"` }),
      };
    }
    const { type } = entry;
    if (type === "subscription") {
      return {
        path: callPath,
        input,
        type,
        error: new TRPCError({
          code: "METHOD_NOT_SUPPORTED",
          message: "Subscriptions are not served over HTTP",
        }),
      };
    }
    if (METHOD_FOR[type] !== method) {
      const message = `${type === "query" ? "Queries" : "Mutations"} must use ${METHOD_FOR[type]}`;
      return { path: callPath, input, type, error: new TRPCError({ code: "METHOD_NOT_SUPPORTED", message }) };
    }
    return { path: callPath, input, type, procedure: entry.procedure, wantsSignal: entry.wantsSignal };
  }

  /**
   * Runs one call (after its share of the flood limit) and answers it: `{ result }` or `{ error }`. A failure is
   * reported (onError) and collected in `failures` for the request log and the response headers.
   */
  async function answer(
    call: Call,
    index: number,
    ctx: TContext,
    client: ClientWatch,
    failures: TrpcCallError<TContext>[],
  ): Promise<TRPCResponse> {
    let error = call.error;
    const { procedure } = call;
    if (procedure) {
      try {
        // Counted in process memory, the limit answers at once (or throws): a promise only when it has to wait.
        const admitted = opts.admitCall?.(ctx);
        if (admitted) await admitted;
        const input = call.input;
        const data: unknown = await procedure({
          path: call.path,
          getRawInput: async () => input,
          ctx,
          type: procedure._def.type,
          signal: call.wantsSignal ? client.signal() : undefined,
          batchIndex: index,
        });
        return { result: { data } };
      } catch (cause) {
        // Whatever a procedure throws once its caller has left (often because of the abort) reaches nobody.
        error = client.gone
          ? clientClosed(cause)
          : cause instanceof TRPCError
            ? cause
            : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause });
      }
    }
    const failure = error ?? new TRPCError({ code: "INTERNAL_SERVER_ERROR" });
    const report: TrpcCallError<TContext> = { error: failure, path: call.path, type: call.type, ctx };
    failures.push(report);
    opts.onError?.(report);
    const shape = getErrorShape({
      config,
      error: failure,
      type: call.type,
      path: call.path,
      input: call.input,
      ctx,
    });
    return { error: shape };
  }

  return async function handleTrpc(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
    request: TRequest,
    /** Headers every response to this request carries (request id, CORS), written with the rest at once. */
    headers: Readonly<Record<string, string>> = {},
  ): Promise<TrpcOutcome<TContext>> {
    let ctx: TContext | undefined;
    let calls: Call[];
    let paths: string[] = [];
    const isBatch = query.get("batch") === "1";
    const client = watchClient(res);
    try {
      try {
        opts.guard?.(req);
      } catch (refusal) {
        // The refusal still carries the request id and is logged with the request's logger.
        ctx = opts.createRefusedContext?.(req, request);
        throw refusal;
      }
      // Before the other checks, so a request-level error carries the request id and the right logger.
      // An anonymous caller's context is made at once; awaiting it anyway would cost a turn of the event loop.
      const made = opts.createContext(req, request);
      ctx = made instanceof Promise ? await made : made;
      if (req.method !== "GET" && req.method !== "POST") {
        throw new TRPCError({
          code: "METHOD_NOT_SUPPORTED",
          message: `${req.method} is not supported; use GET or POST`,
        });
      }
      paths = isBatch ? decodePath(path).split(",") : [decodePath(path)];
      if (paths.length > opts.maxBatchSize) {
        throw badRequest(`A batch may hold at most ${opts.maxBatchSize} calls`);
      }
      // A GET's input is in the query string: nothing to wait for.
      let raw: unknown;
      if (req.method === "GET") {
        const text = query.get("input");
        raw = text === null ? undefined : parseJson(text);
      } else {
        raw = await readJsonBody(req, opts.maxBodyBytes);
      }
      const inputs = inputsOf(raw, isBatch, paths.length);
      // One call (what httpLink sends, and most of httpBatchLink's requests) skips the batch's Promise.all.
      if (paths.length === 1) {
        const call = prepare(paths[0] as string, inputs[0], req.method);
        calls = [call instanceof Promise ? await call : call];
      } else {
        calls = await Promise.all(
          paths.map((callPath, index) => prepare(callPath, inputs[index], req.method)),
        );
      }
    } catch (cause) {
      // A body cut off by the client rejects with ECONNRESET ("aborted"), possibly before `close` fires.
      const gone = client.gone || (cause as NodeJS.ErrnoException | undefined)?.code === "ECONNRESET";
      return { ctx, paths, errors: [sendRequestError(res, headers, cause, ctx, gone)], clientGone: gone };
    }

    const failures: TrpcCallError<TContext>[] = [];
    const context = ctx as TContext;
    const responses: TRPCResponse[] =
      calls.length === 1
        ? [await answer(calls[0] as Call, 0, context, client, failures)]
        : await Promise.all(calls.map((call, index) => answer(call, index, context, client, failures)));

    const outcome = { ctx, paths, errors: failures, clientGone: client.gone };
    if (outcome.clientGone) return outcome;
    const untransformed = isBatch ? responses : (responses[0] as TRPCResponse);
    const payload = isBatch ? `[${responses.map(encode).join(",")}]` : encode(responses[0] as TRPCResponse);
    send(
      res,
      headers,
      getHTTPStatusCode(untransformed),
      payload,
      opts.responseHeaders?.(
        ctx,
        failures.map((f) => f.error),
      ),
    );
    return outcome;
  };
}
