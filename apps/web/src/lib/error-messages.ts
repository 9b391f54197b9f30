// Types only: the web app never bundles server code (tooling/biome/web-imports-only-api-types.grit).
import type { AppErrorCode, ErrorDetail } from "@plinth/api";
import type { ApiError } from "../trpc.ts";

/**
 * What a person reads for each of the server's stable reasons: the one place the web app turns an `appCode` into
 * words. Typed as a full Record, so a code added to `appErrorCodes` (packages/api/src/core/errors.ts) without a
 * sentence here fails `pnpm typecheck`. New codes from the domain modules (e.g. STALE_WRITE, LAST_OWNER) go here,
 * as a plain sentence that tells the reader what happened and, where there is one, what to do next.
 */
export const appCodeMessages: Record<AppErrorCode, string> = {
  VALIDATION_FAILED: "Some of what you entered needs another look.",
  INVALID_CURSOR: "This list is out of date. Reload the page to start from the top.",
  MALFORMED_REQUEST: "The app sent a request the server could not read. Reload the page and try again.",
  PAYLOAD_TOO_LARGE: "That is more than the server accepts in one go. Try with less.",
  UNSUPPORTED_MEDIA_TYPE: "The app sent a request the server could not read. Reload the page and try again.",
  METHOD_NOT_ALLOWED: "The app sent a request the server could not read. Reload the page and try again.",
  BATCH_TOO_LARGE: "The app asked for too much at once. Reload the page and try again.",
  PROCEDURE_NOT_FOUND: "This version of the app is out of date. Reload the page.",
  NOT_FOUND: "We couldn't find that. It may have been deleted, or you may not have access to it.",
  USER_NOT_FOUND: "We couldn't find that person.",
  UNAUTHORIZED: "You are signed out. Log in to continue.",
  INVALID_CREDENTIALS: "Email or password is incorrect.",
  FORBIDDEN: "You don't have permission to do that.",
  ORIGIN_NOT_ALLOWED: "The server refused a request from this page. Open the app from its usual address.",
  ACCOUNT_DISABLED: "This account has been disabled. Contact an administrator.",
  EMAIL_NOT_VERIFIED: "Verify your email address first: follow the link we sent you.",
  CONFLICT: "Someone else changed this at the same time. Reload and try again.",
  EMAIL_TAKEN: "An account with this email address already exists.",
  WEAK_PASSWORD: "Choose a stronger password.",
  INVALID_TOKEN: "This link is invalid, has already been used, or has expired.",
  CANNOT_DISABLE_SELF: "You can't disable your own account.",
  SESSION_NOT_FOUND: "That session has already ended.",
  TOO_MANY_REQUESTS: "Too many attempts. Please wait a moment.",
  SERVICE_UNAVAILABLE: "The service is briefly unavailable. Try again in a moment.",
  DATABASE_UNAVAILABLE: "The service is briefly unavailable. Try again in a moment.",
  RATE_LIMIT_UNAVAILABLE: "The service is briefly unavailable. Try again in a moment.",
  PASSWORD_QUEUE_FULL: "Many people are signing in right now. Try again in a moment.",
  STALE_WRITE:
    "Someone else changed this in the meantime. Your view has been refreshed; check it and try again.",
  PROJECT_KEY_TAKEN: "Another project in this organization already uses that key.",
  ASSIGNEE_NOT_MEMBER: "Tasks can only be assigned to members of this organization.",
  SLUG_TAKEN: "Another organization already uses that address; choose another.",
  LAST_OWNER: "An organization needs at least one owner. Make someone else an owner first.",
  ALREADY_MEMBER: "That person is already a member of this organization.",
  INVITATION_EMAIL_MISMATCH:
    "This invitation was sent to a different email address. Sign in with that address to accept it.",
  ROUTE_NOT_FOUND: "That address does not exist in the API.",
  PRECONDITION_FAILED: "This changed since you loaded it. Reload to see the latest version, then try again.",
  IDEMPOTENCY_KEY_REUSED:
    "This request reused an Idempotency-Key with a different body. Use a new key for a different request.",
  IDEMPOTENCY_IN_PROGRESS: "The same request is still being processed. Try again in a moment.",
  INVALID_IDEMPOTENCY_KEY: "The Idempotency-Key must be 1 to 255 printable ASCII characters.",
  INSUFFICIENT_SCOPE: "This API key does not have the scope for that. Use a key with the write scope.",
  API_KEY_NOT_ALLOWED: "An API key cannot do that. Sign in to the app to manage your account and keys.",
  INTERNAL: "Something went wrong on our side. Try again; if it keeps happening, let us know.",
};

