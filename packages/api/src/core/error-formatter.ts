import type { TRPCError } from "@trpc/server";
import type { DefaultErrorShape, TRPC_ERROR_CODE_KEY } from "@trpc/server/unstable-core-do-not-import";
import { AppError, type AppErrorCode, type ErrorDetail } from "./errors.ts";

export interface AppErrorData {
  /** tRPC's code, as every tRPC client expects it. */
  code: TRPC_ERROR_CODE_KEY;
  /** plinth's stable reason code (e.g. EMAIL_TAKEN); switch on this. */
  appCode: AppErrorCode;
  httpStatus: number;
  path?: string;
  details?: ErrorDetail[];
  /** Seconds to wait before retrying (rate limits). */
  retryAfter?: number;
  requestId?: string;
}

export interface AppErrorShape {
  message: string;
  code: DefaultErrorShape["code"];
  data: AppErrorData;
}

const INTERNAL_MESSAGE = "Internal server error";

interface IssueLike {
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
  message: string;
}

/** Validation failures from zod (or any Standard Schema library) carry an `issues` list. */
function validationIssues(cause: unknown): IssueLike[] | undefined {
  if (typeof cause !== "object" || cause === null || !("issues" in cause)) return undefined;
  const issues = (cause as { issues: unknown }).issues;
  return Array.isArray(issues) ? (issues as IssueLike[]) : undefined;
}

function toDetail(issue: IssueLike): ErrorDetail {
  const path = (issue.path ?? []).map((seg) =>
    String(typeof seg === "object" && seg !== null ? seg.key : seg),
  );
  return { path: path.join("."), message: issue.message };
}

const appCodeByTrpcCode: Partial<Record<TRPC_ERROR_CODE_KEY, AppErrorCode>> = {
  PARSE_ERROR: "MALFORMED_REQUEST",
  BAD_REQUEST: "VALIDATION_FAILED",
  NOT_FOUND: "NOT_FOUND",
  METHOD_NOT_SUPPORTED: "METHOD_NOT_ALLOWED",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

/**
 * What a client may learn from an error. Domain errors pass through with their code, message and details. Input
 * validation becomes VALIDATION_FAILED with a flat list of {path, message}. Anything else keeps its tRPC code;
 * an error plinth has no code for keeps its status but not its message, which can hold SQL, file paths or
 * secrets. A body that is not JSON gets a fixed message rather than the parser's. No stack, ever.
 */
export function describeError(error: TRPCError): {
  message: string;
  appCode: AppErrorCode;
  details?: ErrorDetail[];
  retryAfter?: number;
} {
  if (error instanceof AppError) {
    return {
      message: error.message,
      appCode: error.appCode,
      ...(error.details ? { details: error.details } : {}),
      ...(error.retryAfterSec !== undefined ? { retryAfter: error.retryAfterSec } : {}),
    };
  }
  const issues = error.code === "BAD_REQUEST" ? validationIssues(error.cause) : undefined;
  if (issues)
    return { message: "Invalid input", appCode: "VALIDATION_FAILED", details: issues.map(toDetail) };
  const appCode = appCodeByTrpcCode[error.code] ?? "INTERNAL";
  if (appCode === "INTERNAL") return { message: INTERNAL_MESSAGE, appCode };
  if (appCode === "MALFORMED_REQUEST") return { message: "Malformed request", appCode };
  return { message: error.message, appCode };
}

export function formatError(opts: {
  shape: DefaultErrorShape;
  error: TRPCError;
  ctx: { requestId?: string } | undefined;
}): AppErrorShape {
  const { shape, error, ctx } = opts;
  const described = describeError(error);
  return {
    message: described.message,
    code: shape.code,
    data: {
      code: shape.data.code,
      appCode: described.appCode,
      httpStatus: shape.data.httpStatus,
      ...(shape.data.path ? { path: shape.data.path } : {}),
      ...(described.details ? { details: described.details } : {}),
      ...(described.retryAfter !== undefined ? { retryAfter: described.retryAfter } : {}),
      ...(ctx?.requestId ? { requestId: ctx.requestId } : {}),
    },
  };
}
