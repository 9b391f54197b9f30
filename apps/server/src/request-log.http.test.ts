import { describe, expect, it } from "vitest";
import { useTestServer } from "./test/test-server.ts";

const s = useTestServer();

const needle = "needle-in-the-input-7f3a";
const enc = (value: unknown) => encodeURIComponent(JSON.stringify({ json: value }));

async function requestLine(requestId: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const line = s.logs.find((l) => l.msg === "request" && l.requestId === requestId);
    if (line) return line;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no request line for ${requestId} within ${timeoutMs} ms`);
}

describe("request logs", () => {
  it("one line per failed call at info, with appCode, procedure and user id; no inputs, no query string", async () => {
    const signup = await fetch(`${s.url}/trpc/auth.signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        json: {
          email: `logs-${Date.now()}@example.com`,
          password: "a long and unusual passphrase",
          name: "Logger",
          sessionTransport: "bearer",
        },
      }),
    });
    const { sessionToken, user } = ((await signup.json()) as { result: { data: { json: never } } }).result
      .data.json as { sessionToken: string; user: { id: string } };

    // An unverified, non-admin caller asks for the admin list: 403, the caller's mistake.
    const res = await fetch(
      `${s.url}/trpc/admin.users,auth.me?batch=1&input=${enc({ 0: { emailPrefix: needle } })}`,
      {
        headers: { authorization: `Bearer ${sessionToken}`, "x-request-id": "log-test-4xx" },
      },
    );
    expect(res.status).toBe(207);

    const line = await requestLine("log-test-4xx");
    expect(line).toMatchObject({
      level: 30,
      method: "GET",
      path: "/trpc/admin.users,auth.me",
      status: 207,
      procedures: ["admin.users", "auth.me"],
      userId: user.id,
    });
    expect(line.appCodes).toEqual([expect.stringMatching(/^(EMAIL_NOT_VERIFIED|FORBIDDEN)$/)]);
    expect(s.rawLogs.join("")).not.toContain(needle);
    expect(s.rawLogs.join("")).not.toContain(sessionToken);
  });

  it("a request that fails as a whole is logged with its appCode, and one line only", async () => {
    const res = await fetch(`${s.url}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "text/plain", "x-request-id": "log-test-415" },
      body: needle,
    });
    expect(res.status).toBe(415);
    const line = await requestLine("log-test-415");
    expect(line).toMatchObject({
      level: 30,
      status: 415,
      appCodes: ["UNSUPPORTED_MEDIA_TYPE"],
      appCode: "UNSUPPORTED_MEDIA_TYPE",
    });
    expect(line.userId).toBeUndefined();
    expect(s.logs.filter((l) => l.msg === "request" && l.requestId === "log-test-415")).toHaveLength(1);
  });
});
