import pg from "pg";

const TIMESTAMPTZ = 1184;

/** node-postgres' own parser (postgres-date): the fallback for every text the fast path does not take. */
const general = pg.types.getTypeParser(TIMESTAMPTZ, "text") as (value: string) => Date | number | null;

const digit = (value: string, i: number): number => {
  const d = value.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
};

/** Two digits at `i` as a number, or -1. */
const two = (value: string, i: number): number => {
  const a = digit(value, i);
  const b = digit(value, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
};

/**
 * timestamptz text → Date without regular expressions.
 *
 * node-postgres parses every timestamptz with three regular expressions and their match arrays: in a W2 request
 * (a page of 20 users) those were the largest single allocation, ahead of the answer itself (docs/decisions/
 * 028-timestamptz-parser.md). PostgreSQL writes timestamptz in one shape under the ISO DateStyle that both engines
 * use: `YYYY-MM-DD HH:MM:SS[.f{1,6}]±HH[:MM[:SS]]`. That shape is read here by position; anything else (years
 * before 100 or after 9999, BC, infinity, another DateStyle) goes to postgres-date, so the result is always the
 * one node-postgres gives (type-parsers.test.ts compares them).
 */
export function parseTimestamptz(value: string): Date | number | null {
  const n = value.length;
  if (n < 22 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45 || value.charCodeAt(10) !== 32)
    return general(value);
  if (value.charCodeAt(13) !== 58 || value.charCodeAt(16) !== 58) return general(value);
  const century = two(value, 0);
  const yy = two(value, 2);
  const month = two(value, 5);
  const day = two(value, 8);
  const hour = two(value, 11);
  const minute = two(value, 14);
  const second = two(value, 17);
  // Date.UTC reads years 0 to 99 as 1900 to 1999; postgres-date corrects that, so leave them to it.
  if (century < 1 || yy < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0)
    return general(value);
  let i = 19;
  let ms = 0;
  if (value.charCodeAt(i) === 46) {
    // One to six fraction digits; the milliseconds are the first three (postgres-date truncates the same way).
    i++;
    let digits = 0;
    while (i < n && digits < 6) {
      const d = digit(value, i);
      if (d < 0) break;
      if (digits < 3) ms = ms * 10 + d;
      digits++;
      i++;
    }
    if (digits === 0) return general(value);
    for (let k = digits; k < 3; k++) ms *= 10;
  }
  const sign = value.charCodeAt(i);
  if (sign !== 43 && sign !== 45) return general(value);
  const offsetHours = two(value, i + 1);
  if (offsetHours < 0) return general(value);
  i += 3;
  let offsetSeconds = offsetHours * 3600;
  for (let part = 0; part < 2 && i < n; part++) {
    const more = two(value, i + 1);
    if (value.charCodeAt(i) !== 58 || more < 0) return general(value);
    offsetSeconds += part === 0 ? more * 60 : more;
    i += 3;
  }
  if (i !== n) return general(value);
  const utc = Date.UTC(century * 100 + yy, month - 1, day, hour, minute, second, ms);
  return new Date(sign === 43 ? utc - offsetSeconds * 1000 : utc + offsetSeconds * 1000);
}
