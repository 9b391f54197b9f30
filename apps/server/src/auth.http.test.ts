import { randomUUID } from "node:crypto";
import { createRateLimiter, DEFAULT_RATE_LIMITS } from "@plinth/auth";
import { describe, expect, it } from "vitest";
import { useTestServer, WEB_ORIGIN } from "./test/test-server.ts";

// Tight login limits so the batch test hits them; everything else stays at production defaults.
const s = useTestServer({
  trustedProxies: ["127.0.0.1"],
  services: async () => ({
    rateLimiter: await createRateLimiter(
      { kind: "memory" },
      { ...DEFAULT_RATE_LIMITS, login_ip: { points: 2, durationSec: 600 } },
    ),
  }),
});

const PASSWORD = "correct horse battery staple";
const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
let ipCounter = 1;
/** Each caller its own client address (through the trusted proxy), so per-IP limits don't couple tests. */
const freshIp = () => `203.0.113.${ipCounter++}`;

/** A single (non-batch) tRPC body as this file reads it. */
interface TrpcBody {
  result: { data: { json: Record<string, unknown> } };
  error: { json: { data: { appCode: string } } };
}

async function post(path: string, input: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ json: input }),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as TrpcBody };
}

async function get(path: string, input: unknown, headers: Record<string, string> = {}) {
  const query = input === undefined ? "" : `?input=${enc({ json: input })}`;
  const res = await fetch(`${s.url}/trpc/${path}${query}`, { headers });
  return { status: res.status, headers: res.headers, json: (await res.json()) as TrpcBody };
}

const sessionCookie = (headers: Headers) =>
  headers.getSetCookie().find((c) => c.startsWith("plinth_session="));
const deviceCookie = (headers: Headers) => headers.getSetCookie().find((c) => c.startsWith("plinth_device="));

async function signUpOverHttp() {
  const email = `h-${randomUUID()}@example.com`;
  const ip = freshIp();
  const res = await post(
    "auth.signup",
    { email, password: PASSWORD, name: "Http" },
    { origin: WEB_ORIGIN, "x-forwarded-for": ip },
  );
  expect(res.status).toBe(200);
  const cookie = sessionCookie(res.headers);
  if (!cookie) throw new Error("no session cookie");
  return { email, ip, cookie, cookieHeader: cookie.split(";")[0] ?? "" };
}

describe("browser sessions over HTTP", () => {
  it("sets an HttpOnly, SameSite=Lax, Path=/ cookie that authenticates later requests", async () => {
    const { email, cookie, cookieHeader } = await signUpOverHttp();
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//i);
    const me = await get("auth.me", undefined, { cookie: cookieHeader });
    expect(me.json.result.data.json.email).toBe(email);

    const logout = await post("auth.logout", undefined, { cookie: cookieHeader, origin: WEB_ORIGIN });
    expect(logout.status).toBe(200);
    expect(sessionCookie(logout.headers)).toMatch(/Max-Age=0/);
    const after = await get("auth.me", undefined, { cookie: cookieHeader });
    expect(after.json.result.data.json).toBeNull();
    // The stale cookie is cleared on the way.
    expect(sessionCookie(after.headers)).toMatch(/Max-Age=0/);
  });

  it("never changes state on GET", async () => {
    const { cookieHeader } = await signUpOverHttp();
    const res = await get("auth.logout", undefined, { cookie: cookieHeader });
    expect(res.status).toBe(405);
    expect((await get("auth.me", undefined, { cookie: cookieHeader })).json.result.data.json).not.toBeNull();
  });
});

