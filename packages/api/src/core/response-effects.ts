import {
  type CookieOptions,
  serializeBlankSessionCookie,
  serializeDeviceCookie,
  serializeSessionCookie,
} from "@plinth/auth";
import { AppError } from "./errors.ts";

/**
 * The one way a procedure affects the response beyond its body. Services never see it: they return what happened
 * (a session issued, a session ended) and the router records that here; each transport applies the result its
 * own way (apps/server turns it into headers with `responseHeaders`). Plain data, so a test reads it directly.
 */
export interface ResponseEffects {
  /** Set-Cookie values, in the order they were declared. */
  readonly setCookies: string[];
}

export const createResponseEffects = (): ResponseEffects => ({ setCookies: [] });

/** What a procedure can ask of the response. Cookie names and attributes are decided here, never by a caller. */
export type ResponseEffect =
  | { kind: "set_session"; token: string; expiresAt: Date }
  | { kind: "clear_session" }
  | { kind: "remember_device"; token: string; expiresAt: Date };

export function declareEffect(
  response: ResponseEffects,
  cookie: CookieOptions,
  effect: ResponseEffect,
): void {
  switch (effect.kind) {
    case "set_session":
      response.setCookies.push(serializeSessionCookie(effect.token, effect.expiresAt, cookie));
      return;
    case "clear_session":
      response.setCookies.push(serializeBlankSessionCookie(cookie));
      return;
    case "remember_device":
      response.setCookies.push(serializeDeviceCookie(effect.token, effect.expiresAt, cookie));
      return;
  }
}

/**
 * The HTTP form of a response's effects: its cookies, and Retry-After from the longest wait any failed call
 * asked for (a batch answers once, so the caller waits for the slowest).
 */
export function responseHeaders(
  response: ResponseEffects | undefined,
  errors: readonly unknown[],
): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  if (response && response.setCookies.length > 0) headers["set-cookie"] = [...response.setCookies];
  const waits = errors.flatMap((e) =>
    e instanceof AppError && e.retryAfterSec !== undefined ? [e.retryAfterSec] : [],
  );
  if (waits.length > 0) headers["retry-after"] = String(Math.max(...waits));
  return headers;
}
