import type { AnyTRPCRouter } from "@trpc/server";
import { getProcedureAtPath } from "@trpc/server/unstable-core-do-not-import";
import { z } from "zod";

/** A JSON Schema object, as zod 4 emits it (draft 2020-12, which OpenAPI 3.1 uses as is). */
export type JsonSchema = Record<string, unknown>;

export interface ProcedureSchemas {
  type: "query" | "mutation" | "subscription";
  /** What the caller sends (defaults make fields optional); undefined for a procedure without input. */
  input: JsonSchema | undefined;
  /** What the procedure answers; undefined when it declares no output schema. */
  output: JsonSchema | undefined;
}

/** Dates travel as ISO-8601 strings in plain JSON (REST has no superjson). */
const dateAsString = (ctx: { zodSchema: { _zod: { def: { type: string } } }; jsonSchema: JsonSchema }) => {
  if (ctx.zodSchema._zod.def.type === "date") {
    ctx.jsonSchema.type = "string";
    ctx.jsonSchema.format = "date-time";
  }
};

function toJsonSchema(schema: unknown, io: "input" | "output"): JsonSchema | undefined {
  if (!(schema instanceof z.ZodType)) return undefined;
  const { $schema: _, ...json } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    override: dateAsString as never,
  }) as JsonSchema;
  return json;
}

/**
 * The JSON Schemas of a procedure's zod input and output: what the REST layer coerces query strings by and what
 * the OpenAPI document shows, so the document describes exactly what validates the call.
 */
export async function procedureSchemas(router: AnyTRPCRouter, path: string): Promise<ProcedureSchemas> {
  const procedure = await getProcedureAtPath(router, path);
  if (!procedure) throw new Error(`REST route names no procedure: ${path}`);
  const def = procedure._def as { type: ProcedureSchemas["type"]; inputs: unknown[]; output?: unknown };
  if (def.inputs.length > 1) throw new Error(`${path}: REST routes take procedures with one input schema`);
  return {
    type: def.type,
    input: toJsonSchema(def.inputs[0], "input"),
    output: toJsonSchema(def.output, "output"),
  };
}
