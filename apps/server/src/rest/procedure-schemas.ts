import {
  type JsonSchema as ApiJsonSchema,
  type ApiSchemas,
  procedureSchemas as apiProcedureSchemas,
  COMPONENT_REF_PREFIX,
  type SchemaComponents,
} from "@plinth/api/openapi";
import type { AnyTRPCRouter } from "@trpc/server";

/** A JSON Schema object (draft 2020-12, which OpenAPI 3.1 uses as is). */
export type JsonSchema = Record<string, unknown>;

export interface ProcedureSchemas {
  type: "query" | "mutation" | "subscription";
  /** What the caller sends (defaults make fields optional); undefined for a procedure without input. */
  input: JsonSchema | undefined;
  /** What the procedure answers; undefined when it answers nothing (`z.void()`). */
  output: JsonSchema | undefined;
}

const cache = new WeakMap<AnyTRPCRouter, ApiSchemas>();

/**
 * Every procedure's zod input and output as JSON Schema, from `@plinth/api/openapi` (ADR 019): what the REST
 * layer coerces query strings by and what the OpenAPI document shows, so the document describes exactly what
 * validates the call. Converted once per router.
 */
export function apiSchemas(router: AnyTRPCRouter): ApiSchemas {
  let schemas = cache.get(router);
  if (!schemas) {
    schemas = apiProcedureSchemas(router);
    cache.set(router, schemas);
  }
  return schemas;
}

export async function procedureSchemas(router: AnyTRPCRouter, path: string): Promise<ProcedureSchemas> {
  const found = apiSchemas(router).procedures[path];
  if (!found) throw new Error(`REST route names no procedure: ${path}`);
  return {
    type: found.type,
    input: found.inputJsonSchema as JsonSchema | undefined,
    output: found.outputJsonSchema as JsonSchema | undefined,
  };
}

/** A schema with its `$ref` to a named component followed (one level; components are not refs themselves). */
export function resolveRef(
  schema: JsonSchema | undefined,
  components: SchemaComponents,
): JsonSchema | undefined {
  const ref = schema?.$ref;
  if (typeof ref !== "string" || !ref.startsWith(COMPONENT_REF_PREFIX)) return schema;
  return components[ref.slice(COMPONENT_REF_PREFIX.length)] as JsonSchema | undefined;
}

export type { ApiJsonSchema };
