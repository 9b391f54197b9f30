/**
 * superjson's wire format for procedure outputs, at close to `JSON.stringify`'s cost.
 *
 * `superjson.serialize` copies the whole value, builds a path array per node, scans a dozen transformation rules
 * per leaf and records every object's identity; on a page of 20 rows that was a quarter of the server's CPU
 * (docs/decisions/020-fast-superjson-outputs.md). plinth's outputs are plain objects, arrays, strings, finite
 * numbers, booleans, null, undefined and Dates. For those, one walk copies the value as superjson's `json` part
 * (Dates as ISO strings, `undefined` as null) and collects its annotations (superjson's only ones on such values
 * are "Date" and "undefined"); V8's native `JSON.stringify` then writes plain strings and numbers quickly.
 * Anything else anywhere in the value (Map, Set, BigInt, RegExp, Error, a class instance, NaN, ±Infinity,
 * -0, an invalid Date, a sparse array, an array with extra properties, an object met twice, a `__proto__` /
 * `constructor` / `prototype` key, a function, a symbol) sends the WHOLE value to `superjson.serialize`, as do
 * custom classes or transformers registered on superjson's default instance. The output is byte-identical to
 * `JSON.stringify(superjson.serialize(value))`; transformer-output.test.ts checks that on generated values.
 */
import superjson, { type SuperJSONResult } from "superjson";
import { isoString } from "./iso-string.ts";

type Annotation = "Date" | "undefined";

/** Thrown inside the walk to hand the value to superjson; never escapes this module. */
const FALL_BACK = Symbol("fall back to superjson");

const nativeToISOString = Date.prototype.toISOString;
const objectProto = Object.prototype;

/** What `superjson.serialize` needs beyond its built-in rules (the fields are private in its types). */
interface SuperJsonInternals {
  classRegistry: { kv: { valueToKey: Map<unknown, string> } };
  symbolRegistry: { kv: { valueToKey: Map<unknown, string> } };
  customTransformerRegistry: { transfomers: Record<string, unknown> };
}
const registries = (superjson as unknown as { defaultInstance: SuperJsonInternals }).defaultInstance;

/** superjson checks registered classes and custom transformers before anything else; then only it knows the answer. */
function superjsonIsCustomised(): boolean {
  if (registries.classRegistry.kv.valueToKey.size > 0) return true;
  if (registries.symbolRegistry.kv.valueToKey.size > 0) return true;
  for (const _ in registries.customTransformerRegistry.transfomers) return true;
  return false;
}

/**
 * A key that JavaScript orders before all others in an object (an "array index": a canonical integer below
 * 2^32 - 1). superjson collects annotations in an object, so such keys jump ahead there; see `collect`.
 */
