import { describe, expect, it } from "vitest";
import { type Gen, pick, seededRandom } from "../testing/seeded-random.ts";
import { jsonText } from "./json-text.ts";

const KEYS = ["id", "name", "createdAt", "0", "10", "a.b", "", "ünï 😀", "__proto__", "toJSON", "items"];
// Around the epoch, the four-digit years' edges (signed six-digit years outside them) and the last valid time.
const TIMES = [0, 1_700_000_000_123, -1, -62_198_755_200_000, 253_402_300_800_000, 8.64e15 - 1000, -8.64e15];

/** Everything JSON.stringify meets in an answer, and the odd things it must still treat as it always did. */
function value(rand: Gen, depth: number): unknown {
  const roll = rand();
  if (depth > 0 && roll < 0.25) {
    const list = Array.from({ length: Math.floor(rand() * 4) }, () => value(rand, depth - 1));
    // A hole, which JSON.stringify writes as null.
    if (list.length > 1 && rand() < 0.1) delete list[0];
    return list;
  }
  if (depth > 0 && roll < 0.5) {
    const object: Record<string, unknown> = rand() < 0.1 ? Object.create(null) : {};
    for (let i = Math.floor(rand() * 5); i > 0; i--) {
      Object.defineProperty(object, pick(rand, KEYS), {
        value: value(rand, depth - 1),
        enumerable: rand() > 0.05,
        writable: true,
        configurable: true,
      });
    }
    return object;
  }
  return pick(rand, [
    () => new Date(pick(rand, TIMES) + Math.floor(rand() * 1000)),
    () => new Date(Number.NaN),
    () => Object.assign(new Date(3), { toJSON: () => "own toJSON" }),
    () => Object.assign(new Date(4), { toISOString: () => "own toISOString" }),
    () => new (class Stamp extends Date {})(5),
    () => ({ toJSON: () => ({ at: new Date(6) }) }),
    () =>
      new (class Thing {
        at = new Date(7);
      })(),
    () => new Map([["k", new Date(8)]]),
    () => undefined,
    () => null,
    () => rand() < 0.5,
    () => pick(rand, ["", "plain", 'quote " \\', "line\nbreak\u0000", "\ud800 lone"]),
    () => pick(rand, [0, -0, 1.5, -2, 1e21, Number.NaN, Number.POSITIVE_INFINITY]),
  ])();
}

describe("jsonText", () => {
  it("writes exactly what JSON.stringify writes, on generated values", () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const v = value(seededRandom(seed), 4);
      expect(jsonText(v), `seed ${seed}`).toBe(JSON.stringify(v));
    }
  });

  it("writes Dates where answers hold them: fields, list items and nested rows", () => {
    const at = new Date(Date.UTC(2026, 11, 6, 15, 4, 5, 67));
    const answer = { data: [{ id: "a", createdAt: at, owner: { since: at } }], meta: { nextCursor: null } };
    expect(jsonText(answer)).toBe(
      '{"data":[{"id":"a","createdAt":"2026-12-06T15:04:05.067Z","owner":{"since":"2026-12-06T15:04:05.067Z"}}],"meta":{"nextCursor":null}}',
    );
    expect(jsonText(at)).toBe('"2026-12-06T15:04:05.067Z"');
  });

  it("leaves the value it was given untouched", () => {
    const at = new Date(0);
    const row = { at, list: [at] };
    jsonText(row);
    expect(row.at).toBe(at);
    expect(row.list[0]).toBe(at);
  });

  it("fails on a cycle as JSON.stringify does, instead of walking it for ever", () => {
    const row: Record<string, unknown> = { at: new Date(0) };
    row.self = row;
    expect(() => jsonText(row)).toThrow(TypeError);
    expect(() => JSON.stringify(row)).toThrow(TypeError);
  });

  it("keeps an own __proto__ key a key, as JSON.stringify does", () => {
    const row = JSON.parse('{"__proto__":{"at":1},"x":2}') as Record<string, { at: unknown }>;
    // An own data property named __proto__ (as JSON.parse makes it), read as one.
    (Object.getOwnPropertyDescriptor(row, "__proto__")?.value as { at: unknown }).at = new Date(0);
    expect(Object.hasOwn(row, "__proto__")).toBe(true);
    expect(jsonText(row)).toBe('{"__proto__":{"at":"1970-01-01T00:00:00.000Z"},"x":2}');
    expect(jsonText(row)).toBe(JSON.stringify(row));
  });
});
