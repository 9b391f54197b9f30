import { z } from "zod";

/**
 * Position in a list ordered by (created_at, id): the last row a page returned. Encoded as an opaque string so
 * callers cannot build one by hand and so the ordering can change without breaking clients' stored cursors.
 */
export interface KeysetCursor {
  createdAt: Date;
  id: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const cursorShape = z.strictObject({ t: z.iso.datetime(), i: z.uuid() });

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.createdAt.toISOString(), i: cursor.id })).toString(
    "base64url",
  );
}

/** Returns null for anything that is not a cursor this module produced. */
export function decodeCursor(value: string): KeysetCursor | null {
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? { createdAt: new Date(parsed.data.t), id: parsed.data.i } : null;
  } catch {
    return null;
  }
}

/** Fetch `limit + 1` rows and pass them here: the extra row only says whether another page exists. */
export function toPage<T extends { created_at: Date; id: string }, R>(
  rows: T[],
  limit: number,
  map: (row: T) => R,
): Page<R> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(map),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}

/** One value of a sort key: a timestamp, a number or a string (a date, an id). */
export type SortKeyValue = Date | number | string;

/**
 * An opaque cursor for any ordering: the ordering's name and the last row's sort key, id last. The name is
 * part of the cursor, so a cursor taken under one sort order is refused under another instead of silently
 * positioning the list somewhere else.
 */
export function encodeSortCursor(sort: string, key: readonly SortKeyValue[]): string {
  const k = key.map((v) => (v instanceof Date ? v.toISOString() : v));
  return Buffer.from(JSON.stringify({ s: sort, k })).toString("base64url");
}

/**
 * The key of a cursor `encodeSortCursor(sort, …)` produced, checked against `shape`; null for anything else
 * (another sort order, bad base64 or JSON, a value of the wrong type or out of range), so a tampered cursor
 * becomes a 400 and never reaches SQL.
 */
export function decodeSortCursor<T>(value: string, sort: string, shape: z.ZodType<T>): T | null {
  try {
    const outer = z
      .strictObject({ s: z.literal(sort), k: z.array(z.unknown()) })
      .safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    if (!outer.success) return null;
    const parsed = shape.safeParse(outer.data.k);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A cursor timestamp: exactly what `toISOString()` wrote, so no rolled-over or out-of-range date gets through. */
export const cursorTimestamp = z
  .string()
  .refine((s) => {
    const d = new Date(s);
    return !Number.isNaN(d.getTime()) && d.toISOString() === s;
  })
  .transform((s) => new Date(s));

/** A cursor calendar date ('YYYY-MM-DD'), checked to be a real day so PostgreSQL never rejects it. */
export const cursorDate = z.string().refine((s) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
});

/** `limit + 1` rows in, a page out, with the cursor built by `key` from the last row shown. */
export function toSortedPage<T, R>(
  rows: T[],
  limit: number,
  key: (row: T) => string,
  map: (row: T) => R,
): Page<R> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(map), nextCursor: rows.length > limit && last ? key(last) : null };
}
