import {
  isApiKeyToken,
  readBearerToken,
  readDeviceCookie,
  readSessionCookie,
  validateApiKey,
  validateSessionToken,
} from "@plinth/auth";
import type { ApiKeyScope, Database, Session, User } from "@plinth/db";
import type { Logger } from "pino";
import { dependencyFailure } from "./dependency-errors.ts";
import { createResponseEffects, declareEffect, type ResponseEffects } from "./response-effects.ts";
import type { Services } from "./services.ts";

/** How the caller's session arrived: a browser cookie, an Authorization header, or not at all. */
export type SessionTransport = "cookie" | "bearer";

export type { ResponseEffects };

/** The API key a caller authenticated with (ADR 016): which one (rate limit, audit) and what it may do. */
export interface ApiKeyCaller {
  id: string;
  scopes: readonly ApiKeyScope[];
}

/**
 * Everything a procedure may use, as plain data. Tests build it directly and call procedures through
 * `createCaller`; the HTTP server builds it from a request with `createRequestContext`.
 */
export interface Context {
  db: Database;
  logger: Logger;
  requestId: string;
  services: Services;
  /** Null for anonymous callers and for API key callers: a key is not a session (`sessionProcedure`). */
  session: Session | null;
  /** The acting user: the session's or the API key's. */
  user: User | null;
  transport: SessionTransport | null;
  /** Set when the caller sent an API key (`Authorization: Bearer plinth_…`); null for sessions and anonymous. */
  apiKey: ApiKeyCaller | null;
  /** `deviceToken`: the known-device marker the browser sent (ADR 008), if any. */
  client: { ip: string | null; userAgent: string | null; deviceToken: string | null };
  response: ResponseEffects;
}

export interface ContextInnerOptions {
  db: Database;
  logger: Logger;
  services: Services;
  requestId?: string;
  session?: { session: Session; user: User; transport: SessionTransport } | null;
  /** A caller authenticated by an API key; never together with `session`. */
  apiKey?: { key: ApiKeyCaller; user: User } | null;
  client?: { ip?: string | null; userAgent?: string | null; deviceToken?: string | null };
}

export function createContextInner(opts: ContextInnerOptions): Context {
  const requestId = opts.requestId ?? crypto.randomUUID();
  return buildContext({ ...opts, requestId }, opts.logger.child({ requestId }));
}

/** The context itself; `logger` must already carry the request id. */
function buildContext(opts: ContextInnerOptions & { requestId: string }, logger: Logger): Context {
  if (opts.session && opts.apiKey) throw new Error("A context has a session or an API key, not both");
  return {
    db: opts.db,
    requestId: opts.requestId,
    logger,
    services: opts.services,
    session: opts.session?.session ?? null,
    user: opts.session?.user ?? opts.apiKey?.user ?? null,
    transport: opts.session?.transport ?? null,
    apiKey: opts.apiKey ? { id: opts.apiKey.key.id, scopes: opts.apiKey.key.scopes } : null,
    client: {
      ip: opts.client?.ip ?? null,
      userAgent: opts.client?.userAgent?.slice(0, 512) ?? null,
      deviceToken: opts.client?.deviceToken ?? null,
    },
    response: createResponseEffects(),
  };
}

/** What the HTTP layer knows about a request; plain values so this package never imports `node:http`. */
export interface RequestInfo {
  requestId: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The client address, already resolved through trusted proxies by the server. */
  ip: string | null;
}

const header = (headers: RequestInfo["headers"], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * The outer context: one per HTTP request. A bearer token wins over a cookie (an API client that sends both
 * means the header), and a bearer token with the `plinth_` prefix is an API key, never a session. A cookie whose
 * session is gone is cleared; a refreshed cookie session is re-sent.
 */
export function createRequestContext(opts: RequestContextOptions): Context | Promise<Context> {
  const { headers } = opts.request;
  const bearer = readBearerToken(header(headers, "authorization"));
  const cookie = bearer ? null : readSessionCookie(header(headers, "cookie"), opts.services.cookie);
  // An anonymous caller needs no lookup, so its context is there at once: no promise for the transport to await.
  if (bearer === null && cookie === null) return contextOf(opts, null, null);
  return authenticatedContext(opts, bearer, cookie);
}

interface RequestContextOptions {
  db: Database;
  /** Already bound to the request id (the server's request logger), so it is used as it is. */
  logger: Logger;
  services: Services;
  request: RequestInfo;
}

async function authenticatedContext(
  opts: RequestContextOptions,
  bearer: string | null,
  cookie: string | null,
): Promise<Context> {
  const token = bearer ?? cookie;
  const keyToken = bearer !== null && isApiKeyToken(bearer) ? bearer : null;
  // A database outage here would otherwise reach the transport as a bare 500 before any procedure runs.
  const orUnavailable = (error: unknown) => {
    throw dependencyFailure(error) ?? error;
  };
  const apiKey = keyToken
    ? await validateApiKey(opts.db, keyToken, opts.services.clock).catch(orUnavailable)
    : null;
  const validation =
    token && !keyToken
      ? await validateSessionToken(opts.db, token, opts.services.clock).catch(orUnavailable)
      : null;
  const transport: SessionTransport = bearer ? "bearer" : "cookie";
  const session = validation ? { session: validation.session, user: validation.user, transport } : null;
  const ctx = contextOf(
    opts,
    session,
    apiKey ? { key: { id: apiKey.key.id, scopes: apiKey.key.scopes }, user: apiKey.user } : null,
  );
  if (cookie && !validation) declareEffect(ctx.response, opts.services.cookie, { kind: "clear_session" });
  if (cookie && validation?.refreshed) {
    const refreshed = {
      kind: "set_session",
      token: cookie,
      expiresAt: validation.session.expires_at,
    } as const;
    declareEffect(ctx.response, opts.services.cookie, refreshed);
  }
  return ctx;
}

function contextOf(
  opts: RequestContextOptions,
  session: Exclude<ContextInnerOptions["session"], undefined>,
  apiKey: Exclude<ContextInnerOptions["apiKey"], undefined>,
): Context {
  const { headers } = opts.request;
  return buildContext(
    {
      db: opts.db,
      logger: opts.logger,
      services: opts.services,
      requestId: opts.request.requestId,
      session,
      apiKey,
      client: {
        ip: opts.request.ip,
        userAgent: header(headers, "user-agent") ?? null,
        deviceToken: readDeviceCookie(header(headers, "cookie"), opts.services.cookie),
      },
    },
    opts.logger,
  );
}