describe("CSRF", () => {
  it("refuses a cookie POST without Origin or Sec-Fetch-Site, and one from a foreign origin", async () => {
    const { cookieHeader } = await signUpOverHttp();
    for (const headers of [
      {},
      { origin: "https://evil.example" },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
    ]) {
      const res = await post("auth.logout", undefined, { cookie: cookieHeader, ...headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.json.error.json.data.appCode).toBe("ORIGIN_NOT_ALLOWED");
    }
    // Still signed in: none of them reached the procedure.
    expect((await get("auth.me", undefined, { cookie: cookieHeader })).json.result.data.json).not.toBeNull();
    const sameOrigin = await post("auth.logout", undefined, {
      cookie: cookieHeader,
      "sec-fetch-site": "same-origin",
    });
    expect(sameOrigin.status).toBe(200);
  });

  it("refuses a cross-site login (login CSRF) but serves API clients that send no Origin", async () => {
    const { email } = await signUpOverHttp();
    const csrf = await post(
      "auth.login",
      { email, password: PASSWORD },
      { origin: "https://evil.example", "x-forwarded-for": freshIp() },
    );
    expect(csrf.status).toBe(403);
    const api = await post(
      "auth.login",
      { email, password: PASSWORD, sessionTransport: "bearer" },
      { "x-forwarded-for": freshIp() },
    );
    expect(api.status).toBe(200);
    const token = String(api.json.result.data.json.sessionToken);
    expect(sessionCookie(api.headers)).toBeUndefined();
    const me = await get("auth.me", undefined, { authorization: `Bearer ${token}` });
    expect(me.json.result.data.json.email).toBe(email);
    // Bearer callers are not subject to the cookie rule: their credential is not sent by browsers on their own.
    const logout = await post("auth.logout", undefined, { authorization: `Bearer ${token}` });
    expect(logout.status).toBe(200);
    expect(
      (await get("auth.me", undefined, { authorization: `Bearer ${token}` })).json.result.data.json,
    ).toBeNull();
  });
});

describe("known devices over HTTP (ADR 008)", () => {
  it("marks a browser that signed in with an HttpOnly cookie, and recognises it at the next sign-in", async () => {
    const { email } = await signUpOverHttp();
    const h = { origin: WEB_ORIGIN, "x-forwarded-for": freshIp() };
    const first = await post("auth.login", { email, password: PASSWORD }, h);
    const cookie = deviceCookie(first.headers) ?? "";
    expect(cookie).toMatch(/^plinth_device=[a-z2-7]{52}; /);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const device = cookie.split(";")[0] ?? "";
    const again = await post("auth.login", { email, password: PASSWORD }, { ...h, cookie: device });
    expect(again.status).toBe(200);
    expect((deviceCookie(again.headers) ?? "").split(";")[0]).toBe(device);
    const logins = await s.db
      .selectFrom("audit_log")
      .innerJoin("users", "users.id", "audit_log.subject_user_id")
      .select("audit_log.details")
      .where("users.email", "=", email)
      .where("audit_log.event", "=", "login_succeeded")
      .orderBy("audit_log.occurred_at")
      .execute();
    expect(logins.map((l) => (l.details as { knownDevice?: boolean }).knownDevice)).toEqual([false, true]);
  });
});

describe("rate limits over HTTP", () => {
  it("counts each call in a batch and answers 429 with Retry-After inside it", async () => {
    const { email } = await signUpOverHttp();
    const ip = freshIp();
    const input = { json: { email, password: "wrong password here" } };
    const res = await fetch(`${s.url}/trpc/auth.login,auth.login,auth.login,auth.login?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: WEB_ORIGIN, "x-forwarded-for": ip },
      body: JSON.stringify({ 0: input, 1: input, 2: input, 3: input }),
    });
    const body = (await res.json()) as {
      error: { json: { data: { appCode: string; httpStatus: number; retryAfter?: number } } };
    }[];
    const codes = body.map((r) => r.error.json.data.appCode);
    expect(codes.filter((c) => c === "INVALID_CREDENTIALS")).toHaveLength(2);
    expect(codes.filter((c) => c === "TOO_MANY_REQUESTS")).toHaveLength(2);
    const limited = body.find((r) => r.error.json.data.appCode === "TOO_MANY_REQUESTS");
    expect(limited?.error.json.data.httpStatus).toBe(429);
    expect(limited?.error.json.data.retryAfter).toBeGreaterThan(0);
    expect(res.status).toBe(207);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);

    const single = await post(
      "auth.login",
      { email, password: PASSWORD },
      { origin: WEB_ORIGIN, "x-forwarded-for": ip },
    );
    expect(single.status).toBe(429);
    expect(Number(single.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another client address (through the trusted proxy) has its own budget.
    const other = await post(
      "auth.login",
      { email, password: PASSWORD },
      { origin: WEB_ORIGIN, "x-forwarded-for": freshIp() },
    );
    expect(other.status).toBe(200);
  });
});

describe("nothing secret leaves the server", () => {
  it("keeps passwords, hashes, raw tokens and session ids out of responses and logs", async () => {
    const seen: string[] = [];
    const logStart = s.rawLogs.length;
    const record = async (res: { status: number; headers: Headers; json: unknown }) => {
      const headers = [...res.headers.entries()].filter(([k]) => k !== "set-cookie");
      seen.push(JSON.stringify(res.json), JSON.stringify(headers));
      return res;
    };
    const ip = freshIp();
    const h = { origin: WEB_ORIGIN, "x-forwarded-for": ip };
    const email = `scan-${randomUUID()}@example.com`;
    const newPassword = "another quite long passphrase";
    const signup = await post("auth.signup", { email, password: PASSWORD, name: "Scan" }, h);
    await record(signup);
    const cookieHeader = (sessionCookie(signup.headers) ?? "").split(";")[0] ?? "";
    const sessionToken = cookieHeader.split("=")[1] ?? "";
    const deviceToken = (deviceCookie(signup.headers) ?? "").split(";")[0]?.split("=")[1] ?? "";

    // Mail is read through the development mailbox, which delivers tokens by design, so it is not scanned.
    const mailbox = async (kind: string) => {
      const mails = (await get("dev.mailbox", { to: email }, h)).json.result.data.json as unknown as {
        kind: string;
        text: string;
      }[];
      const text = mails.find((m) => m.kind === kind)?.text ?? "";
      return decodeURIComponent(/token=([^\s&]+)/.exec(text)?.[1] ?? "");
    };
    const verifyToken = await mailbox("email_verification");
    await record(await post("auth.verifyEmail", { token: verifyToken }, h));
    await record(await post("auth.verifyEmail", { token: verifyToken }, h));
    await record(await post("auth.login", { email, password: "a wrong password" }, h));
    await record(await get("account.sessions", undefined, { ...h, cookie: cookieHeader }));
    await record(
      await post(
        "account.changePassword",
        { currentPassword: PASSWORD, newPassword },
        { ...h, cookie: cookieHeader },
      ),
    );
    await record(await post("auth.requestPasswordReset", { email }, h));
    await s.jobs.nudge();
    const resetToken = await mailbox("password_reset");
    await record(await post("auth.resetPassword", { token: resetToken, password: `${newPassword}!` }, h));
    await record(await post("auth.resetPassword", { token: resetToken, password: `${newPassword}!` }, h));
    await record(await get("auth.me", undefined, { cookie: cookieHeader }));

    const hashes = await s.db
      .selectFrom("users")
      .select("password_hash")
      .where("email", "=", email)
      .execute();
    const sessionIds = (await s.db.selectFrom("sessions").select("id").execute()).map((r) => r.id);
    const secrets = [
      PASSWORD,
      newPassword,
      verifyToken,
      resetToken,
      sessionToken,
      deviceToken,
      ...hashes.map((r) => r.password_hash ?? ""),
      ...sessionIds,
    ];
    expect(secrets.every((x) => x.length >= 8)).toBe(true);
    const logs = s.rawLogs.slice(logStart).join("\n");
    for (const secret of secrets) {
      for (const text of seen) expect(text).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
    expect(logs.length).toBeGreaterThan(0);
  });
});
