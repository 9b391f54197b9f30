import type { CombinedDataTransformer } from "@trpc/server";
import superjson from "superjson";
import { serializeOutput, stringifyOutput } from "./transformer-output.ts";

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Objects superjson builds for JSON objects; a Date, Map or class instance at the same path is left alone. */
const isPlainObject = (value: unknown): value is JsonObject => {
  if (!isObject(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/**
 * superjson copies its input with copy-anything, which skips a `__proto__` key (right: assigning it would set the
 * copy's prototype), so `{"email": "…", "__proto__": {…}}` arrived as if the key had never been sent, and strict
 * inputs accepted it. This puts such keys back as plain own properties, so zod's strict objects refuse them like
 * any unknown key, with VALIDATION_FAILED and the key's path.
 */
function restoreProtoKeys(raw: unknown, value: unknown): void {
  if (Array.isArray(raw)) {
    if (Array.isArray(value)) for (const [i, item] of raw.entries()) restoreProtoKeys(item, value[i]);
    return;
  }
  if (!isObject(raw) || !isPlainObject(value)) return;
  for (const key of Object.keys(raw)) {
    if (key === "__proto__") {
      Object.defineProperty(value, key, {
        value: raw[key],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else if (Object.hasOwn(value, key)) {
      restoreProtoKeys(raw[key], value[key]);
    }
  }
}

/**
 * A transformer whose outputs can also be written straight to a JSON string: `output.stringify(value)` is
 * `JSON.stringify(output.serialize(value))`, and the HTTP adapter uses it to skip building the envelope twice.
 */
export type StringifyingTransformer = CombinedDataTransformer & {
  output: { stringify: (value: unknown) => string };
};

/**
 * superjson both ways, with inputs deserialised so that no key the client sent goes missing, and outputs
 * serialised in one cheap walk (transformer-output.ts; same bytes as superjson).
 */
export const transformer: StringifyingTransformer = {
  input: {
    serialize: (value) => superjson.serialize(value),
    deserialize: (payload) => {
      const value = superjson.deserialize(payload);
      if (isObject(payload)) restoreProtoKeys(payload.json, value);
      return value;
    },
  },
  output: {
    serialize: serializeOutput,
    stringify: stringifyOutput,
    deserialize: (payload) => superjson.deserialize(payload),
  },
};
