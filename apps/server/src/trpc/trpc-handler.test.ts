import { request } from "node:http";
import superjson, { type SuperJSONResult } from "superjson";
import { describe, expect, it } from "vitest";
import { restWorkspace } from "../test/rest-calls.ts";
import { useTestServer, WEB_ORIGIN } from "../test/test-server.ts";

const s = useTestServer({ maxBodyBytes: 64 * 1024, maxBatchSize: 5 });

const enc = (value: unknown) => encodeURIComponent(JSON.stringify(value));

/** users.* need a signed-in caller; without one the auth check would answer before input validation. */
async function call(path: string, init: RequestInit = {}) {
  const headers = { ...(await s.memberHeaders()), ...(init.headers as Record<string, string> | undefined) };
  const res = await fetch(`${s.url}${path}`, { ...init, headers });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: text ? (JSON.parse(text) as unknown) : undefined,
  };
}

/** The shape of a single (non-batch) tRPC error body under superjson. */
function errorData(json: unknown): Record<string, unknown> {
  const body = json as { error: { json: { message: string; data: Record<string, unknown> } } };
  return { message: body.error.json.message, ...body.error.json.data };
}

function expectNoInternals(text: string) {
  expect(text).not.toMatch(/"stack"|\n\s+at |node_modules|\/work\/|\.ts:\d+/);
}

