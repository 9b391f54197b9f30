import { describe, expect, it } from "vitest";
import { rest, restWorkspace } from "../test/rest-calls.ts";
import { useTestServer } from "../test/test-server.ts";
import type { OpenApiDocument } from "./openapi.ts";

const s = useTestServer();

describe("REST: API keys", () => {
  it("a session creates, lists and revokes a key; a read key reads, fails on a write, and manages no keys", async () => {
    const ws = await restWorkspace(s);
    const created = await rest(s, "POST", "/api-keys", {
      token: ws.owner.token,
      body: { name: "CI reader", scopes: ["read"] },
    });
    expect(created.status).toBe(201);
    const token = created.body.data.token as string;
    const keyId = created.body.data.key.id as string;
    expect(token).toMatch(/^plinth_/);
    expect(created.headers.get("location")).toBe(`/api/v1/api-keys/${keyId}`);

    const listed = await rest(s, "GET", "/api-keys", { token: ws.owner.token });
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([
      expect.objectContaining({ id: keyId, name: "CI reader", scopes: ["read"] }),
    ]);
    expect(listed.text).not.toContain(token);

    // The key acts as its user: it reads the user's organization, with its own rate limit on top of the IP's.
    const read = await rest(s, "GET", `/organizations/${ws.orgId}/projects`, { token });
    expect(read.status).toBe(200);
    expect(read.body.data).toHaveLength(1);
    expect(read.headers.get("ratelimit-policy")).toMatch(/"api_key";q=\d+;w=60/);

    const write = await rest(s, "POST", `/organizations/${ws.orgId}/projects`, {
      token,
      body: { name: "Nope", key: "NOPE" },
    });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe("INSUFFICIENT_SCOPE");
    expect(write.headers.get("www-authenticate")).toBe('Bearer realm="plinth", error="insufficient_scope"');

    // Scopes are checked first: a read key cannot call any mutation, key management included.
    const mint = await rest(s, "POST", "/api-keys", { token, body: { name: "successor", scopes: ["read"] } });
    expect(mint.status).toBe(403);
    expect(mint.body.error.code).toBe("INSUFFICIENT_SCOPE");

    const revoked = await rest(s, "DELETE", `/api-keys/${keyId}`, { token: ws.owner.token });
    expect(revoked.status).toBe(204);
    const after = await rest(s, "GET", `/organizations/${ws.orgId}/projects`, { token });
    expect(after.status).toBe(401);
    expect(after.headers.get("www-authenticate")).toBe('Bearer realm="plinth"');
  });

  it("a write key creates; key creation ignores Idempotency-Key, so no token is ever stored for a replay", async () => {
    const ws = await restWorkspace(s);
    const headers = { "idempotency-key": crypto.randomUUID() };
    const body = { name: "deploy", scopes: ["read", "write"] };
    const first = await rest(s, "POST", "/api-keys", { token: ws.owner.token, headers, body });
    const second = await rest(s, "POST", "/api-keys", { token: ws.owner.token, headers, body });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get("idempotent-replayed")).toBeNull();
    expect(second.body.data.token).not.toBe(first.body.data.token);

    const created = await rest(s, "POST", `/organizations/${ws.orgId}/projects/${ws.projectId}/tasks`, {
      token: first.body.data.token,
      body: { title: "Made by a key" },
    });
    expect(created.status).toBe(201);
    // Even a write key manages no keys: that needs a session.
    const mint = await rest(s, "POST", "/api-keys", {
      token: first.body.data.token,
      body: { name: "successor", scopes: ["read"] },
    });
    expect(mint.status).toBe(403);
    expect(mint.body.error.code).toBe("API_KEY_NOT_ALLOWED");

    const doc = (await (await fetch(`${s.url}/api/openapi.json`)).json()) as OpenApiDocument;
    const params = (doc.paths["/api-keys"]?.post?.parameters ?? []) as { name: string }[];
    expect(params.map((p) => p.name)).not.toContain("Idempotency-Key");
  });
});
