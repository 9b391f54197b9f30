import superjson from "superjson";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Gen, pick, seededRandom } from "../testing/seeded-random.ts";
import { transformer } from "./transformer.ts";
import { serializeOutput, stringifyOutput } from "./transformer-output.ts";

// Keys that exercise superjson's path escaping and JavaScript's key order (array indexes come first).
const KEYS = [
  "id",
  "name",
  "createdAt",
  "a.b",
  "a\\b",
  "a\\.b",
  ".",
  "\\",
  "..",
  "",
  "0",
  "1",
  "2",
  "10",
  "01",
  "-1",
  "1.5",
  "4294967294",
  "4294967295",
  "ünïcödé",
  "😀.x",
  "items",
];
const STRINGS = [
  "",
  "plain",
  'quote " and \\ backslash',
  "line\nbreak\ttab\u0000",
  "ünïcödé 😀",
  "\ud800 lone",
  "a.b",
];
const NUMBERS = [
  0,
  1,
  -1,
  42,
  3.5,
  -2.25,
  1e21,
  1e-7,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_VALUE,
  2 ** 53 + 2,
];
const DATES = [0, 1_700_000_000_123, -1, -62_198_755_200_000, 253_402_300_800_000, 8.64e15 - 1000];

/** Only the shapes the fast path serialises itself: no value in it should reach superjson. */
function plainValue(rand: Gen, depth: number): unknown {
  const roll = rand();
  if (depth > 0 && roll < 0.3) {
    const length = Math.floor(rand() * 5);
    return Array.from({ length }, () => plainValue(rand, depth - 1));
  }
  if (depth > 0 && roll < 0.6) {
    const object: Record<string, unknown> = rand() < 0.1 ? Object.create(null) : {};
    const size = Math.floor(rand() * 6);
    for (let i = 0; i < size; i++) object[pick(rand, KEYS)] = plainValue(rand, depth - 1);
    return object;
  }
  const leaf = rand();
  if (leaf < 0.25) return new Date(pick(rand, DATES) + Math.floor(rand() * 1000));
  if (leaf < 0.4) return undefined;
  if (leaf < 0.5) return null;
  if (leaf < 0.6) return rand() < 0.5;
  if (leaf < 0.8) return pick(rand, STRINGS);
  return pick(rand, NUMBERS);
}

/** Plain shapes mixed with everything superjson treats specially, which must go to superjson. */
function anyValue(rand: Gen, depth: number): unknown {
  if (rand() < 0.12) {
    const shared = new Date(5);
    return pick(rand, [
      () => new Map([["k", new Date(1)]]),
      () => new Set([1, undefined]),
      () => 10n,
      () => /a.b/gi,
      () => new Error("boom"),
      () => Number.NaN,
      () => Number.POSITIVE_INFINITY,
      () => -0,
      () => new Date(Number.NaN),
      () => new URL("https://example.com/x"),
      () => new Uint8Array([1, 2]),
      () =>
        new (class Thing {
          x = 1;
        })(),
      () => ({ first: shared, second: shared }),
      () => [shared, { again: shared }],
      // biome-ignore lint/suspicious/noSparseArray: a hole is one of the cases under test
      () => [1, , 3],
    ])();
  }
  const roll = rand();
  if (depth > 0 && roll < 0.3) {
    return Array.from({ length: Math.floor(rand() * 4) }, () => anyValue(rand, depth - 1));
  }
  if (depth > 0 && roll < 0.6) {
    const object: Record<string, unknown> = {};
    const size = Math.floor(rand() * 5);
    for (let i = 0; i < size; i++) object[pick(rand, KEYS)] = anyValue(rand, depth - 1);
    return object;
  }
  return plainValue(rand, 0);
}

/**
 * The contract: the same bytes as superjson and the same object; for the shapes plinth returns, superjson also
 * reads the bytes back as the input (with every Date a Date).
 */
