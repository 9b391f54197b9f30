import {
  type Compilable,
  type CompiledQuery,
  createQueryId,
  type QueryResult,
  type RootOperationNode,
} from "kysely";
import type { Executor } from "../executor.ts";
import { nameStatement } from "./statement-names.ts";

/**
 * A query shape: a Kysely query built and compiled once, then run with fresh values (ADR 024).
 *
 * Kysely builds an operation tree and compiles it to SQL on every call: 15-45 µs of CPU and its garbage for the
 * hot queries (ADR 024 has the figures). A shape does that on its first call only. `bind` copies the input
 * with every value that becomes a SQL parameter replaced by a placeholder; `build` (the query as it was written)
 * compiles that copy, and the placeholders in the compiled parameters say where each call's values go. That
 * copy, as JSON, is also the variant key: everything `build` branches on (a sort order, whether a filter is
 * present, how many statuses) is left unbound, so it is in the key, and equal keys compile to equal SQL.
 *
 * Rules for `build`: branch only on unbound values (a placeholder is a non-empty string whatever the value),
 * and never compute with a bound one (bind `limit + 1`, not `limit`). Compiling checks that every
 * parameter came from a placeholder or from an unbound value, and throws at the first call otherwise.
 *
 * Each variant's SQL is registered as a named statement (unless `named: false`): see statement-names.ts. At most
 * `maxVariants` variants per shape are kept; past that a call builds, compiles and runs unnamed, as before.
 * A handle with Kysely plugins (tests that count or fail queries) also takes that path, so plugins see every
 * query as they always did.
 */
export interface QueryShapeSpec<I, O> {
  /** The statement name (variants add `_1`, `_2`, …): lowercase, digits and `_`, unique in the process. */
  name: string;
  /** The input with every parameter value passed through `bind`; what `build` branches on, as it is. */
  bind: (input: I, bind: Bind) => I;
  build: (db: Executor, input: I) => Compilable<O>;
  /** Distinct SQL texts this shape may compile to that are kept. Default 1 (a shape with one text). */
  maxVariants?: number;
  /** False: keep the compiled query but send it unnamed. */
  named?: boolean;
}

export type Bind = <T>(value: T) => T;

interface Variant {
  sql: string;
  query: RootOperationNode;
  /** For each compiled parameter: the index of the bound value, or -1 for a constant (`constants[i]`). */
  slots: number[];
  constants: unknown[];
}

export interface QueryShape<I, O> {
  readonly name: string;
  execute(db: Executor, input: I): Promise<QueryResult<O>>;
  /** How many variants are cached; tests use it to see the cache stays bounded. */
  readonly variantCount: number;
}

const MARK = "\u0000plinth-slot:";
const placeholders: string[] = [];
const placeholderIndex = new Map<string, number>();
function placeholder(i: number): string {
  for (let n = placeholders.length; n <= i; n++) {
    // The closing mark makes `placeholder + 1` something that is not a placeholder (see compileVariant).
    const p = `${MARK}${n}\u0000`;
    placeholders.push(p);
    placeholderIndex.set(p, n);
  }
  return placeholders[i] as string;
}

const shapeNames = new Set<string>();

export function defineQueryShape<I, O>(spec: QueryShapeSpec<I, O>): QueryShape<I, O> {
  if (shapeNames.has(spec.name)) throw new Error(`Query shape ${spec.name} is defined twice`);
  shapeNames.add(spec.name);
  const maxVariants = spec.maxVariants ?? 1;
  const variants = new Map<string, Variant>();

  const compileVariant = (db: Executor, template: I, key: string): Variant => {
    const compiled = spec.build(db, template).compile();
    if (compiled.sql.includes(MARK))
      throw new Error(`Query shape ${spec.name}: a bound value was written into the SQL text`);
    const constants: unknown[] = [];
    const slots = compiled.parameters.map((value, i) => {
      const slot = typeof value === "string" ? placeholderIndex.get(value) : undefined;
      if (slot !== undefined) return slot;
      if ((typeof value === "string" && value.includes(MARK)) || Number.isNaN(value))
        throw new Error(`Query shape ${spec.name}: parameter $${i + 1} was computed from a bound value`);
      constants[i] = value;
      return -1;
    });
    const n = variants.size;
    const name = `${spec.name}${n === 0 ? "" : `_${n}`}`;
    if (spec.named !== false) nameStatement(compiled.sql, name);
    const variant = { sql: compiled.sql, query: compiled.query, slots, constants };
    variants.set(key, variant);
    return variant;
  };

  const compile = (db: Executor, input: I): CompiledQuery<O> => {
    if (db.getExecutor().plugins.length > 0) return spec.build(db, input).compile();
    const values: unknown[] = [];
    const template = spec.bind(input, (<T>(value: T): T => {
      values.push(value);
      return placeholder(values.length - 1) as T;
    }) as Bind);
    const key = JSON.stringify(template) ?? "";
    let variant = variants.get(key);
    if (variant === undefined) {
      if (variants.size >= maxVariants) return spec.build(db, input).compile();
      variant = compileVariant(db, template, key);
    }
    const { slots, constants } = variant;
    const parameters = new Array<unknown>(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as number;
      parameters[i] = slot < 0 ? constants[i] : values[slot];
    }
    return { sql: variant.sql, query: variant.query, parameters, queryId: createQueryId() };
  };

  return {
    name: spec.name,
    get variantCount() {
      return variants.size;
    },
    execute: async (db, input) => db.executeQuery(compile(db, input)),
  };
}
