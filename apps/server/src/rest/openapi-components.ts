/**
 * The parts of the OpenAPI document every operation shares: the error responses over one Error schema, and the
 * response headers (ADR 019).
 */
import { appErrorCodes } from "@plinth/api";

export const json = (schema: unknown) => ({ "application/json": { schema } });
export const errorRef = (name: string) => ({ $ref: `#/components/responses/${name}` });

/** The error responses, shared by every operation that can answer with them. */
export const errorResponses: Record<string, { status: string; description: string; headers?: string[] }> = {
  BadRequest: {
    status: "400",
    description: "Invalid input (VALIDATION_FAILED, INVALID_CURSOR, …) or malformed JSON",
  },
  Unauthorized: { status: "401", description: "No valid bearer token", headers: ["WWW-Authenticate"] },
  Forbidden: {
    status: "403",
    description:
      "Signed in, but not allowed (FORBIDDEN, EMAIL_NOT_VERIFIED; for an API key INSUFFICIENT_SCOPE, with " +
      '`WWW-Authenticate: Bearer error="insufficient_scope"`, or API_KEY_NOT_ALLOWED for session-only routes)',
    headers: ["WWW-Authenticate"],
  },
  NotFound: { status: "404", description: "No such resource, or not yours" },
  Conflict: { status: "409", description: "Conflicts with the current state (EMAIL_TAKEN, STALE_WRITE, …)" },
  PreconditionFailed: { status: "412", description: "If-Match no longer matches: the resource changed" },
  UnprocessableContent: {
    status: "422",
    description: "IDEMPOTENCY_KEY_REUSED: this Idempotency-Key was used for a different request",
  },
  PayloadTooLarge: { status: "413", description: "The body is over the size limit" },
  UnsupportedMediaType: { status: "415", description: "The body is not application/json" },
  TooManyRequests: {
    status: "429",
    description: "Rate limited; retry after the given seconds",
    headers: ["Retry-After", "RateLimit", "RateLimit-Policy"],
  },
  InternalError: { status: "500", description: "Internal error; the body holds no detail" },
  ServiceUnavailable: {
    status: "503",
    description:
      "A dependency is down (DATABASE_UNAVAILABLE, RATE_LIMIT_UNAVAILABLE) or too many passwords are being " +
      "checked at once (PASSWORD_QUEUE_FULL); retry after the given seconds",
    headers: ["Retry-After"],
  },
};

export const headerComponents = {
  "WWW-Authenticate": {
    description: "`Bearer`: send `Authorization: Bearer <token>`",
    schema: { type: "string" },
  },
  "Retry-After": { description: "Seconds to wait before retrying", schema: { type: "integer", minimum: 0 } },
  RateLimit: {
    description:
      'IETF RateLimit: remaining points and seconds to reset per rule, e.g. `"global_ip";r=299;t=60`',
    schema: { type: "string" },
  },
  "RateLimit-Policy": {
    description: 'IETF RateLimit-Policy: quota and window per rule, e.g. `"global_ip";q=300;w=60`',
    schema: { type: "string" },
  },
  ETag: {
    description: "Strong entity tag of the body; send it as If-None-Match or If-Match",
    schema: { type: "string" },
  },
  Location: { description: "The path of the created resource", schema: { type: "string" } },
  "Idempotent-Replayed": {
    description: "`true` when this is the stored answer of an earlier request with the same Idempotency-Key",
    schema: { type: "string", enum: ["true"] },
  },
};
export const headerRefs = (names: string[]) =>
  Object.fromEntries(names.map((n) => [n, { $ref: `#/components/headers/${n}` }]));

export const errorSchema = {
  type: "object",
  additionalProperties: false,
  required: ["error"],
  properties: {
    error: {
      type: "object",
      additionalProperties: false,
      required: ["code", "message", "requestId"],
      properties: {
        code: {
          type: "string",
          enum: Object.keys(appErrorCodes),
          description: "Stable reason; switch on this",
        },
        message: { type: "string" },
        details: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["path", "message"],
            properties: { path: { type: "string" }, message: { type: "string" } },
          },
        },
        requestId: { type: "string" },
      },
    },
  },
};
