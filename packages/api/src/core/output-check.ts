/**
 * Output validation without the copy (docs/decisions/026-output-checks.md).
 *
 * tRPC validates a procedure's answer with `schema.parseAsync(value)`: zod's asynchronous path, which builds a new
 * object per object, a payload and an issues array per field, and a promise per level. For a page of 20 tasks that
 * was the largest allocation of a W3 request (about 116 KB of 377 KB). `checked(schema)` compiles the schema once
 * into a walk that answers one question: is this value already exactly what `schema.parse` would return (same
 * fields, in the schema's order, nothing to strip, every check passing)? Then the value itself is the answer.
 * Anything else (a field to strip, an unknown key on a strict object, a failing check, a schema kind the walk
 * does not know) goes to zod's own parse, so the result and every error stay zod's.
 *
 * The walk is never looser than zod: leaf checks (lengths, formats, bounds) run zod's own check functions; only
 * the type tests (`typeof`, a valid Date, a plain object) are written here. transformer kinds (default, transform,
 * pipe, catch, readonly) and the kinds whose output is not the input (union, record, tuple, lazy, …) make the
 * whole schema "zod only". output-check.test.ts compares the two on every plinth output schema.
 */
import { z } from "zod";

/** True when `value` is exactly what the schema's parse returns; false means "ask zod". */
type Walk = (value: unknown) => boolean;

/** Checks that only read the value (no overwrite, no user code, nothing asynchronous). */
const pureChecks = new Set([
  "less_than",
  "greater_than",
  "multiple_of",
  "number_format",
  "max_length",
  "min_length",
  "length_equals",
  "string_format",
]);

type Schema = z.core.$ZodType;
/** What the walk uses of a zod check; zod types the payload by the check's input, here any leaf value. */
interface Check {
  _zod: {
    def: { check?: string; when?: ((payload: z.core.ParsePayload) => boolean) | undefined };
    check: (payload: z.core.ParsePayload) => unknown;
  };
}

/** One payload reused by every leaf check: zod's checks push issues into it and read `value`. */
const scratch: z.core.ParsePayload = { value: undefined, issues: [] };

const objectProto = Object.prototype;
const arrayProto = Array.prototype;

/** The schema's leaf checks as one function, or undefined when one of them is not pure. */
function leafChecks(schema: Schema): Walk | "none" | undefined {
  const checks: Check[] = [];
  // A format schema (z.uuid(), z.iso.date()) is its own first check, as zod runs it.
  if (schema._zod.traits.has("$ZodCheck")) checks.push(schema as unknown as Check);
  for (const check of schema._zod.def.checks ?? []) checks.push(check as unknown as Check);
  if (checks.length === 0) return "none";
  for (const check of checks) {
    const kind = check._zod.def.check;
    if (kind === undefined || !pureChecks.has(kind)) return undefined;
  }
  return (value) => {
    scratch.value = value;
    for (const check of checks) {
      const when = check._zod.def.when;
      if (when !== undefined && !when(scratch)) continue;
      check._zod.check(scratch);
      if (scratch.issues.length !== 0) break;
    }
    scratch.value = undefined;
    if (scratch.issues.length === 0) return true;
    // A new array, not `length = 0`: that is a runtime call, costly at a few hundred leaves per answer.
    scratch.issues = [];
    return false;
  };
}

/** `base` and then the leaf checks, or undefined when the checks are not pure. */
function withChecks(schema: Schema, base: Walk): Walk | undefined {
  const checks = leafChecks(schema);
  if (checks === undefined) return undefined;
  if (checks === "none") return base;
  return (value) => base(value) && checks(value);
}

const compiled = new WeakMap<Schema, Walk | null>();

function compile(schema: Schema): Walk | undefined {
  const cached = compiled.get(schema);
  if (cached !== undefined) return cached ?? undefined;
  // Until it is built, a schema that reaches itself (a recursive getter) counts as zod only.
  compiled.set(schema, null);
  const walk = build(schema);
  compiled.set(schema, walk ?? null);
  return walk;
}

/** A kind that takes no checks: its own test, or undefined when checks were added (a refine). */
const plain = (schema: Schema, walk: Walk): Walk | undefined =>
  (schema._zod.def.checks ?? []).length === 0 ? walk : undefined;