function isArrayIndex(key: string): boolean {
  const n = key.length;
  if (n === 0 || n > 10) return false;
  const first = key.charCodeAt(0);
  if (first < 48 || first > 57 || (first === 48 && n > 1)) return false;
  for (let i = 1; i < n; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return Number(key) <= 4294967294;
}

/** superjson's path escaping (pathstringifier.ts): backslashes doubled, dots escaped. */
const escapeKey = (key: string): string =>
  key.includes("\\") || key.includes(".") ? key.replace(/\\/g, "\\\\").replace(/\./g, "\\.") : key;

/**
 * One walk's state. `paths`/`types` are the annotations in superjson's order; `marks[i]` is the depth of a leaf
 * whose last key is an array index (else -1), which `collect` needs to reproduce superjson's key order.
 */
class Walk {
  keys: (string | number)[] = [];
  paths: string[] = [];
  types: Annotation[] = [];
  marks: number[] = [];
  seen = new Set<object>();
  /** The annotation of the value `visit` just returned, for the caller to record under its key. */
  leaf: Annotation | undefined = undefined;

  path(depth: number): string {
    let path = "";
    for (let i = 0; i < depth; i++) {
      const key = this.keys[i] as string | number;
      const segment = typeof key === "number" ? String(key) : escapeKey(key);
      path = i === 0 ? segment : `${path}.${segment}`;
    }
    return path;
  }

  annotate(type: Annotation, depth: number, lastKeyIsIndex: boolean): void {
    this.paths.push(this.path(depth));
    this.types.push(type);
    this.marks.push(lastKeyIsIndex ? depth : -1);
  }

  /**
   * Returns superjson's `json` for `value` (at `depth`, under `this.keys[0..depth)`): a copy with Dates as ISO
   * strings and `undefined` as null. Records the annotations below it; its own is left in `this.leaf`.
   */
  visit(value: unknown, depth: number): unknown {
    this.leaf = undefined;
    switch (typeof value) {
      case "string":
      case "boolean":
        return value;
      case "number":
        // NaN, ±Infinity and -0 get superjson's "number" annotation.
        if (!Number.isFinite(value) || (value === 0 && 1 / value < 0)) throw FALL_BACK;
        return value;
      case "undefined":
        this.leaf = "undefined";
        return null;
      case "object":
        break;
      default:
        throw FALL_BACK; // bigint, symbol, function
    }
    if (value === null) return null;
    // superjson records every object's identity; a second meeting (shared or cyclic) means referentialEqualities.
    if (this.seen.has(value)) throw FALL_BACK;
    this.seen.add(value);
    if (Array.isArray(value)) return this.array(value, depth);
    const proto = Object.getPrototypeOf(value);
    if (proto === Date.prototype) {
      const date = value as Date;
      // superjson writes `date.toISOString()`: only the built-in one is known to match isoString.
      if (date.toISOString !== nativeToISOString) throw FALL_BACK;
      const time = date.getTime();
      if (Number.isNaN(time)) throw FALL_BACK;
      this.leaf = "Date";
      return isoString(date, time);
    }
    if ((proto !== objectProto && proto !== null) || value === objectProto) throw FALL_BACK;
    return this.object(value as Record<string, unknown>, depth);
  }

  array(array: unknown[], depth: number): unknown[] {
    const start = this.paths.length;
    const length = array.length;
    // Extra properties would carry annotations that JSON.stringify leaves out.
    if (Object.keys(array).length !== length) throw FALL_BACK;
    const copy = new Array<unknown>(length);
    for (let i = 0; i < length; i++) {
      const item = array[i];
      // A hole: superjson skips it (no annotation), where a stored undefined gets one.
      if (item === undefined && !(i in array)) throw FALL_BACK;
      this.keys[depth] = i;
      copy[i] = this.visit(item, depth + 1);
      if (this.leaf !== undefined) this.annotate(this.leaf, depth + 1, true);
    }
    this.collect(start, depth);
    this.leaf = undefined;
    return copy;
  }

  object(object: Record<string, unknown>, depth: number): Record<string, unknown> {
    const start = this.paths.length;
    const keys = Object.keys(object);
    const copy: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      // superjson throws on these (prototype pollution); let it, with its own message.
      if (key === "__proto__" || key === "constructor" || key === "prototype") throw FALL_BACK;
      this.keys[depth] = key;
      copy[key] = this.visit(object[key], depth + 1);
      if (this.leaf !== undefined) this.annotate(this.leaf, depth + 1, isArrayIndex(key));
    }
    this.collect(start, depth);
    this.leaf = undefined;
    return copy;
  }

  /**
   * superjson gathers a container's annotations in one object: `key` for a leaf child, `key.sub.path` for each
   * annotation under a child container. Objects list array-index keys first, so a leaf child with an index key
   * (`"1"`) comes before a nested path inserted earlier (`"0.createdAt"`). Reproduce that order (a stable
   * partition; rare, so only done when an index leaf followed something else).
   */
  collect(start: number, depth: number): void {
    const end = this.paths.length;
    const leafDepth = depth + 1;
    let sawOther = false;
    let needsReorder = false;
    for (let i = start; i < end; i++) {
      if (this.marks[i] === leafDepth) {
        if (sawOther) {
          needsReorder = true;
          break;
        }
      } else {
        sawOther = true;
      }
    }
    if (!needsReorder) return;
    const order: number[] = [];
    for (let i = start; i < end; i++) if (this.marks[i] === leafDepth) order.push(i);
    for (let i = start; i < end; i++) if (this.marks[i] !== leafDepth) order.push(i);
    const paths = order.map((i) => this.paths[i] as string);
    const types = order.map((i) => this.types[i] as Annotation);
    const marks = order.map((i) => this.marks[i] as number);
    this.paths.splice(start, end - start, ...paths);
    this.types.splice(start, end - start, ...types);
    // Within the parent these are all nested paths now: none is a leaf of the parent.
    this.marks.splice(start, end - start, ...marks);
  }
}

/** The walk of `value`, or undefined when only superjson can serialise it. */
function walk(value: unknown): { walk: Walk; json: unknown } | undefined {
  if (superjsonIsCustomised()) return undefined;
  const state = new Walk();
  try {
    return { walk: state, json: state.visit(value, 0) };
  } catch (error) {
    if (error === FALL_BACK) return undefined;
    throw error;
  }
}

/** `superjson.serialize(value)`, deep-equal, without superjson for the shapes plinth returns. */
export function serializeOutput(value: unknown): SuperJSONResult {
  const walked = walk(value);
  if (walked === undefined) return superjson.serialize(value);
  const { walk: state, json } = walked;
  const root = state.leaf;
  if (root !== undefined) return { json, meta: { values: [root], v: 1 } } as SuperJSONResult;
  if (state.paths.length === 0) return { json } as SuperJSONResult;
  // Inserted in superjson's order; JavaScript then lists index keys first here as it does in superjson's object.
  const values: Record<string, [Annotation]> = {};
  for (let i = 0; i < state.paths.length; i++)
    values[state.paths[i] as string] = [state.types[i] as Annotation];
  return { json, meta: { values, v: 1 } } as SuperJSONResult;
}

/**
 * `JSON.stringify(superjson.serialize(value))`, byte for byte. The annotations are written as text rather than
 * gathered in an object first (an object keyed by fresh path strings is slow to build); `collect` has already put
 * them in the order that object would list them.
 */
export function stringifyOutput(value: unknown): string {
  const walked = walk(value);
  if (walked === undefined) return JSON.stringify(superjson.serialize(value));
  const { walk: state, json } = walked;
  const root = state.leaf;
  if (root !== undefined) return `{"json":${JSON.stringify(json)},"meta":{"values":["${root}"],"v":1}}`;
  const { paths, types } = state;
  if (paths.length === 0) return `{"json":${JSON.stringify(json)}}`;
  let values = "";
  for (let i = 0; i < paths.length; i++) {
    values += `${i === 0 ? "" : ","}${JSON.stringify(paths[i])}:["${types[i]}"]`;
  }
  return `{"json":${JSON.stringify(json)},"meta":{"values":{${values}},"v":1}}`;
}