/** Shown while queries keep retrying a server that does not answer (see `createQueryClient`). */
export const UNREACHABLE_RETRYING = "Can't reach the server; retrying…";
/** A failed action is not retried by itself, so its notice asks the person to. */
export const UNREACHABLE = "Can't reach the server. Check your connection and try again in a moment.";
export const BROKEN_LINK = "This link is incomplete or has expired.";

/**
 * Whether a call never got a tRPC answer: the network failed (`Failed to fetch`), or something in between (a
 * proxy's "Bad Gateway" page, a captive portal) answered with a body that is not plinth's JSON. Either way the
 * client error has no `data`, and its message is the browser's parser or fetch error, not for people.
 */
export function isUnreachable(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("message" in error)) return false;
  return (error as Partial<ApiError>).data == null;
}

/** zod's built-in messages (its English locale) describe the schema, not the person's mistake. */
const ZOD_DEFAULT = /^(Too small|Too big|Invalid |Unrecognized key)/;

/** `newEmail` → "New email", `due.from` → "From": a field name as a label would say it. */
function fieldLabel(path: string): string {
  const last = path.split(".").pop() ?? "";
  const words = last.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * One validation detail as a sentence. The server's own messages ("Enter a valid email address", "Use at least
 * 8 characters") are already for people and pass through; zod's defaults are replaced. A token is never typed by
 * hand, so anything wrong with one means the link was cut short or mangled on its way.
 */
export function readableDetail(detail: ErrorDetail): string {
  if (detail.path === "token" || detail.path.endsWith(".token")) return BROKEN_LINK;
  if (!ZOD_DEFAULT.test(detail.message)) return detail.message;
  const field = detail.path && !/^\d+$/.test(detail.path) ? fieldLabel(detail.path) : "";
  if (detail.message.startsWith("Too small")) return field ? `${field} is too short.` : "This is too short.";
  if (detail.message.startsWith("Too big")) return field ? `${field} is too long.` : "This is too long.";
  return field ? `${field} is not valid.` : "Something you entered is not valid.";
}

export interface ReadableError {
  /** "unreachable": no answer from plinth at all; "refused": the server answered with an error. */
  kind: "unreachable" | "refused";
  message: string;
  /** Validation details as sentences, with the field each belongs to ("" for the input as a whole). */
  details: ErrorDetail[];
  /** Seconds until a retry may succeed, when the server said (rate limits, outages). */
  retryAfter?: number;
  /** The server's code, kept for support and for screens that branch on it; never shown as the message. */
  appCode?: AppErrorCode;
}

/** A failed call as a person should read it: every screen's error goes through here. */
export function describeApiError(error: ApiError): ReadableError {
  const data = error.data;
  if (!data) return { kind: "unreachable", message: UNREACHABLE, details: [] };
  const details = (data.details ?? []).map((detail) => ({
    path: detail.path,
    message: readableDetail(detail),
  }));
  // A bad link is a bad link, not "some of what you entered": nobody entered the token.
  const brokenLink = data.appCode === "VALIDATION_FAILED" && details.some((d) => d.message === BROKEN_LINK);
  // A code the server gained after this bundle was built has no sentence yet: say something true and general.
  const message = brokenLink
    ? BROKEN_LINK
    : (appCodeMessages[data.appCode] ?? "Something went wrong. Try again in a moment.");
  return {
    kind: "refused",
    message,
    details: brokenLink ? details.filter((d) => d.message !== BROKEN_LINK) : details,
    ...(data.retryAfter !== undefined ? { retryAfter: data.retryAfter } : {}),
    appCode: data.appCode,
  };
}

/** The server refused a link's token: unknown, used or expired (INVALID_TOKEN), or cut short on its way. */
export function isInvalidLink(error: ApiError | null): boolean {
  if (!error?.data) return false;
  return error.data.appCode === "INVALID_TOKEN" || describeApiError(error).message === BROKEN_LINK;
}

/** Whether the server refused the call for this reason (STALE_WRITE, FORBIDDEN, …): for screens that react to one. */
export function hasAppCode(error: ApiError | null, code: AppErrorCode): boolean {
  return error?.data?.appCode === code;
}
