import type { AnyTRPCProcedure, AnyTRPCRouter } from "@trpc/server";
import { z } from "zod";
import { outputSchema } from "./output-check.ts";

/**
 * The procedures' zod schemas as JSON Schema draft 2020-12, the dialect of OpenAPI 3.1: the source of the REST
 * layer's OpenAPI document (ADR 019). One definition validates a call and describes it, so the document cannot
 * drift from what the server accepts and answers.
 *
 * - Dates are ISO-8601 strings (`format: date-time`): REST answers plain JSON, not superjson.
 * - Inputs are converted as the client sends them (`io: "input"`: a field with a default is optional), outputs
 *   as the server answers them (`io: "output"`).
 * - A schema with `.meta({ id })` becomes a named component (`#/components/schemas/<id>`), shared by every
 *   procedure that uses it; everything else is inlined.
 * - Anything else without a JSON form (a transform, a bigint ...) throws, so a schema the document cannot
 *   describe fails the tests rather than appearing as an untyped `{}`.
 */

/** A JSON Schema object (draft 2020-12). */
export type JsonSchema = z.core.JSONSchema.BaseSchema;

/** Named schemas, by component name, as OpenAPI's `components.schemas` holds them. */
export type SchemaComponents = Record<string, JsonSchema>;

export const COMPONENT_REF_PREFIX = "#/components/schemas/";

/** One procedure's contract: its zod schemas (to pick path and query parameters from) and their JSON Schema. */
export interface ProcedureSchemas {
  /** The tRPC path, e.g. `tasks.list`. */
  path: string;
  type: "query" | "mutation" | "subscription";
  /** The zod input; undefined for a procedure that takes none. */
  input: z.ZodType | undefined;
  /** The zod output. */
  output: z.ZodType;
  inputJsonSchema: JsonSchema | undefined;
  /** Undefined when the procedure answers with no value (`z.void()`): no body. */
  outputJsonSchema: JsonSchema | undefined;
}

export interface ApiSchemas {
  procedures: Record<string, ProcedureSchemas>;
  components: SchemaComponents;
}

/** Called by zod for each schema that has no JSON Schema form. Only Dates get one: ISO-8601 strings. */
const represent: NonNullable<z.core.ToJSONSchemaParams["unrepresentable"]> = ({ zodSchema }) =>
  zodSchema._zod.def.type === "date" ? { type: "string", format: "date-time" } : "throw";

/**
 * Inputs are described by the input side of a pipe (what the client sends), so `emailInput`, a bounded string
 * piped into `z.email()`, would lose its format. A string piped into a string keeps the output side's `format`:
 * an annotation in 2020-12, so it documents without refusing what the server would still trim and accept.
 */
const keepPipedFormat: NonNullable<z.core.ToJSONSchemaParams["override"]> = ({ zodSchema, jsonSchema }) => {
  const def = zodSchema._zod.def;
  if (def.type !== "pipe" || def.out._zod.def.type !== "string") return;
  const { format } = def.out._zod.def as { format?: unknown };
  if (typeof format === "string" && jsonSchema.format === undefined) jsonSchema.format = format;
};

/** Points zod's local `#/$defs/<id>` references at the shared components. */
function rewriteRefs<T>(value: T): T {
  if (Array.isArray(value)) return value.map(rewriteRefs) as T;
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      key === "$ref" && typeof v === "string" && v.startsWith("#/$defs/")
        ? COMPONENT_REF_PREFIX + v.slice("#/$defs/".length)
        : rewriteRefs(v),
    ]),
  ) as T;
}

function addComponent(components: SchemaComponents, id: string, schema: JsonSchema): void {
  if (id.startsWith("__")) {
    // zod names a recursive schema without an id `__schemaN`; such a name would be meaningless in the document.
    throw new Error(`A recursive schema needs .meta({ id }) to be named in the document (got ${id})`);
  }
  const existing = components[id];
  if (existing && JSON.stringify(existing) !== JSON.stringify(schema)) {
    throw new Error(`Two different schemas are named "${id}" (the same id as input and output?)`);
  }
  components[id] = schema;
}

/**
 * One zod schema as JSON Schema. Named subschemas (and the schema itself, if it is named) are added to
 * `components` and referenced as `#/components/schemas/<id>`; `$schema` is left out (the document declares
 * the dialect once).
 */
export function toJsonSchema(
  schema: z.ZodType,
  io: "input" | "output",
  components: SchemaComponents,
): JsonSchema {
  const converted = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: represent,
    ...(io === "input" ? { override: keepPipedFormat } : {}),
    cycles: "ref",
    reused: "inline",
  });
  const { $schema: _dialect, $defs, ...root } = converted as JsonSchema;
  for (const [id, def] of Object.entries($defs ?? {})) addComponent(components, id, rewriteRefs(def));
  return rewriteRefs(root);
}

/** zod schemas only: the JSON Schema conversion needs them (tRPC accepts other validators too). */
function zodSchema(path: string, what: string, parser: unknown): z.ZodType {
  if (parser instanceof z.ZodType) return parser;
  throw new Error(`${path}: its ${what} is not a zod schema`);
}

/**
 * Every procedure of `router` with its schemas, and the named components they share. Throws when a procedure
 * declares no `.output()`: every answer must be described.
 */
export function procedureSchemas(router: AnyTRPCRouter): ApiSchemas {
  const components: SchemaComponents = {};
  const procedures: Record<string, ProcedureSchemas> = {};
  const entries = Object.entries(router._def.procedures as Record<string, AnyTRPCProcedure>);
  for (const [path, procedure] of entries) {
    const def = procedure._def as typeof procedure._def & { output?: unknown };
    if (def.inputs.length > 1) throw new Error(`${path}: chained .input() calls are not supported`);
    if (def.output === undefined) throw new Error(`${path} declares no output schema`);
    const input = def.inputs[0] === undefined ? undefined : zodSchema(path, "input", def.inputs[0]);
    // Outputs are declared `checked(schema)` (output-check.ts): the zod schema rides on the validator.
    const output = zodSchema(path, "output", outputSchema(def.output) ?? def.output);
    procedures[path] = {
      path,
      type: def.type,
      input,
      output,
      inputJsonSchema: input && toJsonSchema(input, "input", components),
      outputJsonSchema: isVoid(output) ? undefined : toJsonSchema(output, "output", components),
    };
  }
  return { procedures, components };
}

const isVoid = (schema: z.ZodType) => schema._zod.def.type === "void";
