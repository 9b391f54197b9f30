import { z } from "zod";

/**
 * Shared building blocks for every string a procedure accepts. Routers use these, never a bare `z.string()`:
 * `router/inputs.test.ts` walks the router and sends NUL and lone surrogates to every string field.
 */

export const UNSAFE_TEXT_MESSAGE = "Text must not contain NUL or unpaired surrogate characters";

/**
 * PostgreSQL text cannot hold U+0000 (the query fails: a 500), and a lone UTF-16 surrogate has no UTF-8 form
 * (the driver silently stores U+FFFD instead). Neither is ever meaningful input, so both are refused up front.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isSafeText = (value: string) => !value.includes("\u0000") && !LONE_SURROGATE.test(value);

/**
 * A string input: at most `max` UTF-16 units (every string is bounded), optionally trimmed first and with a
 * minimum, and free of NUL and unpaired surrogates. Chain further checks (`.regex`, `.pipe`) onto the result.
 */
export function text(opts: { max: number; min?: number; minError?: string; trim?: boolean }) {
  let schema = z.string();
  if (opts.trim) schema = schema.trim();
  if (opts.min !== undefined)
    schema = schema.min(opts.min, opts.minError === undefined ? undefined : { error: opts.minError });
  return schema.max(opts.max).refine(isSafeText, { error: UNSAFE_TEXT_MESSAGE });
}

/** Trimmed, syntactically valid, at most 254 characters (RFC 5321's path limit). */
export const emailInput = text({ max: 254, trim: true }).pipe(
  z.email({ error: "Enter a valid email address" }),
);
/** New passwords: the length policy in code points is checked by `checkPassword`; this only bounds the payload. */
export const newPasswordInput = text({ max: 1024 });
/** Existing passwords are checked exactly as received. */
export const passwordInput = text({ min: 1, max: 1024 });
export const nameInput = text({ trim: true, min: 1, minError: "Enter a name", max: 200 });
/** Single-use tokens are 52 base32 characters; anything far off is rejected before a query. */
export const tokenInput = text({ min: 16, max: 128 });
/**
 * The version of a row as the caller read it (optimistic concurrency): a write based on one that has moved since is
 * refused with STALE_WRITE instead of applied. Each input describes what it guards.
 */
export const versionInput = z.number().int().min(1);
/** Opaque keyset cursors handed out by a list procedure. */
export const cursorInput = text({ max: 200 });
/** Browsers get an HttpOnly cookie; API clients ask for the token in the response and send it as a Bearer. */
export const sessionTransportInput = z.enum(["cookie", "bearer"]).default("cookie");
