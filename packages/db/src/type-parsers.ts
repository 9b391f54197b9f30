import pg from "pg";
import { parseTimestamptz } from "./timestamptz.ts";

// OIDs from pg_type. Both drivers go through node-postgres, so one table of parsers serves both.
const INT8 = 20;
const DATE = 1082;
const TIMESTAMPTZ = 1184;

/**
 * int8 (and so `count(*)`) becomes a `number`, but never silently loses precision: a value outside the safe
 * integer range is an error, not a rounded number. `date` stays a 'YYYY-MM-DD' string, because turning it into a
 * `Date` at local midnight shifts the day in any zone west of UTC. timestamptz → Date is node-postgres' result,
 * read by plinth's own parser (timestamptz.ts: the same Dates without its regular expressions); numeric → string
 * is node-postgres' default, kept on purpose (numeric must not lose precision either).
 */
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`int8 value ${value} is outside the safe integer range; select it as text`);
  }
  return n;
}

export const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8) return parseInt8;
    if (oid === DATE) return (value: string) => value;
    if (oid === TIMESTAMPTZ && format !== "binary") return parseTimestamptz;
    return format === "binary" ? pg.types.getTypeParser(oid, "binary") : pg.types.getTypeParser(oid, "text");
  }) as pg.CustomTypesConfig["getTypeParser"],
};
