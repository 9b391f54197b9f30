import type { IncomingMessage, ServerResponse } from "node:http";

const ALLOWED_METHODS = "GET, POST, OPTIONS";
const ALLOWED_HEADERS = "content-type, authorization, x-request-id, trpc-accept";

/**
 * CORS for the web app's origins only; credentials are allowed because sessions ride on cookies. Returns true
 * when it answered a preflight itself. A disallowed origin gets no CORS headers, so the browser blocks it.
 */
export function handleCors(
  req: IncomingMessage,
  res: ServerResponse,
  allowedOrigins: ReadonlySet<string>,
  /** The response's headers so far; the CORS ones are added here, and the caller writes them all at once. */
  headers: Record<string, string>,
): boolean {
  const origin = req.headers.origin;
  const allowed = origin !== undefined && allowedOrigins.has(origin);
  headers.vary = "origin";
  if (allowed) {
    headers["access-control-allow-origin"] = origin;
    headers["access-control-allow-credentials"] = "true";
    headers["access-control-expose-headers"] = "x-request-id, retry-after";
  }
  const isPreflight = req.method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined;
  if (!isPreflight) return false;
  if (allowed) {
    headers["access-control-allow-methods"] = ALLOWED_METHODS;
    headers["access-control-allow-headers"] = ALLOWED_HEADERS;
    headers["access-control-max-age"] = "600";
    res.writeHead(204, headers).end();
  } else {
    res.writeHead(403, { ...headers, "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "FORBIDDEN", message: "Origin not allowed" } }));
  }
  return true;
}
