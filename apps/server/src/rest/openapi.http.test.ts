import { randomUUID } from "node:crypto";
import { appRouter } from "@plinth/api";
import { describe, expect, it } from "vitest";
import { rest } from "../test/rest-calls.ts";
import { useTestServer } from "../test/test-server.ts";
import type { OpenApiDocument } from "./openapi.ts";
import { apiSchemas, procedureSchemas, resolveRef } from "./procedure-schemas.ts";
import { restRoutes } from "./routes.ts";

const s = useTestServer();

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const fill = (path: string) => path.replace(/\{\w+\}/g, () => randomUUID());

async function fetchDocument(): Promise<OpenApiDocument> {
  const res = await fetch(`${s.url}/api/openapi.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return (await res.json()) as OpenApiDocument;
}

describe("GET /api/openapi.json", () => {
  it("is OpenAPI 3.1 with the bearer scheme, the shared Error schema and unique operationIds", async () => {
    const doc = await fetchDocument();
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc).toMatchObject({
      servers: [{ url: "/api/v1" }],
      components: {
        securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } },
        schemas: { Error: expect.objectContaining({ required: ["error"] }) },
      },
    });
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p));
    const ids = operations.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(restRoutes.length);
  });

  it("lists every route of the table, with its success status, its errors and its security", async () => {
    const doc = await fetchDocument();
    for (const route of restRoutes) {
      const op = doc.paths[route.path]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      if (!op) continue;
      expect(Object.keys(op.responses)).toContain(String(route.status));
      for (const status of ["400", "401", "403", "404", "429", "500", "503"]) {
        expect(op.responses[status], `${route.method} ${route.path} ${status}`).toEqual({
          $ref: expect.stringMatching(/^#\/components\/responses\//),
        });
      }
      const security = op.security as unknown[];
      if (route.auth === "none") expect(security).toEqual([]);
      else expect(security).toContainEqual({ bearerAuth: [] });
      const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = ((op.parameters ?? []) as { name: string; in: string }[])
        .filter((p) => p.in === "path")
        .map((p) => p.name);
      expect(declared).toEqual(pathParams);
      if (route.status !== 204) {
        const ok = op.responses[String(route.status)] as {
          content: Record<string, { schema: { properties: { data: unknown } } }>;
        };
        const data = ok.content["application/json"]?.schema.properties.data;
        // Every answer is described by its procedure's output schema, never left open.
        expect(data, `${route.method} ${route.path} documents its data`).not.toEqual({});
        expect(data, `${route.method} ${route.path} documents its data`).not.toEqual({
          type: "array",
          items: {},
        });
      }
      if (route.status === 201) {
        expect(op.responses["201"]).toMatchObject({ headers: { Location: expect.anything() } });
      }
    }
    expect(doc.paths["/auth/login"]?.post?.security).toEqual([]);
    expect(doc.paths["/auth/signup"]?.post?.security).toEqual([]);
  });

  it("serves nothing it does not list: each documented path answers other methods with 405 and its Allow", async () => {
    const doc = await fetchDocument();
    for (const [path, ops] of Object.entries(doc.paths)) {
      const listed = Object.keys(ops).map((m) => m.toUpperCase());
      for (const method of METHODS) {
        if (listed.includes(method)) continue;
        const answer = await rest(s, method, fill(path), method === "GET" ? {} : { body: {} });
        expect(answer.status, `${method} ${path}`).toBe(405);
        // HEAD comes with every GET (RFC 9110), so it is allowed without being listed.
        const allowed = listed.includes("GET") ? [...listed, "HEAD"] : listed;
        expect(answer.headers.get("allow")?.split(", ").sort()).toEqual(allowed.sort());
      }
    }
    // And a path the document does not have is 404, whatever the method.
    for (const method of METHODS) {
      const answer = await rest(s, method, "/organizations/x/unknown", method === "GET" ? {} : { body: {} });
      expect(answer.status).toBe(404);
    }
  });

  it("documents each list as { data, meta.nextCursor } and its query parameters from the input schema", async () => {
    const doc = await fetchDocument();
    const list = doc.paths["/organizations/{organizationId}/projects/{projectId}/tasks"]?.get;
    const query = ((list?.parameters ?? []) as { name: string; in: string }[]).filter(
      (p) => p.in === "query",
    );
    expect(query.map((p) => p.name)).toEqual(expect.arrayContaining(["statuses", "limit", "cursor", "sort"]));
    const ok = list?.responses["200"] as { content: Record<string, { schema: { required: string[] } }> };
    const schema = ok.content["application/json"]?.schema;
    expect(schema?.required).toEqual(["data", "meta"]);
    // A REST sign-in is always bearer: the field the route fixes is not offered to callers.
    const login = doc.paths["/auth/login"]?.post?.requestBody as {
      content: Record<string, { schema: { properties: Record<string, unknown> } }>;
    };
    expect(Object.keys(login.content["application/json"]?.schema.properties ?? {})).not.toContain(
      "sessionTransport",
    );
  });
});

describe("the route table", () => {
  it("maps GET to queries and every other method to mutations", async () => {
    for (const route of restRoutes) {
      const { type } = await procedureSchemas(appRouter, route.procedure);
      expect(`${route.method} ${route.path}: ${type}`).toBe(
        `${route.method} ${route.path}: ${route.method === "GET" ? "query" : "mutation"}`,
      );
    }
  });

  it("every PATCH that takes If-Match writes with the version its GET shows, so check and write are one", async () => {
    const reads = new Set(restRoutes.filter((r) => r.method === "GET").map((r) => r.path));
    const conditional = restRoutes.filter((r) => r.method === "PATCH" && reads.has(r.path));
    expect(conditional.map((r) => r.procedure).sort()).toEqual([
      "organizations.rename",
      "projects.update",
      "tasks.update",
    ]);
    for (const route of conditional) {
      const get = restRoutes.find((r) => r.method === "GET" && r.path === route.path);
      const write = await procedureSchemas(appRouter, route.procedure);
      const read = await procedureSchemas(appRouter, get?.procedure ?? "");
      const shown = (schema: { properties?: unknown } | undefined) => Object.keys(schema?.properties ?? {});
      expect(`${route.procedure}: ${shown(write.input).includes("version")}`).toBe(
        `${route.procedure}: true`,
      );
      const resolved = resolveRef(read.output, apiSchemas(appRouter).components);
      expect(`${get?.procedure}: ${shown(resolved).includes("version")}`).toBe(`${get?.procedure}: true`);
    }
  });
});

describe("GET /api/docs", () => {
  it("serves the interactive reference from this server, under a Content-Security-Policy", async () => {
    const page = await fetch(`${s.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('data-url="/api/openapi.json"');
    const src = /<script src="([^"]+)"/.exec(html)?.[1];
    expect(src).toBe("/api/docs/scalar.js");
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await fetch(`${s.url}${src}`, { headers: { "accept-encoding": "br" } });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
  });
});
