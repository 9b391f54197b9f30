import type { Database } from "@plinth/db";
import type { Logger } from "pino";

/**
 * Everything a procedure may use, as plain data. Tests build it directly and call procedures through
 * `createCaller`; the HTTP server builds it from a request with `createRequestContext`.
 */
export interface Context {
  db: Database;
  logger: Logger;
  requestId: string;
}

export interface ContextInnerOptions {
  db: Database;
  logger: Logger;
  requestId?: string;
}

export function createContextInner(opts: ContextInnerOptions): Context {
  const requestId = opts.requestId ?? crypto.randomUUID();
  return { db: opts.db, requestId, logger: opts.logger.child({ requestId }) };
}

/** What the HTTP layer knows about a request; kept to plain values so this package never imports `node:http`. */
export interface RequestInfo {
  requestId: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  ip: string | undefined;
}

/** The outer context: one per HTTP request. Session resolution from cookies and bearer tokens will live here. */
export function createRequestContext(opts: { db: Database; logger: Logger; request: RequestInfo }): Context {
  return { db: opts.db, requestId: opts.request.requestId, logger: opts.logger };
}
