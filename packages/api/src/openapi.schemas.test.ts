import { describe, expect, it } from "vitest";
import { z } from "zod";
import { outputSchema } from "./core/output-check.ts";
import {
  COMPONENT_REF_PREFIX,
  type JsonSchema,
  procedureSchemas,
  type SchemaComponents,
  toJsonSchema,
} from "./openapi.ts";
import { appRouter } from "./root.ts";

// Every procedure's contract converts to JSON Schema, with no part left untyped: the OpenAPI document is built
// from these, so a procedure without an output, or a schema zod cannot express, would be an undocumented route.

type Procedure = { _def: { type: string; inputs: unknown[]; output?: unknown } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>);

/** Procedures that answer `undefined` today (no body over REST); any other void output is a mistake. */
const NO_CONTENT = [
  "organizations.delete",
  "organizations.invitations.decline",
  "organizations.invitations.revoke",
];

/** A schema that says something about its value; `{}` (or one with only a description) accepts anything. */
const TYPED_KEYS = ["type", "$ref", "anyOf", "oneOf", "allOf", "enum", "const", "not"];
const isTyped = (schema: JsonSchema) => TYPED_KEYS.some((key) => key in schema);

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => (key === "$ref" ? [v as string] : refsIn(v)));
}

/** Every subschema, depth first, with a JSON-pointer-like path for the failure message. */
function subschemas(schema: unknown, path = ""): [string, JsonSchema][] {
  if (typeof schema !== "object" || schema === null) return [];
  const s = schema as Record<string, unknown>;
  const children: [string, unknown][] = [
    ...Object.entries((s.properties as Record<string, unknown>) ?? {}).map(
      ([k, v]) => [`${path}/properties/${k}`, v] as [string, unknown],
    ),
    ...["anyOf", "oneOf", "allOf"].flatMap((k) =>
      ((s[k] as unknown[]) ?? []).map((v, i) => [`${path}/${k}/${i}`, v] as [string, unknown]),
    ),
    ...(s.items ? [[`${path}/items`, s.items] as [string, unknown]] : []),
    ...(typeof s.additionalProperties === "object"
      ? [[`${path}/additionalProperties`, s.additionalProperties] as [string, unknown]]
      : []),
  ];
  return [[path, s as JsonSchema], ...children.flatMap(([p, v]) => subschemas(v, p))];
}

