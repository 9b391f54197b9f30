import {
  type CookieOptions,
  type RateLimitQuota,
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
  /**
   * Every rate-limit rule the call was counted under, with where the caller stands (the latest count per rule).
   * The REST transport sends them as IETF RateLimit / RateLimit-Policy headers; tRPC ignores them.
   */
  readonly rateLimits: RateLimitRecord[];
}

export interface RateLimitRecord extends RateLimitQuota {
  rule: string;
}

export const createResponseEffects = (): ResponseEffects => ({ setCookies: [], rateLimits: [] });

/** Records a rate-limit count on the response; a rule counted twice keeps its latest numbers. */
export function recordRateLimit(response: ResponseEffects, rule: string, quota: RateLimitQuota): void {
  const record = { rule, ...quota };
  const at = response.rateLimits.findIndex((r) => r.rule === rule);
  if (at === -1) response.rateLimits.push(record);
  else response.rateLimits[at] = record;
}

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

/**
 * The rate limits a call was counted under, as draft-ietf-httpapi-ratelimit-headers structured fields:
 * `RateLimit-Policy: "global_ip";q=300;w=60` (quota and window) and `RateLimit: "global_ip";r=299;t=60`
 * (remaining and seconds until reset), one list item per rule. Empty when nothing was counted.
 */
export function rateLimitHeaders(response: ResponseEffects | undefined): Record<string, string> {
  const records = response?.rateLimits ?? [];
  if (records.length === 0) return {};
  return {
    "ratelimit-policy": records.map((r) => `"${r.rule}";q=${r.limit};w=${r.windowSec}`).join(", "),
    ratelimit: records.map((r) => `"${r.rule}";r=${r.remaining};t=${r.resetSec}`).join(", "),
  };
}
