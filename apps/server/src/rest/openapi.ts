/**
 * The OpenAPI 3.1 document of the REST surface (docs/decisions/019-openapi-document.md), built from the route
 * table and each procedure's zod input and output schemas: the same schemas that validate the calls.
 */
import type { AnyTRPCRouter } from "@trpc/server";
import {
  errorRef,
  errorResponses,
  errorSchema,
  headerComponents,
  headerRefs,
  json,
} from "./openapi-components.ts";
import {
  apiSchemas,
  type JsonSchema,
  type ProcedureSchemas,
  procedureSchemas,
  resolveRef,
} from "./procedure-schemas.ts";
import { API_PREFIX, type RestRoute, takesIdempotencyKey } from "./routes.ts";

export type OpenApiDocument = Record<string, unknown> & {
  paths: Record<string, Record<string, OpenApiOperation>>;
};
export interface OpenApiOperation {
  operationId: string;
  responses: Record<string, unknown>;
  [key: string]: unknown;
}

/** `organizations.members.list` -> `organizationsMembersList`. */
export const operationId = (procedure: string) =>
  procedure.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase());

/** A copy of an object schema without some properties (those the path or the route supplies). */
function without(schema: JsonSchema, names: ReadonlySet<string>): JsonSchema {
  const properties = Object.fromEntries(
    Object.entries((schema.properties ?? {}) as Record<string, unknown>).filter(([k]) => !names.has(k)),
  );
  const required = ((schema.required ?? []) as string[]).filter((k) => !names.has(k));
  const { required: _, ...rest } = schema;
  return { ...rest, properties, ...(required.length > 0 ? { required } : {}) };
}

const pathParams = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");

function successSchema(route: RestRoute, output: JsonSchema | undefined, resolve: Resolve): JsonSchema {
  if (route.paged) {
    const page = resolve(output);
    const items = ((page?.properties as Record<string, JsonSchema> | undefined)?.items ?? {
      type: "array",
      items: {},
    }) as JsonSchema;
    return {
      type: "object",
      additionalProperties: false,
      required: ["data", "meta"],
      properties: {
        data: items,
        meta: {
          type: "object",
          additionalProperties: false,
          required: ["nextCursor"],
          properties: {
            nextCursor: {
              anyOf: [{ type: "string" }, { type: "null" }],
              description: "Send back as `?cursor=` for the next page; null on the last page",
            },
          },
        },
      },
    };
  }
  return {
    type: "object",
    additionalProperties: false,
    required: ["data"],
    properties: { data: output ?? {} },
  };
}

type Resolve = (schema: JsonSchema | undefined) => JsonSchema | undefined;

function operation(
  route: RestRoute,
  schemas: ProcedureSchemas,
  hasGetTwin: boolean,
  resolve: Resolve,
): OpenApiOperation {
  const names = pathParams(route.path);
  const input = resolve(schemas.input);
  const properties = (input?.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((input?.required ?? []) as string[]);
  const supplied = new Set([...names, ...Object.keys(route.fixedInput ?? {})]);
  const parameters: unknown[] = names.map((name) => ({
    name,
    in: "path",
    required: true,
    schema: properties[name] ?? { type: "string" },
  }));
  const takesBody = route.method === "POST" || route.method === "PATCH";
  if (!takesBody && input) {
    for (const [name, schema] of Object.entries(properties)) {
      if (supplied.has(name)) continue;
      const array = resolve(schema)?.type === "array";
      parameters.push({
        name,
        in: "query",
        required: required.has(name),
        schema,
        ...(array ? { style: "form", explode: true } : {}),
      });
    }
  }
  const conditional = route.method === "PATCH" && hasGetTwin;
  if (conditional) {
    parameters.push({
      name: "If-Match",
      in: "header",
      required: false,
      description: "The ETag of the resource as you read it; 412 if it changed since",
      schema: { type: "string" },
    });
  }
  const idempotent = takesIdempotencyKey(route);
  if (idempotent) {
    parameters.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description:
        "Makes a retry safe: the same key and body within 24 h replay the stored answer (`Idempotent-Replayed: " +
        "true`) instead of creating again; the same key with another body is 422",
      schema: { type: "string", minLength: 1, maxLength: 255 },
    });
  }
  if (route.method === "GET") {
    parameters.push({
      name: "If-None-Match",
      in: "header",
      required: false,
      description: "An ETag you hold; 304 with no body if it is still current",
      schema: { type: "string" },
    });
  }
  let requestBody: unknown;
  if (takesBody && input) {
    let body = without(input, supplied);
    // With If-Match the server supplies the version the tag stands for (ADR 017).
    if (conditional && "version" in properties) {
      body = { ...body, required: ((body.required ?? []) as string[]).filter((k) => k !== "version") };
    }
    if (Object.keys(body.properties as object).length > 0) {
      requestBody = { required: ((body.required ?? []) as string[]).length > 0, content: json(body) };
    }
  }

  const successHeaders = ["RateLimit", "RateLimit-Policy"];
  const responses: Record<string, unknown> = {};
  if (route.status === 204) {
    responses["204"] = { description: "Done; no body", headers: headerRefs(successHeaders) };
  } else {
    const headers = [
      ...successHeaders,
      ...(route.status === 201 ? ["Location"] : []),
      ...(idempotent ? ["Idempotent-Replayed"] : []),
      ...(route.method === "GET" ? ["ETag"] : []),
    ];
    responses[String(route.status)] = {
      description: route.status === 201 ? "Created" : "OK",
      headers: headerRefs(headers),
      content: json(successSchema(route, schemas.output, resolve)),
    };
  }
  if (route.method === "GET") {
    responses["304"] = {
      description: "Not modified: your If-None-Match tag is current",
      headers: headerRefs(["ETag"]),
    };
  }
  const errors = ["BadRequest", "Unauthorized", "Forbidden", "NotFound"];
  if (route.method !== "GET") errors.push("Conflict");
  if (conditional) errors.push("PreconditionFailed");
  if (idempotent) errors.push("UnprocessableContent");
  if (takesBody) errors.push("PayloadTooLarge", "UnsupportedMediaType");
  errors.push("TooManyRequests", "InternalError", "ServiceUnavailable");
  for (const name of errors) responses[errorResponses[name]?.status ?? "500"] = errorRef(name);

  const security =
    route.auth === "required" ? [{ bearerAuth: [] }] : route.auth === "none" ? [] : [{}, { bearerAuth: [] }];
  return {
    operationId: operationId(route.procedure),
    summary: route.summary,
    description: `${route.summary}. Runs the \`${route.procedure}\` procedure, the one tRPC callers use, with its rules and limits.`,
    tags: [route.tag],
    security,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}

