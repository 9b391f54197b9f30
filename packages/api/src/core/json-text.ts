/**
 * `JSON.stringify(value)` for answers in plain JSON (the REST adapter), with Dates written by `isoString`.
 *
 * V8's JSON.stringify meets a Date as an object with a `toJSON` method and calls it through the runtime: about a
 * microsecond per Date, which made a REST row answer several microseconds dearer than the same row over tRPC
 * (docs/decisions/030-rest-json-dates.md). A walk first replaces each Date in plain objects and arrays by its ISO
 * string, copying only the objects and arrays on the way to a Date, and the native JSON.stringify writes the rest.
 * Whatever the walk does not know (a class instance, an object with its own `toJSON`, a Date whose `toJSON` is
 * not the built-in one, an invalid Date) is left for JSON.stringify to treat as it always does, so the text is
 * the same; json-text.test.ts checks that on generated values.
 */
import { isoString } from "./iso-string.ts";

const nativeDateToJSON = Date.prototype.toJSON;
const objectProto = Object.prototype;
/** Deeper than any answer plinth writes; past it, JSON.stringify sees the value as it is (and finds any cycle). */
const MAX_DEPTH = 64;

/** The value with its Dates as ISO strings, or the value itself when it holds none. */
function withoutDates(value: unknown, depth: number): unknown {
  if (typeof value !== "object" || value === null || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const replaced = withoutDates(item, depth + 1);
      if (replaced !== item) {
        copy ??= value.slice();
        copy[i] = replaced;
      }
    }
    return copy ?? value;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto === Date.prototype) {
    const date = value as Date;
    const time = date.getTime();
    // toJSON writes null for an invalid Date; an overridden toJSON or toISOString is the Date's own business.
    if (
      date.toJSON !== nativeDateToJSON ||
      date.toISOString !== Date.prototype.toISOString ||
      Number.isNaN(time)
    ) {
      return value;
    }
    return isoString(date, time);
  }
  if (proto !== objectProto && proto !== null) return value;
  const object = value as Record<string, unknown>;
  if ("toJSON" in object) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key in object) {
    // JSON.stringify reads own keys only. (An own "__proto__" key stays a key: the spread copy has it as its own.)
    if (!Object.hasOwn(object, key)) continue;
    const field = object[key];
    const replaced = withoutDates(field, depth + 1);
    if (replaced !== field) {
      // A copy keeps the keys in their order; only own enumerable string keys matter to JSON.stringify.
      copy ??= { ...object };
      copy[key] = replaced;
    }
  }
  return copy ?? value;
}

/** The JSON text of `value`, exactly as `JSON.stringify(value)` writes it. */
export function jsonText(value: unknown): string | undefined {
  return JSON.stringify(withoutDates(value, 0));
}
