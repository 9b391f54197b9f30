import { AppError } from "@plinth/api";
import type { JsonSchema } from "./procedure-schemas.ts";
import type { RestRoute } from "./routes.ts";

/** Follows a `$ref` to a named component (the document's shared schemas). */
export type Resolve = (schema: JsonSchema | undefined) => JsonSchema | undefined;

/** The JSON types a property may take, from `type` and from the branches of `anyOf` / `oneOf`. */
function typesOf(schema: JsonSchema | undefined): Set<string> {
  const types = new Set<string>();
  if (!schema) return types;
  const own = schema.type;
  for (const t of Array.isArray(own) ? own : own === undefined ? [] : [own]) types.add(String(t));
  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = schema[key];
    if (Array.isArray(branches))
      for (const b of branches) for (const t of typesOf(b as JsonSchema)) types.add(t);
  }
  return types;
}

/**
 * A query string value as the input schema wants it: numbers and booleans are parsed (anything else is left as
 * the string, so validation reports it), and arrays are repeated parameters (`?statuses=todo&statuses=done`).
 */
function coerce(values: string[], schema: JsonSchema | undefined, resolve: Resolve): unknown {
  const types = typesOf(schema);
  if (types.has("array")) {
    const items = resolve((schema?.items ?? undefined) as JsonSchema | undefined);
    return values.map((v) => coerceOne(v, typesOf(items)));
  }
  return values.length === 1 ? coerceOne(values[0] ?? "", types) : values;
}

function coerceOne(value: string, types: Set<string>): unknown {
  if ((types.has("integer") || types.has("number")) && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (types.has("boolean") && (value === "true" || value === "false")) return value === "true";
  return value;
}

const clash = (key: string, where: string) =>
  new AppError("VALIDATION_FAILED", "Invalid input", {
    details: [{ path: key, message: `${key} is given by the ${where}; do not send it again` }],
  });

/**
 * The procedure's input: path parameters, plus the query string (GET, DELETE) or the JSON body (POST, PATCH),
 * plus the route's fixed fields. A caller field that names a path parameter or a fixed field is a 400: silently
 * preferring one of two different organization ids is how a request ends up acting on the wrong one.
 */
export function buildInput(opts: {
  route: RestRoute;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  schema: JsonSchema | undefined;
  resolve?: Resolve;
}): Record<string, unknown> | undefined {
  const resolve = opts.resolve ?? ((schema) => schema);
  const { route, params } = opts;
  let fields: Record<string, unknown> = {};
  if (route.method === "POST" || route.method === "PATCH") {
    if (opts.body !== undefined) {
      if (typeof opts.body !== "object" || opts.body === null || Array.isArray(opts.body)) {
        throw new AppError("VALIDATION_FAILED", "Invalid input", {
          details: [{ path: "", message: "The body must be a JSON object" }],
        });
      }
      fields = opts.body as Record<string, unknown>;
    }
  } else {
    const properties = (opts.schema?.properties ?? {}) as Record<string, JsonSchema>;
    for (const key of new Set(opts.query.keys())) {
      fields[key] = coerce(opts.query.getAll(key), resolve(properties[key]), resolve);
    }
  }
  for (const key of Object.keys(fields)) {
    if (key in params) throw clash(key, "path");
    if (route.fixedInput && key in route.fixedInput) throw clash(key, "route");
  }
  const input = { ...fields, ...route.fixedInput, ...params };
  if (opts.schema === undefined) {
    if (Object.keys(fields).length > 0) {
      throw new AppError("VALIDATION_FAILED", "Invalid input", {
        details: [{ path: "", message: "This route takes no input" }],
      });
    }
    return undefined;
  }
  return input;
}