/** The named schemas the operations reach (directly or through other components): the rest serve tRPC only. */
function reachable(paths: unknown, components: Record<string, unknown>): Record<string, unknown> {
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) for (const v of value) visit(v);
    else if (value && typeof value === "object") {
      for (const [key, v] of Object.entries(value)) {
        if (key === "$ref" && typeof v === "string" && v.startsWith("#/components/schemas/")) {
          const name = v.slice("#/components/schemas/".length);
          if (!used.has(name)) {
            used.add(name);
            visit(components[name]);
          }
        } else visit(v);
      }
    }
  };
  visit(paths);
  return Object.fromEntries(Object.entries(components).filter(([name]) => used.has(name)));
}

export async function buildOpenApiDocument(
  router: AnyTRPCRouter,
  routes: readonly RestRoute[],
): Promise<OpenApiDocument> {
  const paths: OpenApiDocument["paths"] = {};
  const getPaths = new Set(routes.filter((r) => r.method === "GET").map((r) => r.path));
  const { components } = apiSchemas(router);
  const resolve: Resolve = (schema) => resolveRef(schema, components);
  if ("Error" in components)
    throw new Error('A procedure schema is named "Error", the REST error body\'s name');
  for (const route of routes) {
    const schemas = await procedureSchemas(router, route.procedure);
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, OpenApiOperation>)[route.method.toLowerCase()] = operation(
      route,
      schemas,
      getPaths.has(route.path),
      resolve,
    );
  }
  const tags = [...new Set(routes.map((r) => r.tag))].map((name) => ({ name }));
  return {
    openapi: "3.1.1",
    info: {
      title: "plinth API",
      version: "1.0.0",
      contact: { name: "plinth maintainers" },
      description:
        "REST over the same procedures the web app calls through tRPC. JSON only; dates are ISO-8601 strings. " +
        "Authenticate with `Authorization: Bearer <token>` (a session token from login, or an API key). Lists answer " +
        "`{ data, meta: { nextCursor } }`; send the cursor back as `?cursor=`. Errors answer " +
        "`{ error: { code, message, details?, requestId } }`.",
    },
    servers: [{ url: API_PREFIX }],
    tags,
    paths,
    components: {
      // The procedures' named schemas (`.meta({ id })`), referenced from the operations, and the error body.
      schemas: { ...reachable(paths, components), Error: errorSchema },
      responses: Object.fromEntries(
        Object.entries(errorResponses).map(([name, r]) => [
          name,
          {
            description: r.description,
            ...(r.headers ? { headers: headerRefs(r.headers) } : {}),
            content: json({ $ref: "#/components/schemas/Error" }),
          },
        ]),
      ),
      headers: headerComponents,
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description:
            "A session token from `POST /auth/login` or `POST /auth/signup`, or a personal API key (`plinth_…`, " +
            "from `POST /api-keys`; a `read` key calls GETs only, and keys cannot manage keys)",
        },
      },
    },
  };
}