function build(schema: Schema): Walk | undefined {
  const def = schema._zod.def as z.core.$ZodTypeDef & { coerce?: boolean };
  if (def.coerce) return undefined;
  switch (def.type) {
    case "string":
      return withChecks(schema, (value) => typeof value === "string");
    case "number":
      return withChecks(schema, (value) => typeof value === "number" && Number.isFinite(value));
    case "boolean":
      return plain(schema, (value) => typeof value === "boolean");
    case "null":
      return plain(schema, (value) => value === null);
    case "undefined":
    case "void":
      return plain(schema, (value) => value === undefined);
    case "unknown":
    case "any":
      return plain(schema, () => true);
    case "date":
      return plain(schema, (value) => value instanceof Date && !Number.isNaN(value.getTime()));
    case "literal":
    case "enum": {
      const values = schema._zod.values;
      if (values === undefined) return undefined;
      return plain(schema, (value) => values.has(value as never));
    }
    case "nullable": {
      const inner = compile((def as z.core.$ZodNullableDef).innerType);
      return inner && plain(schema, (value) => value === null || inner(value));
    }
    case "optional": {
      const inner = compile((def as z.core.$ZodOptionalDef).innerType);
      return inner && plain(schema, (value) => value === undefined || inner(value));
    }
    case "array":
      return array(schema, def as z.core.$ZodArrayDef);
    case "object":
      return object(def as z.core.$ZodObjectDef);
    default:
      return undefined;
  }
}

function array(schema: Schema, def: z.core.$ZodArrayDef): Walk | undefined {
  const item = compile(def.element);
  if (item === undefined) return undefined;
  return withChecks(schema, (value) => {
    // zod returns a new plain array: a subclass, a hole or an extra property would not come back as it went in.
    if (!Array.isArray(value) || Object.getPrototypeOf(value) !== arrayProto) return false;
    if (Object.keys(value).length !== value.length) return false;
    for (let i = 0; i < value.length; i++) {
      if (!item(value[i])) return false;
    }
    return true;
  });
}

interface Field {
  key: string;
  walk: Walk;
  /** zod leaves an absent key absent (optional in and out). */
  optional: boolean;
}

function object(def: z.core.$ZodObjectDef): Walk | undefined {
  if ((def.checks ?? []).length > 0) return undefined;
  const shape = def.shape;
  const fields: Field[] = [];
  for (const key of Reflect.ownKeys(shape)) {
    if (typeof key !== "string" || key === "__proto__") return undefined;
    const field = shape[key] as Schema;
    const walk = compile(field);
    if (walk === undefined) return undefined;
    const { optin, optout } = field._zod;
    if (optin !== undefined && !(optin === "optional" && optout === "optional")) return undefined;
    fields.push({ key, walk, optional: optin === "optional" });
  }
  const count = fields.length;
  return (value) => {
    if (typeof value !== "object" || value === null) return false;
    // zod answers a fresh plain object: a class instance (or a Date) would come back changed.
    const proto = Object.getPrototypeOf(value);
    if (proto !== objectProto && proto !== null) return false;
    const record = value as Record<string, unknown>;
    // The value's keys must be the schema's present fields in the schema's order: zod writes its copy in that
    // order, and any other key is one zod strips or refuses.
    let i = 0;
    for (const key in record) {
      while (i < count && (fields[i] as Field).key !== key) {
        const skipped = fields[i] as Field;
        if (!skipped.optional || skipped.key in record) return false;
        i++;
      }
      if (i === count || !Object.hasOwn(record, key)) return false;
      if (!(fields[i] as Field).walk(record[key])) return false;
      i++;
    }
    for (; i < count; i++) {
      const rest = fields[i] as Field;
      if (!rest.optional || rest.key in record) return false;
    }
    return true;
  };
}

/** A procedure's output validator: `.output(checked(schema))`. The zod schema stays reachable for OpenAPI. */
export interface CheckedOutput<T extends z.ZodType> {
  (value: unknown): z.output<T> | Promise<z.output<T>>;
  readonly schema: T;
}

/**
 * The value itself when it already is `schema`'s output, else `schema.parse(value)` (zod's answer or zod's error),
 * asynchronous only when the schema is.
 */
export function checked<T extends z.ZodType>(schema: T): CheckedOutput<T> {
  const walk = compile(schema);
  const parse = (value: unknown): z.output<T> | Promise<z.output<T>> => {
    if (walk?.(value)) return value as z.output<T>;
    try {
      return schema.parse(value);
    } catch (error) {
      // A schema with an async refinement or transform cannot parse synchronously.
      if (error instanceof z.core.$ZodAsyncError) return schema.parseAsync(value);
      throw error;
    }
  };
  return Object.assign(parse, { schema });
}

/** The zod schema behind a procedure's output (a `checked` one or a plain zod schema), for the OpenAPI document. */
export function outputSchema(parser: unknown): z.ZodType | undefined {
  if (parser instanceof z.ZodType) return parser;
  if (typeof parser === "function" && "schema" in parser && parser.schema instanceof z.ZodType)
    return parser.schema;
  return undefined;
}

/** Whether `checked` can answer `schema`'s values without zod (for tests: the hot outputs must be). */
export const isWalkable = (schema: z.ZodType): boolean => compile(schema) !== undefined;
