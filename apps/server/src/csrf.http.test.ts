import { randomUUID } from "node:crypto";
import type { KyselyPlugin, RootOperationNode } from "kysely";
import { describe, expect, it } from "vitest";
import { useTestServer, WEB_ORIGIN } from "./test/test-server.ts";

/** Records every statement the server sends, by the tables it names; a real database under an observer. */
const statements: string[][] = [];
const tablesOf = (node: RootOperationNode): string[] => {
  const names = new Set<string>();
  JSON.stringify(node, (key, value: unknown) => {
    if (key === "table" && value && typeof value === "object" && "identifier" in value) {
      names.add(String((value as { identifier: { name: string } }).identifier.name));
    }
    return value;
  });
  return [...names];
};
const recorder: KyselyPlugin = {
  transformQuery: ({ node }) => {
    statements.push(tablesOf(node));
    return node;
  },
  transformResult: async ({ result }) => result,
};

const s = useTestServer({ serverDb: (db) => db.withPlugin(recorder), trustedProxies: ["127.0.0.1"] });

async function post(path: string, input: unknown, headers: Record<string, string>) {
  const res = await fetch(`${s.url}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ json: input }),
  });
  return {
    status: res.status,
    requestId: res.headers.get("x-request-id"),
    body: (await res.json()) as { error?: { json: { data: { appCode: string; requestId?: string } } } },
  };
}

/** The statements one request made, and what it answered. */
async function statementsOf(request: () => Promise<Awaited<ReturnType<typeof post>>>) {
  statements.length = 0;
  const res = await request();
  return { res, statements: statements.map((tables) => tables.join(",")) };
}

describe("the CSRF guard runs before the context is built", () => {
  it("a cross-site POST with a session cookie is refused without a single query; a same-site one looks it up", async () => {
    const signup = await fetch(`${s.url}/trpc/auth.signup`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: WEB_ORIGIN, "x-forwarded-for": "203.0.113.7" },
      body: JSON.stringify({
        json: { email: `c-${randomUUID()}@example.com`, password: "correct horse battery staple", name: "C" },
      }),
    });
    expect(signup.status).toBe(200);
    const cookie =
      signup.headers
        .getSetCookie()
        .find((c) => c.startsWith("plinth_session="))
        ?.split(";")[0] ?? "";
    expect(cookie).not.toBe("");

    for (const headers of [{ origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }, {}]) {
      const refused = await statementsOf(() => post("auth.logout", undefined, { cookie, ...headers }));
      expect(refused.res.status, JSON.stringify(headers)).toBe(403);
      expect(refused.res.body.error?.json.data.appCode).toBe("ORIGIN_NOT_ALLOWED");
      // Refused before the context, but still reported under the request's id.
      expect(refused.res.body.error?.json.data.requestId).toBe(refused.res.requestId);
      expect(refused.statements, JSON.stringify(headers)).toEqual([]);
    }

    // The recorder sees the session lookup when the request is allowed, so an empty list above means something.
    const allowed = await statementsOf(() => post("auth.logout", undefined, { cookie, origin: WEB_ORIGIN }));
    expect(allowed.res.status).toBe(200);
    expect(allowed.statements.some((tables) => tables.includes("sessions"))).toBe(true);
  });
});
