import { describe, expect, it } from "vitest";
import { AppError } from "./errors.ts";
import { createResponseEffects, declareEffect, responseHeaders } from "./response-effects.ts";

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
});
