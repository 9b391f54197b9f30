import { createHash } from "node:crypto";
import { AppError } from "../errors.ts";

/** The longest `Idempotency-Key` accepted (issue 8); a uuid is 36. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/**
 * The `Idempotency-Key` of a request: undefined when the caller sent none (the request simply runs), the key
 * when it is 1..255 printable ASCII characters, and INVALID_IDEMPOTENCY_KEY (400) otherwise. Control characters
 * and non-ASCII are refused rather than normalized, so two keys that print alike are never one key.
 */
export function parseIdempotencyKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (raw.length === 0 || raw.length > MAX_IDEMPOTENCY_KEY_LENGTH || !PRINTABLE_ASCII.test(raw)) {
    const message = `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters`;
    throw new AppError("INVALID_IDEMPOTENCY_KEY", message, {
      details: [{ path: "Idempotency-Key", message }],
    });
  }
  return raw;
}

/**
 * JSON with object keys sorted at every depth, so `{"a":1,"b":2}` and `{"b":2,"a":1}` (the same request, sent by
 * two serializers) fingerprint alike. Arrays keep their order, which means something. Like JSON.stringify, it
 * drops object members whose value is undefined, writes undefined array items as null, and calls `toJSON`
 * (a Date becomes its ISO string).
 */
export function canonicalJson(value: unknown): string {
  if (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { toJSON?: unknown }).toJSON === "function"
  ) {
    return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(",")}}`;
  }
  // A bare undefined (no body) has no JSON form; "" keeps it apart from a body of `null`.
  return JSON.stringify(value) ?? "";
}

/**
 * What a stored answer is bound to: SHA-256 hex of the method, the path (ids included, so one key cannot be
 * replayed for another parent) and the canonical body. A retry must match it to be replayed; another request
 * under the same key is IDEMPOTENCY_KEY_REUSED.
 */
export function requestFingerprint(request: { method: string; path: string; body: unknown }): string {
  return createHash("sha256")
    .update(`${request.method.toUpperCase()} ${request.path}\n${canonicalJson(request.body)}`)
    .digest("hex");
}
