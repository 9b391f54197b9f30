import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "./support/document.ts";
import { ResponseValidator } from "./support/response-validator.ts";

// The checker itself must be able to fail: a tiny document and hand-made responses.
const doc: OpenApiDocument = {
  openapi: "3.1.1",
  servers: [{ url: "/api/v1" }],
  paths: {
    "/things/{id}": {
      get: {
        responses: {
          "200": {
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["data"],
                  properties: { data: { $ref: "#/components/schemas/Thing" } },
                  additionalProperties: false,
                },
              },
            },
          },
          "404": { $ref: "#/components/responses/NotFound" },
        },
      },
    },
    "/things/mine": { get: { responses: { "202": {}, "204": {} } } },
  },
  components: {
    schemas: {
      Thing: {
        type: "object",
        required: ["id", "at"],
        properties: { id: { type: "string" }, at: { type: "string", format: "date-time" } },
      },
    },
    responses: {
      NotFound: {
        content: {
          "application/json": {
            schema: { type: "object", required: ["error"], properties: { error: { type: "object" } } },
          },
        },
      },
    },
  },
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const url = (path: string) => `http://127.0.0.1:1/api/v1${path}`;

describe("ResponseValidator", () => {
  it("accepts answers the document describes, shared responses included", async () => {
    const v = new ResponseValidator(doc);
    await v.check("GET", url("/things/a"), json(200, { data: { id: "a", at: "2026-11-23T10:00:00.000Z" } }));
    await v.check("GET", url("/things/a"), json(404, { error: { code: "NOT_FOUND" } }));
    await v.check("GET", url("/things/mine"), new Response(null, { status: 204 }));
    expect(v.problems).toEqual([]);
    expect(v.checked).toBe(3);
  });

  it("reports a wrong body, an undocumented status, an unknown path and an undescribed body", async () => {
    const v = new ResponseValidator(doc);
    await v.check("GET", url("/things/a"), json(200, { data: { id: 1, at: "yesterday" } }));
    await v.check("GET", url("/things/a"), json(409, { error: {} }));
    await v.check("GET", url("/nothing"), json(200, {}));
    await v.check("GET", url("/things/mine"), json(202, { surprise: true }));
    await v.check(
      "GET",
      url("/things/a"),
      json(200, { data: { id: "a", at: "2026-11-23T10:00:00Z" }, extra: 1 }),
    );
    expect(v.problems).toHaveLength(5);
    expect(v.problems[0]).toMatch(/body does not match/);
    expect(v.problems[1]).toMatch(/status not documented/);
    expect(v.problems[2]).toMatch(/no operation/);
    expect(v.problems[3]).toMatch(/does not describe/);
  });
});