function expectSuperjsonEquivalent(value: unknown, { roundTrips = true } = {}): void {
  const expected = superjson.serialize(value);
  const text = stringifyOutput(value);
  expect(text).toBe(JSON.stringify(expected));
  expect(JSON.stringify(serializeOutput(value))).toBe(JSON.stringify(expected));
  expect(serializeOutput(value)).toEqual(expected);
  if (roundTrips) expect(superjson.deserialize(JSON.parse(text))).toStrictEqual(normalise(value));
}

/** The input as superjson rebuilds it: objects with Object's prototype (toStrictEqual compares prototypes). */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value !== "object" || value === null || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalise(item)]));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("superjson-compatible outputs", () => {
  it.each([
    ["a string", "hello"],
    ["a number", 42],
    ["null", null],
    ["a boolean", false],
    ["undefined at the root", undefined],
    ["a Date at the root", new Date(1_700_000_000_000)],
    ["an empty object", {}],
    ["an empty array", []],
    ["a page of rows", { items: [{ id: "1", createdAt: new Date(1) }], nextCursor: null }],
    ["undefined in an object", { a: undefined, b: 1 }],
    ["undefined in an array", [undefined, 1, undefined]],
    ["keys needing escapes", { "a.b": { "c\\d": new Date(2) }, "": { "": new Date(3) } }],
    // superjson's annotations object lists "1" before "0.d": JavaScript orders index keys first.
    ["an index leaf after a nested path", [{ d: new Date(1) }, new Date(2)]],
    ["the same, one level down", { list: [{ d: new Date(1) }, new Date(2), { e: undefined }, undefined] }],
    ["an index key in an object", { b: { c: new Date(1) }, 7: new Date(2), x: new Date(3) }],
    ["a non-index numeric key", { b: { c: new Date(1) }, "4294967295": new Date(2), "01": new Date(3) }],
    ["a null-prototype object", Object.assign(Object.create(null), { at: new Date(4) })],
    ["a far-future Date", { at: new Date(8.64e15) }],
    ["a pre-epoch Date", [new Date(-62_198_755_200_000)]],
    ["unicode and a lone surrogate", { "ü😀": "\ud800", s: "é" }],
  ])("%s", (_name, value) => {
    expectSuperjsonEquivalent(value);
  });

  it("writes every Date as toISOString does, across the four-digit years and beyond", () => {
    const rand = seededRandom(42);
    const edges = [
      0, -1, 1, 951_782_400_000, 951_868_799_999, 4_107_542_400_000, -2_203_891_200_000, -62_167_219_200_000,
      -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000, 8.64e15, -8.64e15, 1_709_164_800_000,
    ];
    const times = [
      ...edges,
      ...Array.from({ length: 20_000 }, () => Math.floor((rand() * 2 - 1) * 8.64e15)),
      ...Array.from({ length: 20_000 }, () => Math.floor(-62_167_219_200_000 + rand() * 315_569_520_000_000)),
    ];
    // One value per time, so the formatter's cached day changes as often as possible.
    for (const time of times) {
      const date = new Date(time);
      expect(stringifyOutput(date)).toBe(`{"json":"${date.toISOString()}","meta":{"values":["Date"],"v":1}}`);
    }
  });

  it("reads back undefined properties as present and undefined", () => {
    const back = superjson.deserialize<Record<string, unknown>>(
      JSON.parse(stringifyOutput({ gone: undefined })),
    );
    expect("gone" in back).toBe(true);
    expect(back.gone).toBeUndefined();
  });

  it("delivers Dates as Dates", () => {
    const back = superjson.deserialize<{ at: Date }>(JSON.parse(stringifyOutput({ at: new Date(1234) })));
    expect(back.at).toBeInstanceOf(Date);
    expect(back.at.getTime()).toBe(1234);
  });

  it("never calls superjson for the shapes plinth returns (seeded, 3000 values)", () => {
    const rand = seededRandom(9);
    const spy = vi.spyOn(superjson, "serialize");
    const values = Array.from({ length: 3000 }, () => plainValue(rand, 4));
    const ours = values.map((value) => stringifyOutput(value));
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    for (const [i, value] of values.entries())
      expect(ours[i]).toBe(JSON.stringify(superjson.serialize(value)));
  });

  it.each([1, 2, 3, 4, 5])("matches superjson on generated plain values (seed %i)", (seed) => {
    const rand = seededRandom(seed);
    for (let i = 0; i < 600; i++) expectSuperjsonEquivalent(plainValue(rand, 5));
  });

  it.each([11, 12, 13])("matches superjson when special values are mixed in (seed %i)", (seed) => {
    const rand = seededRandom(seed);
    for (let i = 0; i < 600; i++) expectSuperjsonEquivalent(anyValue(rand, 4), { roundTrips: false });
  });

  it.each([
    ["a Map", { m: new Map([[1, new Date(0)]]) }],
    ["a Set", [new Set(["a"])]],
    ["a BigInt", { n: 1n }],
    ["a RegExp", { r: /x/ }],
    ["an Error", { e: new Error("no") }],
    [
      "a class instance",
      {
        c: new (class Point {
          x = 1;
        })(),
      },
    ],
    ["NaN", { n: Number.NaN }],
    ["-Infinity", [Number.NEGATIVE_INFINITY]],
    ["-0", { z: -0 }],
    ["an invalid Date", { d: new Date("nope") }],
    ["a Date subclass", { d: new (class Day extends Date {})(0) }],
    ["a Date with its own toISOString", { d: Object.assign(new Date(0), { toISOString: () => "then" }) }],
    [
      "a shared Date",
      (() => {
        const at = new Date(0);
        return { createdAt: at, updatedAt: at };
      })(),
    ],
    [
      "a shared object",
      (() => {
        const o = { x: 1 };
        return [o, o];
      })(),
    ],
    [
      "a cycle",
      (() => {
        const o: Record<string, unknown> = { x: 1 };
        o.self = o;
        return o;
      })(),
    ],
    // biome-ignore lint/suspicious/noSparseArray: a hole is the case under test
    ["a sparse array", [1, , new Date(0)]],
    ["an array with an extra property", Object.assign([new Date(0)], { extra: undefined })],
    ["a function", { f: () => 1 }],
    ["a symbol", { s: Symbol("s") }],
  ])("hands %s to superjson", (_name, value: unknown) => {
    const spy = vi.spyOn(superjson, "serialize");
    const text = stringifyOutput(value);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    expect(text).toBe(JSON.stringify(superjson.serialize(value)));
    expect(JSON.stringify(serializeOutput(value))).toBe(text);
  });

  it("lets superjson refuse prototype-polluting keys, as before", () => {
    const value = JSON.parse('{"ok":{"__proto__":{"admin":true}}}');
    expect(() => superjson.serialize(value)).toThrow(/prototype pollution/);
    expect(() => stringifyOutput(value)).toThrow(/prototype pollution/);
    expect(() => serializeOutput({ constructor: 1 })).toThrow(/prototype pollution/);
  });

  it("defers to superjson once a custom transformer is registered on its default instance", () => {
    const instance = (
      superjson as unknown as {
        defaultInstance: { customTransformerRegistry: { transfomers: Record<string, unknown> } };
      }
    ).defaultInstance;
    superjson.registerCustom<string, string>(
      { isApplicable: (v): v is string => v === "secret", serialize: () => "***", deserialize: (v) => v },
      "redact",
    );
    try {
      const value = { s: "secret", at: new Date(0) };
      expect(stringifyOutput(value)).toBe(JSON.stringify(superjson.serialize(value)));
      expect(stringifyOutput(value)).toContain("***");
    } finally {
      delete instance.customTransformerRegistry.transfomers.redact;
    }
    expect(stringifyOutput({ s: "secret" })).toBe('{"json":{"s":"secret"}}');
  });

  it("is what the tRPC transformer uses for outputs", () => {
    const value = { at: new Date(0), gone: undefined };
    expect(transformer.output.stringify(value)).toBe(JSON.stringify(superjson.serialize(value)));
    expect(transformer.output.serialize(value)).toEqual(superjson.serialize(value));
  });
});
