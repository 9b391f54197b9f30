import { randomUUID } from "node:crypto";
import { createRateLimiter, DEFAULT_RATE_LIMITS } from "@plinth/auth";
import { users } from "@plinth/db";
import { describe, expect, it } from "vitest";
import { useTestServer } from "./test/test-server.ts";

// A small per-key limit so the 429 is reachable; everything else at production defaults.
const s = useTestServer({
  trustedProxies: ["127.0.0.1"],
  services: async () => ({
    rateLimiter: await createRateLimiter(
      { kind: "memory" },
      { ...DEFAULT_RATE_LIMITS, api_key: { points: 5, durationSec: 600 } },
    ),
  }),
});

interface TrpcBody {
  result: { data: { json: Record<string, unknown> } };
  error: { json: { data: { appCode: string; httpStatus: number } } };
}
let ipCounter = 1;
const freshIp = () => `203.0.113.${ipCounter++}`;

async function call(path: string, opts: { input?: unknown; token?: string; method?: "GET" | "POST" } = {}) {
  const method = opts.method ?? "POST";
  const headers: Record<string, string> = { "x-forwarded-for": freshIp() };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const body = JSON.stringify({ json: opts.input });
  const query = method === "GET" && opts.input !== undefined ? `?input=${encodeURIComponent(body)}` : "";
  const res = await fetch(`${s.url}/trpc/${path}${query}`, {
    method,
    headers: method === "POST" ? { ...headers, "content-type": "application/json" } : headers,
    ...(method === "POST" ? { body } : {}),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as TrpcBody };
}

/** A verified account signed in as an API client (bearer session token), as a script's owner would be. */
async function bearerAccount() {
  const email = `k-${randomUUID()}@example.com`;
  const res = await call("auth.signup", {
    input: { email, password: "correct horse battery staple", name: "Keys", sessionTransport: "bearer" },
  });
  const { user, sessionToken } = res.json.result.data.json as { user: { id: string }; sessionToken: string };
  await users.updateUser(s.db, user.id, { email_verified_at: new Date() });
  return { userId: user.id, sessionToken };
}

describe("API keys over HTTP", () => {
  it("creates a key with a session token, then authenticates with the key; a read key is refused writes", async () => {
    const { userId, sessionToken } = await bearerAccount();
    const created = await call("apiKeys.create", {
      token: sessionToken,
      input: { name: "ci", scopes: ["read"] },
    });
    expect(created.status).toBe(200);
    const { token } = created.json.result.data.json as { token: string };

    const me = await call("account.me", { token, method: "GET" });
    expect(me.status).toBe(200);
    expect(me.json.result.data.json.id).toBe(userId);

    const write = await call("organizations.create", {
      token,
      input: { name: "Nope", slug: `nope-${ipCounter}` },
    });
    expect(write.status).toBe(403);
    expect(write.json.error.json.data.appCode).toBe("INSUFFICIENT_SCOPE");

    const mint = await call("apiKeys.list", { token, method: "GET" });
    expect(mint.status).toBe(403);
    expect(mint.json.error.json.data.appCode).toBe("API_KEY_NOT_ALLOWED");

    // Another last character, whatever the secret ends with (a fixed "a" made this pass when it ended in "a").
    const other = token.endsWith("a") ? "b" : "a";
    const junk = await call("account.me", { token: `${token.slice(0, -1)}${other}`, method: "GET" });
    expect(junk.status).toBe(401);
  });

  it("answers 429 with Retry-After once a key spends its own limit, and the owner's other key still works", async () => {
    const { sessionToken } = await bearerAccount();
    const make = async (name: string) =>
      (await call("apiKeys.create", { token: sessionToken, input: { name, scopes: ["read"] } })).json.result
        .data.json.token as string;
    const [a, b] = [await make("a"), await make("b")];
    for (let i = 0; i < 5; i++)
      expect((await call("account.me", { token: a, method: "GET" })).status).toBe(200);
    const limited = await call("account.me", { token: a, method: "GET" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await call("account.me", { token: b, method: "GET" })).status).toBe(200);
  });

  it("names the key, never its token, in the request line of both transports", async () => {
    const { sessionToken } = await bearerAccount();
    const created = await call("apiKeys.create", {
      token: sessionToken,
      input: { name: "logs", scopes: ["read"] },
    });
    const { token, key } = created.json.result.data.json as { token: string; key: { id: string } };
    const viaTrpc = await fetch(`${s.url}/trpc/account.me`, {
      headers: {
        authorization: `Bearer ${token}`,
        "x-request-id": "api-key-log-trpc",
        "x-forwarded-for": freshIp(),
      },
    });
    const viaRest = await fetch(`${s.url}/api/v1/auth/me`, {
      headers: {
        authorization: `Bearer ${token}`,
        "x-request-id": "api-key-log-rest",
        "x-forwarded-for": freshIp(),
      },
    });
    expect([viaTrpc.status, viaRest.status]).toEqual([200, 200]);
    for (const requestId of ["api-key-log-trpc", "api-key-log-rest"]) {
      const deadline = Date.now() + 20_000;
      let line = s.logs.find((l) => l.msg === "request" && l.requestId === requestId);
      while (!line && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
        line = s.logs.find((l) => l.msg === "request" && l.requestId === requestId);
      }
      expect(line).toMatchObject({ status: 200, procedure: "account.me", apiKeyId: key.id });
    }
    expect(s.rawLogs.join("")).not.toContain(token);
  });
});
