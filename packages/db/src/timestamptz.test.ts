import pg from "pg";
import { describe, expect, it } from "vitest";
import { parseTimestamptz } from "./timestamptz.ts";

const postgresDate = pg.types.getTypeParser(1184, "text") as (value: string) => Date | number | null;

/** What PostgreSQL writes for `time` (ms since the epoch, UTC) shown at `offsetSeconds` east of UTC. */
function pgText(time: number, offsetSeconds: number, fractionDigits: number, micros: number): string {
  const local = new Date(time + offsetSeconds * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  let text = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  if (fractionDigits > 0) {
    const fraction = pad(local.getUTCMilliseconds(), 3) + pad(micros, 3);
    text += `.${fraction.slice(0, fractionDigits)}`;
  }
  const sign = offsetSeconds < 0 ? "-" : "+";
  const abs = Math.abs(offsetSeconds);
  text += `${sign}${pad(Math.floor(abs / 3600))}`;
  if (abs % 3600 !== 0) text += `:${pad(Math.floor((abs % 3600) / 60))}`;
  if (abs % 60 !== 0) text += `:${pad(abs % 60)}`;
  return text;
}

const same = (text: string) => {
  const mine = parseTimestamptz(text);
  const theirs = postgresDate(text);
  if (theirs instanceof Date) {
    expect(mine, text).toBeInstanceOf(Date);
    expect((mine as Date).getTime(), text).toBe(theirs.getTime());
  } else {
    expect(mine, text).toEqual(theirs);
  }
};

describe("timestamptz parser", () => {
  it("gives node-postgres' Date for every shape PostgreSQL writes, at any offset and precision", () => {
    const offsets = [0, 3600, -8 * 3600, 5 * 3600 + 1800, 5 * 3600 + 2700, -(3 * 3600 + 1800), 14 * 3600];
    const historical = [-(4 * 3600 + 56 * 60 + 2), 19 * 60 + 32]; // local mean time: seconds in the offset
    let state = 12345;
    const next = () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
    const first = Date.UTC(100, 0, 2);
    const last = Date.UTC(9999, 11, 30);
    for (let k = 0; k < 5000; k++) {
      const time = Math.floor(first + next() * (last - first));
      const offset = [...offsets, ...historical][k % 9] as number;
      same(pgText(time, offset, k % 7, Math.floor(next() * 1000)));
    }
    // The fast path read these, not the fallback: it parses without allocating match arrays.
    expect(parseTimestamptz("2026-11-23 20:56:26.889123+00")).toEqual(new Date("2026-11-23T20:56:26.889Z"));
    expect(parseTimestamptz("2026-11-23 20:56:26+05:45")).toEqual(new Date("2026-11-23T15:11:26Z"));
    expect(parseTimestamptz("1890-01-01 00:00:00-04:56:02")).toEqual(new Date("1890-01-01T04:56:02Z"));
  });

  it("leaves every other text to node-postgres' parser, with its answer", () => {
    for (const text of [
      "infinity",
      "-infinity",
      "0044-03-15 12:00:00+00",
      "0044-03-15 12:00:00+00 BC",
      "0099-12-31 23:59:59.999+00",
      "12345-01-01 00:00:00+00",
      "2026-01-01T00:00:00Z",
      "2026-01-01 00:00:00",
      "2026-01-01 00:00:00.+00",
      "2026-01-01 00:00:00+0",
      "2026-01-01 00:00:00+00:3",
      "2026-01-01 00:00:00+00:30:00:00",
      "2026-1-01 00:00:00+00",
      "garbage at all, long enough",
    ]) {
      same(text);
    }
  });
});
