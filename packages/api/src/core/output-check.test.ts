import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { appRouter } from "../root.ts";
import { checked, isWalkable, outputSchema } from "./output-check.ts";
import { stringifyOutput } from "./transformer-output.ts";

/**
 * `checked(schema)` must answer exactly what `schema.parse` answers (the same value, the same bytes on the wire,
 * the same error), and must answer the value itself only when zod's copy would equal it. These tests generate
 * values for every output schema of the app router, break them in the ways a service could, and compare.
 */

type Schema = z.core.$ZodType;

/** A small deterministic PRNG, so a failure names a seed that reproduces it. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

const uuidOf = (n: number) => `0000${String(n).padStart(4, "0")}-0000-4000-8000-000000000000`;

/** A value `schema` accepts, or undefined when this generator does not know the kind. */
function generate(schema: Schema, rnd: () => number, depth = 0): { value: unknown } | undefined {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  const checks = (def.checks ?? []) as z.core.$ZodCheck[];
  switch (def.type) {
    case "string": {
      const format = def.format as string | undefined;
      if (format === "uuid" || format === "guid") return { value: uuidOf(Math.floor(rnd() * 9999)) };
      if (format === "date") return { value: "2026-02-28" };
      if (format === "email") return { value: "someone@example.com" };
      if (format !== undefined) return undefined;
      let min = 0;
      let max = 12;
      for (const check of checks) {
        const c = check._zod.def as { check: string; minimum?: number; maximum?: number };
        if (c.check === "min_length") min = c.minimum ?? 0;
        else if (c.check === "max_length") max = c.maximum ?? max;
        else return undefined;
      }
      const length = Math.min(max, min + Math.floor(rnd() * 6));
      return { value: 'ab"c\\d é\n'.repeat(length).slice(0, length) };
    }
    case "number": {
      let low = -1000;
      let high = 1000;
      let int = false;
      for (const check of checks) {
        const c = check._zod.def as { check: string; value?: number; inclusive?: boolean; format?: string };
        if (c.check === "greater_than") low = (c.value ?? 0) + (c.inclusive ? 0 : 1);
        else if (c.check === "less_than") high = (c.value ?? 0) - (c.inclusive ? 0 : 1);
        else if (c.check === "number_format") int = true;
        else return undefined;
      }
      const n = low + rnd() * (high - low);
      return { value: int ? Math.floor(n) : n };
    }
    case "boolean":
      return { value: rnd() < 0.5 };
    case "null":
      return { value: null };
    case "undefined":
    case "void":
      return { value: undefined };
    case "date":
      return { value: new Date(Date.UTC(2026, 0, 1) + Math.floor(rnd() * 1e10)) };
    case "literal":
    case "enum": {
      const values = [...(schema._zod.values ?? [])];
      return { value: values[Math.floor(rnd() * values.length)] };
    }
    case "nullable":
      return rnd() < 0.3 ? { value: null } : generate(def.innerType as Schema, rnd, depth);
    case "optional":
      return rnd() < 0.3 ? { value: undefined } : generate(def.innerType as Schema, rnd, depth);
    case "array": {
      const items: unknown[] = [];
      const count = depth > 2 ? 0 : Math.floor(rnd() * 4);
      for (let i = 0; i < count; i++) {
        const item = generate(def.element as Schema, rnd, depth + 1);
        if (item === undefined) return undefined;
        items.push(item.value);
      }
      return { value: items };
    }
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(def.shape as Record<string, Schema>)) {
        if (field._zod.optin === "optional" && rnd() < 0.3) continue;
        const value = generate(field, rnd, depth + 1);
        if (value === undefined) return undefined;
        out[key] = value.value;
      }
      return { value: out };
    }
    default:
      return undefined;
  }
}

/** Every object and array inside `value`, with a way to replace it in its parent. */
function containers(value: unknown): object[] {
  const found: object[] = [];
  const visit = (v: unknown) => {
    if (typeof v !== "object" || v === null || v instanceof Date) return;
    found.push(v);
    for (const child of Object.values(v)) visit(child);
  };
  visit(value);
  return found;
}

class Row {
  id = "x";
}

const wrongLeaves: unknown[] = [
  "not-a-uuid",
  "",
  1.5,
  -1,
  0,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  null,
  undefined,
  true,
  new Date(Number.NaN),
  new Date(0),
  "2026-02-30",
  { nested: 1 },
  [],
  Number.MAX_SAFE_INTEGER + 2,
];

