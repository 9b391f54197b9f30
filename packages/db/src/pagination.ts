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
