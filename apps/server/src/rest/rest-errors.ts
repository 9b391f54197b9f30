import { AppError, describeError, responseHeaders } from "@plinth/api";
import type { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";

/** The status of a failed call: tRPC's mapping of its code (AppError codes included), so both transports agree. */
export const errorStatus = (error: TRPCError): number => getHTTPStatusCodeFromError(error);

/**
 * The REST error body: `{ error: { code, message, details?, requestId } }`, with the appCode and the message
 * `describeError` gives tRPC callers too (internal errors say only "Internal server error"; never a stack).
 */
export function errorBody(error: TRPCError, requestId: string): unknown {
  const described = describeError(error);
  return {
    error: {
      code: described.appCode,
      message: described.message,
      ...(described.details ? { details: described.details } : {}),
      requestId,
    },
  };
}

/**
 * Headers an error answer needs: Retry-After for 429/503, and the RFC 6750 challenge for 401 (send or renew a
 * bearer token) and for a key that lacks a scope.
 */
export function errorHeaders(error: TRPCError, status: number): Record<string, string> {
  const headers: Record<string, string> = {};
  const retryAfter = responseHeaders(undefined, [error])["retry-after"];
  if (typeof retryAfter === "string") headers["retry-after"] = retryAfter;
  if (status === 401) headers["www-authenticate"] = 'Bearer realm="plinth"';
  // An API key without the scope this call needs (RFC 6750 section 3.1).
  if (error instanceof AppError && error.appCode === "INSUFFICIENT_SCOPE") {
    headers["www-authenticate"] = 'Bearer realm="plinth", error="insufficient_scope"';
  }
  return headers;
}