/** `value` broken in one way a service could break it (a deep copy is changed; the original stays valid). */
function mutate(value: unknown, rnd: () => number): unknown {
  const copy = structuredClone(value);
  const targets = containers(copy);
  if (targets.length === 0) return wrongLeaves[Math.floor(rnd() * wrongLeaves.length)];
  const target = targets[Math.floor(rnd() * targets.length)] as Record<string, unknown>;
  const keys = Object.keys(target);
  const key = keys[Math.floor(rnd() * keys.length)];
  switch (Math.floor(rnd() * 7)) {
    case 0:
      target.passwordHash = "secret"; // a field the schema does not name
      break;
    case 1:
      if (key !== undefined) delete target[key];
      break;
    case 2:
      // the same fields in another order: zod's copy would list them in the schema's order
      if (keys.length > 1 && !Array.isArray(target)) {
        const first = keys[0] as string;
        const moved = target[first];
        delete target[first];
        target[first] = moved;
      }
      break;
    case 3:
      if (key !== undefined) target[key] = wrongLeaves[Math.floor(rnd() * wrongLeaves.length)];
      break;
    case 4:
      if (key !== undefined && !Array.isArray(target)) target[key] = Object.assign(new Row(), target[key]);
      break;
    case 5:
      if (Array.isArray(target)) {
        target.length += 1; // a hole
      } else if (key !== undefined) target[key] = Object.assign(Object.create(null), { id: target[key] });
      break;
    default:
      if (key !== undefined) target[key] = undefined;
  }
  return copy;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function run(fn: () => unknown): Outcome {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** checked() against zod on one value: the same answer, the same bytes, the same issues. */
function compare(schema: z.ZodType, value: unknown, label: string) {
  const byZod = run(() => schema.parse(value));
  const byCheck = run(() => checked(schema)(value));
  if (byZod.ok) {
    expect(byCheck.ok, `${label}: zod accepted it`).toBe(true);
    const answer = (byCheck as { value: unknown }).value;
    expect(isDeepStrictEqual(answer, byZod.value), `${label}: the same value`).toBe(true);
    expect(stringifyOutput(answer), `${label}: the same wire bytes`).toBe(stringifyOutput(byZod.value));
  } else {
    expect(byCheck.ok, `${label}: zod refused it`).toBe(false);
    const error = (byCheck as { error: unknown }).error;
    expect(error).toBeInstanceOf(z.ZodError);
    expect((error as z.ZodError).issues).toEqual((byZod.error as z.ZodError).issues);
  }
}

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { output?: unknown } }>;
const outputs = Object.entries(procedures).map(([path, procedure]) => ({
  path,
  schema: outputSchema(procedure._def.output),
}));

/** Outputs that zod alone checks (a union, a record inside): they pay zod's parse, nothing else changes. */
const zodOnly = new Set(["auth.resendVerification", "organizations.activity"]);

describe("checked outputs", () => {
  it("every procedure declares its output with checked(), and all but the known few take the walk", () => {
    for (const { path, schema } of outputs) {
      expect(schema, `${path} declares a zod output`).toBeInstanceOf(z.ZodType);
      const procedure = procedures[path] as { _def: { output?: unknown } };
      expect(typeof procedure._def.output, `${path}: .output(checked(schema))`).toBe("function");
      if (schema) expect(isWalkable(schema), path).toBe(!zodOnly.has(path));
    }
  });

  it("answers what zod answers for every output schema, on valid values and on broken ones", () => {
    let exact = 0;
    let compared = 0;
    for (const { path, schema } of outputs) {
      if (!schema || zodOnly.has(path)) continue;
      for (let seed = 1; seed <= 40; seed++) {
        const rnd = random(seed * 7919 + path.length);
        const generated = generate(schema, rnd);
        if (generated === undefined) continue;
        const label = `${path} seed ${seed}`;
        // A value the generator built in the schema's order is the value itself: the walk must take it.
        const answer = checked(schema)(generated.value);
        expect(answer, `${label}: answered without a copy`).toBe(generated.value);
        exact++;
        compare(schema, generated.value, label);
        for (let m = 0; m < 6; m++) compare(schema, mutate(generated.value, rnd), `${label} mutation ${m}`);
        compared += 7;
      }
    }
    // The generator knows every kind plinth's outputs use; if it stopped knowing one, this test would thin out.
    expect(exact).toBeGreaterThan(1500);
    expect(compared).toBeGreaterThan(10_000);
  });

  it("copies through zod what it cannot answer as is, and refuses what zod refuses", () => {
    const schema = z.strictObject({ id: z.uuid(), at: z.date(), tags: z.array(z.string().max(3)) });
    const at = new Date(0);
    const value = { id: uuidOf(1), at, tags: ["a"] };
    expect(checked(schema)(value)).toBe(value);
    // The schema's order: zod's copy, in that order.
    const reordered = { at, id: uuidOf(1), tags: ["a"] };
    const answer = checked(schema)(reordered);
    expect(answer).not.toBe(reordered);
    expect(Object.keys(answer as object)).toEqual(["id", "at", "tags"]);
    // A stripping object drops the extra key (zod's copy); a strict one refuses it.
    const loose = z.object({ id: z.uuid() });
    expect(checked(loose)({ id: uuidOf(2), secret: 1 })).toEqual({ id: uuidOf(2) });
    expect(() => checked(schema)({ ...value, secret: 1 })).toThrow(z.ZodError);
    // Leaf checks are zod's own: code points, not UTF-16 units.
    expect(checked(schema)({ ...value, tags: ["😀😀😀"] })).toEqual({ ...value, tags: ["😀😀😀"] });
    expect(() => checked(schema)({ ...value, tags: ["abcd"] })).toThrow(z.ZodError);
  });

  it("falls back to zod for kinds that transform, and to parseAsync for an async schema", async () => {
    const defaulted = z.strictObject({ n: z.number().default(3) });
    expect(isWalkable(defaulted)).toBe(false);
    expect(checked(defaulted)({})).toEqual({ n: 3 });
    const trimmed = z.strictObject({ s: z.string().trim() });
    expect(isWalkable(trimmed)).toBe(false);
    expect(checked(trimmed)({ s: " a " })).toEqual({ s: "a" });
    const asyncRefined = z.strictObject({ s: z.string().refine(async (s) => s.length > 1) });
    await expect(checked(asyncRefined)({ s: "ab" })).resolves.toEqual({ s: "ab" });
    await expect(checked(asyncRefined)({ s: "a" })).rejects.toThrow(z.ZodError);
  });

  it("treats a recursive schema as zod only", () => {
    const node: z.ZodType = z.strictObject({
      name: z.string(),
      get children() {
        return z.array(node);
      },
    });
    const tree = { name: "a", children: [{ name: "b", children: [] }] };
    expect(checked(node)(tree)).toEqual(tree);
  });
});
