import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { canonicalJson, parseIdempotencyKey, requestFingerprint } from "./request-fingerprint.ts";

const codeOf = (f: () => unknown) => {
  try {
    f();
    return "accepted";
  } catch (error) {
    return error instanceof AppError ? `${error.appCode}/${error.code}` : String(error);
  }
};

describe("parseIdempotencyKey", () => {
  it("takes 1..255 printable ASCII characters and no header as no key", () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(parseIdempotencyKey("a")).toBe("a");
    expect(parseIdempotencyKey("x".repeat(255))).toBe("x".repeat(255));
    expect(parseIdempotencyKey(" ~!{}")).toBe(" ~!{}");
  });

  it.each([
    ["empty", ""],
    ["256 characters", "x".repeat(256)],
    ["a control character", "a\tb"],
    ["DEL", "a\x7f"],
    ["non-ASCII", "clé"],
  ])("refuses %s with INVALID_IDEMPOTENCY_KEY (400)", (_, key) => {
    expect(codeOf(() => parseIdempotencyKey(key))).toBe("INVALID_IDEMPOTENCY_KEY/BAD_REQUEST");
  });
});

describe("requestFingerprint", () => {
  const fp = (body: unknown, method = "POST", path = "/api/v1/organizations") =>
    requestFingerprint({ method, path, body });

  it("ignores object key order at every depth, and nothing else", () => {
    expect(fp({ a: 1, b: { c: 2, d: [1, 2] } })).toBe(fp({ b: { d: [1, 2], c: 2 }, a: 1 }));
    expect(fp({ a: [1, 2] })).not.toBe(fp({ a: [2, 1] }));
    expect(fp({ a: 1 })).not.toBe(fp({ a: "1" }));
    expect(fp({ a: 1 })).not.toBe(fp({ a: 1 }, "POST", "/api/v1/organizations/o2/projects"));
    expect(fp({ a: 1 })).toBe(fp({ a: 1 }, "post"));
    expect(fp(undefined)).not.toBe(fp(null));
    expect(fp({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });

  it("writes JSON the way JSON.stringify would, with sorted keys", () => {
    const when = new Date("2026-11-23T12:00:00.000Z");
    expect(canonicalJson({ z: undefined, y: [undefined, when], x: "é\n" })).toBe(
      '{"x":"é\\n","y":[null,"2026-11-23T12:00:00.000Z"]}',
    );
  });
});