describe("transport errors: clear, correct status, nothing internal", () => {
  it("malformed JSON in a POST body is 400 MALFORMED_REQUEST", async () => {
    const r = await call("/trpc/users.byId", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    expect(r.status).toBe(400);
    expect(errorData(r.json)).toMatchObject({
      appCode: "MALFORMED_REQUEST",
      code: "PARSE_ERROR",
      message: "Malformed request",
    });
    expectNoInternals(r.text);
  });

  it("malformed JSON in a GET input is 400 MALFORMED_REQUEST", async () => {
    const r = await call("/trpc/users.byId?input=%7Bnope");
    expect(r.status).toBe(400);
    expect(errorData(r.json)).toMatchObject({ appCode: "MALFORMED_REQUEST" });
  });

  it("a body over the limit is 413, whether declared or streamed", async () => {
    const big = JSON.stringify({ json: { pad: "x".repeat(100 * 1024) } });
    const declared = await call("/trpc/users.byId", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(errorData(declared.json)).toMatchObject({ appCode: "PAYLOAD_TOO_LARGE" });

    // Chunked, with no Content-Length: the limit must hold while streaming too.
    const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${s.url}/trpc/users.byId`,
        { method: "POST", headers: { "content-type": "application/json" } },
        (res) => {
          let body = "";
          res.on("data", (c: Buffer) => {
            body += c.toString();
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject);
      for (let i = 0; i < 10; i++) req.write("x".repeat(10 * 1024));
      req.end();
    });
    expect(streamed.status).toBe(413);
    expectNoInternals(streamed.body);
  });

  it("an unknown procedure is 404 NOT_FOUND", async () => {
    const r = await call("/trpc/users.doesNotExist");
    expect(r.status).toBe(404);
    expect(errorData(r.json)).toMatchObject({ code: "NOT_FOUND", appCode: "NOT_FOUND" });
  });

  it("invalid input is 400 VALIDATION_FAILED with field details", async () => {
    const r = await call(`/trpc/users.byId?input=${enc({ json: { id: 42 } })}`);
    expect(r.status).toBe(400);
    expect(errorData(r.json)).toMatchObject({
      appCode: "VALIDATION_FAILED",
      details: [{ path: "id", message: expect.any(String) }],
    });
    expectNoInternals(r.text);
  });

  it("a query over POST, or any other method, is 405", async () => {
    const post = await call("/trpc/health.live", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(post.status).toBe(405);
    expect(errorData(post.json)).toMatchObject({ appCode: "METHOD_NOT_ALLOWED" });
    const put = await call("/trpc/health.live", { method: "PUT" });
    expect(put.status).toBe(405);
  });

  it("refuses form, multipart and text/plain bodies with 415", async () => {
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
    ]) {
      const r = await call("/trpc/health.live", {
        method: "POST",
        headers: { "content-type": type },
        body: "{}",
      });
      expect(r.status, type).toBe(415);
      expect(errorData(r.json)).toMatchObject({ appCode: "UNSUPPORTED_MEDIA_TYPE" });
    }
  });

  it("caps batch size and checks batch input shape", async () => {
    const tooMany = await call(`/trpc/${Array(6).fill("health.live").join(",")}?batch=1`);
    expect(tooMany.status).toBe(400);
    const notObject = await call(`/trpc/health.live?batch=1&input=${enc([1])}`);
    expect(notObject.status).toBe(400);
    const ok = await call(`/trpc/${Array(5).fill("health.live").join(",")}?batch=1`);
    expect(ok.status).toBe(200);
    expect(ok.json).toHaveLength(5);
  });

  it("answers 207 for a batch with mixed results, each with its own status", async () => {
    const r = await call(`/trpc/health.live,users.byId?batch=1&input=${enc({ 1: { json: { id: "bad" } } })}`);
    expect(r.status).toBe(207);
    const [first, second] = r.json as [
      { result: unknown },
      { error: { json: { data: { httpStatus: number } } } },
    ];
    expect(first.result).toBeDefined();
    expect(second.error.json.data.httpStatus).toBe(400);
  });

  it("an unknown route is a JSON 404", async () => {
    const r = await call("/nowhere");
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ error: { code: "NOT_FOUND" } });
  });
});

// The superjson client decodes them with Dates as Dates, and the bytes are exactly what superjson would write
// for the value it decodes (the adapter writes outputs with the transformer's own stringify).
describe("outputs on the wire", () => {
  it("writes a page with Dates exactly as superjson would, single and batched", async () => {
    // An organization's owner sees at least themself in the member directory.
    const { owner } = await restWorkspace(s);
    const headers = { authorization: `Bearer ${owner.token}` };
    const client = s.client({ batch: false, headers });
    const page = await client.users.list.query({ limit: 5 });
    expect(page.items.length).toBeGreaterThan(0);
    for (const user of page.items) expect(user.createdAt).toBeInstanceOf(Date);

    const single = await call(`/trpc/users.list?input=${enc({ json: { limit: 5 } })}`, { headers });
    expect(single.status).toBe(200);
    const body = single.json as { result: { data: SuperJSONResult } };
    const value = superjson.deserialize<typeof page>(body.result.data);
    expect(value).toEqual(page);
    expect(single.text).toBe(JSON.stringify({ result: { data: superjson.serialize(value) } }));

    const batch = await call(
      `/trpc/users.list,health.live,users.byId?batch=1&input=${enc({ 0: { json: { limit: 5 } }, 2: { json: { id: "bad" } } })}`,
      { headers },
    );
    expect(batch.status).toBe(207);
    const [list, live, failed] = batch.json as [
      { result: { data: SuperJSONResult } },
      { result: { data: SuperJSONResult } },
      { error: unknown },
    ];
    const listValue = superjson.deserialize(list.result.data);
    const liveValue = superjson.deserialize(live.result.data);
    expect(listValue).toEqual(page);
    expect(batch.text).toBe(
      JSON.stringify([
        { result: { data: superjson.serialize(listValue) } },
        { result: { data: superjson.serialize(liveValue) } },
        failed,
      ]),
    );
  });
});

describe("request ids", () => {
  it("echoes a well-formed caller id, and puts it in error bodies and logs", async () => {
    const id = "req-abc123-DEF";
    const r = await call("/trpc/users.doesNotExist", { headers: { "x-request-id": id } });
    expect(r.headers.get("x-request-id")).toBe(id);
    expect(errorData(r.json).requestId).toBe(id);
    expect(s.logs.some((l) => l.requestId === id && l.msg === "request")).toBe(true);
  });

  it("replaces an ill-formed id with a generated one", async () => {
    for (const bad of ["has spaces in it", "x".repeat(200), "short", "inj\\nected-line"]) {
      const r = await call("/healthz", { headers: { "x-request-id": bad } });
      expect(r.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("tags every request log line with a request id", () => {
    const requestLines = s.logs.filter((l) => l.msg === "request");
    expect(requestLines.length).toBeGreaterThan(5);
    expect(requestLines.every((l) => typeof l.requestId === "string" && l.requestId.length >= 8)).toBe(true);
  });
});

describe("CORS", () => {
  it("answers a preflight from the web origin", async () => {
    const r = await call("/trpc/health.live", {
      method: "OPTIONS",
      headers: {
        origin: WEB_ORIGIN,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(r.status).toBe(204);
    expect(r.headers.get("access-control-allow-origin")).toBe(WEB_ORIGIN);
    expect(r.headers.get("access-control-allow-credentials")).toBe("true");
    expect(r.headers.get("access-control-allow-methods")).toContain("POST");
  });

  it("refuses a preflight from any other origin and never reflects it", async () => {
    const r = await call("/trpc/health.live", {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(r.status).toBe(403);
    expect(r.headers.get("access-control-allow-origin")).toBeNull();
    const simple = await call("/trpc/health.live", { headers: { origin: "https://evil.example" } });
    expect(simple.headers.get("access-control-allow-origin")).toBeNull();
    const allowed = await call("/trpc/health.live", { headers: { origin: WEB_ORIGIN } });
    expect(allowed.headers.get("access-control-allow-origin")).toBe(WEB_ORIGIN);
  });
});

describe("health endpoints", () => {
  it("/healthz is 200 and /readyz is 200 with the schema current", async () => {
    expect((await call("/healthz")).status).toBe(200);
    const ready = await call("/readyz");
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({ status: "ready", database: s.driver, checks: { database: "ok" } });
  });
});
