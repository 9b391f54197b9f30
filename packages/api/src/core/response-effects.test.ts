import { describe, expect, it } from "vitest";
import { AppError } from "./errors.ts";
import {
  createResponseEffects,
  declareEffect,
  rateLimitHeaders,
  recordRateLimit,
  responseHeaders,
} from "./response-effects.ts";

const cookie = { secure: true, hostPrefix: true };

describe("response effects", () => {
  it("turns declared effects into Set-Cookie values, in order, with the deployment's cookie attributes", () => {
    const response = createResponseEffects();
    const expiresAt = new Date(Date.now() + 60_000);
    declareEffect(response, cookie, { kind: "set_session", token: "session-token", expiresAt });
    declareEffect(response, cookie, { kind: "remember_device", token: "device-token", expiresAt });
    declareEffect(response, cookie, { kind: "clear_session" });
    const [session, device, cleared] = response.setCookies;
    expect(session).toMatch(/^__Host-[a-z_]+=session-token;.*HttpOnly/);
    expect(session).toMatch(/Secure/);
    expect(device).toMatch(/^__Host-plinth_device=device-token;/);
    expect(cleared).toMatch(/Max-Age=0/);
    expect(response.setCookies).toHaveLength(3);
  });

  it("answers a batch with its cookies and the longest Retry-After any failed call asked for", () => {
    const response = createResponseEffects();
    declareEffect(response, cookie, { kind: "clear_session" });
    const headers = responseHeaders(response, [
      new AppError("TOO_MANY_REQUESTS", "slow down", { retryAfterSec: 7 }),
      new AppError("DATABASE_UNAVAILABLE", "down", { retryAfterSec: 30 }),
      new AppError("NOT_FOUND", "no"),
    ]);
    expect(headers).toEqual({ "set-cookie": response.setCookies, "retry-after": "30" });
    expect(responseHeaders(undefined, [new AppError("NOT_FOUND", "no")])).toEqual({});
  });

  it("records each rule's latest count and renders the IETF RateLimit / RateLimit-Policy fields", () => {
    const response = createResponseEffects();
    expect(rateLimitHeaders(response)).toEqual({});
    recordRateLimit(response, "global_ip", { limit: 300, windowSec: 60, remaining: 299, resetSec: 60 });
    recordRateLimit(response, "login_ip", { limit: 20, windowSec: 900, remaining: 19, resetSec: 900 });
    recordRateLimit(response, "global_ip", { limit: 300, windowSec: 60, remaining: 298, resetSec: 59 });
    expect(rateLimitHeaders(response)).toEqual({
      "ratelimit-policy": '"global_ip";q=300;w=60, "login_ip";q=20;w=900',
      ratelimit: '"global_ip";r=298;t=59, "login_ip";r=19;t=900',
    });
  });
});
