import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestServer } from "./test/test-server.ts";

const s = useTestServer();

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  return {
    status: res.status,
    json: (await res.json()) as { error?: { json: { data: Record<string, unknown> } } },
  };
}

describe("hostile input over HTTP is a 400, never a 500 or a silent pass", () => {
  it("a __proto__ key in a strict input is refused like any unknown key (POST)", async () => {
    // Raw JSON text: a JS object literal would set the prototype instead of sending the key.
    const r = await post(
      "auth.requestPasswordReset",
      `{"json":{"email":"p-${randomUUID()}@example.com","__proto__":{"polluted":true}}}`,
    );
    expect(r.status).toBe(400);
    expect(r.json.error?.json.data).toMatchObject({ appCode: "VALIDATION_FAILED" });
    expect(JSON.stringify(r.json.error?.json.data.details)).toContain("__proto__");
  });

  it("a __proto__ key in a query input (GET) is refused too", async () => {
    const input = encodeURIComponent(`{"json":{"id":"${randomUUID()}","__proto__":{}}}`);
    const res = await fetch(`${s.url}/trpc/users.byId?input=${input}`, { headers: await s.memberHeaders() });
    const json = (await res.json()) as { error: { json: { data: Record<string, unknown> } } };
    expect(res.status).toBe(400);
    expect(json.error.json.data).toMatchObject({ appCode: "VALIDATION_FAILED" });
    expect(JSON.stringify(json.error.json.data.details)).toContain("__proto__");
  });

  it("NUL and a lone surrogate in a signup name are 400 VALIDATION_FAILED on that field", async () => {
    for (const name of ["a\\u0000b", "a\\ud800b"]) {
      const r = await post(
        "auth.signup",
        `{"json":{"email":"n-${randomUUID()}@example.com","password":"correct horse battery staple","name":"${name}"}}`,
      );
      expect(r.status).toBe(400);
      expect(r.json.error?.json.data).toMatchObject({
        appCode: "VALIDATION_FAILED",
        details: [{ path: "name", message: expect.any(String) }],
      });
    }
  });

  it("a well-formed name with an emoji (a surrogate pair) is still accepted", async () => {
    const r = await post(
      "auth.signup",
      `{"json":{"email":"e-${randomUUID()}@example.com","password":"correct horse battery staple","name":"Zo\\u00eb \\ud83d\\ude00"}}`,
    );
    expect(r.status).toBe(200);
  });
});
