import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";

/** What the tRPC layer learned about a request, which the HTTP layer cannot see. */
export interface RequestSummary {
  procedures?: string[];
  /** The `appCode` of every failed call, as the client received it. */
  appCodes?: string[];
  userId?: string;
  /** Set when the caller authenticated with an API key (its id, never the token). */
  apiKeyId?: string;
}

/** nginx's code for a request its client abandoned; tRPC's CLIENT_CLOSED_REQUEST says the same. */
const CLIENT_CLOSED = 499;

/**
 * One line per request, once the connection is done with it (answered or abandoned) and the handler has
 * returned (call the returned function with what it learned). 5xx is logged at error, the rest at info: a 4xx
 * is the client's mistake, and a client that leaves is not a fault either. The line holds the path without its
 * query string and the procedure names, never inputs: tRPC GET inputs travel in the query string and may hold
 * personal data.
 */
export function logRequestWhenDone(
  req: IncomingMessage,
  res: ServerResponse,
  /** `logger` need not carry the request id: the line names it. */
  opts: { logger: Logger; requestId: string; path: string },
): (summary: RequestSummary) => void {
  const started = performance.now();
  let closed: { status: number; ms: number; clientGone: boolean } | undefined;
  let summary: RequestSummary | undefined;
  const write = () => {
    if (!closed || !summary) return;
    const { status, clientGone } = closed;
    const level = status >= 500 && status !== CLIENT_CLOSED ? "error" : "info";
    // Built only when it will be written: at LOG_LEVEL=warn most requests write nothing.
    if (!opts.logger.isLevelEnabled(level)) return;
    const line: Record<string, unknown> = {
      requestId: opts.requestId,
      method: req.method,
      path: opts.path,
      status,
      ms: closed.ms,
    };
    if (clientGone) line.clientGone = clientGone;
    Object.assign(line, summary);
    // Most requests are one call: name it directly too, so a log query needs no array match for them.
    if (summary.procedures?.length === 1) line.procedure = summary.procedures[0];
    if (summary.appCodes?.length === 1) line.appCode = summary.appCodes[0];
    opts.logger[level](line, "request");
  };
  res.once("close", () => {
    const clientGone = !res.writableFinished;
    closed = {
      status: clientGone && !res.headersSent ? CLIENT_CLOSED : res.statusCode,
      ms: Math.round(performance.now() - started),
      clientGone,
    };
    write();
  });
  return (learned) => {
    summary = learned;
    write();
  };
}