describe("procedure schemas", () => {
  it("walks a router with procedures of every kind", () => {
    expect(procedures.length).toBeGreaterThan(50);
    expect(new Set(procedures.map(([, p]) => p._def.type))).toEqual(new Set(["query", "mutation"]));
  });

  it.each(procedures)("%s declares a zod output schema", (_path, procedure) => {
    expect(outputSchema(procedure._def.output)).toBeInstanceOf(z.ZodType);
  });

  it("throws for a procedure without an output schema, naming it", async () => {
    const { publicProcedure, router } = await import("./core/trpc.ts");
    const bare = router({ nested: router({ bare: publicProcedure.query(() => 1) }) });
    expect(() => procedureSchemas(bare)).toThrow("nested.bare declares no output schema");
  });

  const { procedures: converted, components } = procedureSchemas(appRouter);

  it("converts every procedure", () => {
    expect(Object.keys(converted).sort()).toEqual(procedures.map(([path]) => path).sort());
  });

  it.each(procedures)("%s: input and output are typed all the way down", (path) => {
    const p = converted[path];
    if (!p) throw new Error(`no schemas for ${path}`);
    const schemas = [
      ...(p.inputJsonSchema ? [["input", p.inputJsonSchema] as const] : []),
      ...(p.outputJsonSchema ? [["output", p.outputJsonSchema] as const] : []),
    ];
    for (const [io, schema] of schemas) {
      for (const [at, sub] of subschemas(schema)) {
        expect(isTyped(sub), `${path} ${io}${at || " (top level)"} is untyped: ${JSON.stringify(sub)}`).toBe(
          true,
        );
      }
    }
    // An input, when there is one, is an object: the REST layer maps its fields to path, query and body.
    if (p.inputJsonSchema) expect(p.inputJsonSchema).toMatchObject({ type: "object" });
    expect(p.input === undefined).toBe(p.inputJsonSchema === undefined);
    expect(p.outputJsonSchema === undefined).toBe(NO_CONTENT.includes(path));
  });

  it("names the shared shapes as components, typed, and every reference resolves", () => {
    expect(Object.keys(components)).toEqual(
      expect.arrayContaining([
        "Me",
        "SignIn",
        "Organization",
        "Member",
        "Project",
        "Task",
        "TaskPage",
        "Comment",
      ]),
    );
    for (const [name, schema] of Object.entries(components)) {
      expect(name).toMatch(/^[A-Z][A-Za-z]+$/);
      for (const [at, sub] of subschemas(schema)) expect(isTyped(sub), `${name}${at}`).toBe(true);
    }
    const refs = refsIn([
      components,
      Object.values(converted).map((p) => [p.inputJsonSchema, p.outputJsonSchema]),
    ]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref.startsWith(COMPONENT_REF_PREFIX), ref).toBe(true);
      expect(components[ref.slice(COMPONENT_REF_PREFIX.length)], ref).toBeDefined();
    }
  });

  it("describes dates as ISO-8601 strings and paged lists with a nullable cursor", () => {
    expect(converted["tasks.list"]?.outputJsonSchema).toEqual({ $ref: `${COMPONENT_REF_PREFIX}TaskPage` });
    expect(components.TaskPage).toMatchObject({
      type: "object",
      required: ["items", "nextCursor"],
      additionalProperties: false,
      properties: {
        items: { type: "array", items: { $ref: `${COMPONENT_REF_PREFIX}TaskListItem` } },
        nextCursor: { type: ["string", "null"] },
      },
    });
    expect(components.Task?.properties?.createdAt).toEqual({ type: "string", format: "date-time" });
    expect(components.Project?.properties?.archivedAt).toMatchObject({
      anyOf: [{ type: "string", format: "date-time" }, { type: "null" }],
    });
    expect(components.Task?.description).toBe("A task of a project");
  });

  it("describes inputs as clients send them: bounded strings, strict objects, defaults optional", () => {
    const create = converted["tasks.create"]?.inputJsonSchema;
    expect(create).toMatchObject({
      type: "object",
      additionalProperties: false,
      properties: {
        title: { type: "string", minLength: 1, maxLength: 300 },
        organizationId: { format: "uuid" },
      },
    });
    expect(create?.required).toEqual(["organizationId", "projectId", "title"]);
    // A string piped into z.email() keeps its format (the pipe's input side alone would drop it).
    expect(converted["auth.login"]?.inputJsonSchema?.properties?.email).toEqual({
      type: "string",
      maxLength: 254,
      format: "email",
    });
    // `sort` and `limit` have defaults: a client may leave them out.
    const list = converted["tasks.list"]?.inputJsonSchema;
    expect(list?.required).toEqual(["organizationId", "projectId"]);
    expect(list?.properties?.limit).toMatchObject({ type: "integer", minimum: 1, maximum: 100, default: 20 });
  });

  it("refuses a schema without a JSON form instead of documenting it as anything", () => {
    expect(() => toJsonSchema(z.strictObject({ n: z.bigint() }), "output", {})).toThrow();
    expect(() =>
      toJsonSchema(
        z.string().transform((s) => s.length),
        "output",
        {},
      ),
    ).toThrow();
  });

  it("shares one component between uses of a schema, and refuses a different schema under a taken name", () => {
    const probe = z.strictObject({ a: z.string() }).meta({ id: "ComponentProbe" });
    const components: SchemaComponents = {};
    expect(toJsonSchema(probe.array(), "output", components)).toEqual({
      type: "array",
      items: { $ref: `${COMPONENT_REF_PREFIX}ComponentProbe` },
    });
    expect(toJsonSchema(probe, "output", components)).toEqual({
      $ref: `${COMPONENT_REF_PREFIX}ComponentProbe`,
    });
    expect(Object.keys(components)).toEqual(["ComponentProbe"]);
    expect(() => toJsonSchema(probe, "output", { ComponentProbe: { type: "string" } })).toThrow(
      'Two different schemas are named "ComponentProbe"',
    );
  });
});
