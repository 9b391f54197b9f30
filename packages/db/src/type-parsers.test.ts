import { sql } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "./testing/index.ts";

const t = useTestDatabase();

// Both engines must hand application code the same JavaScript types for the same SQL.
describe("type parsing", () => {
  it("returns count(*) and int8 as numbers", async () => {
    const { rows } = await sql<{
      c: unknown;
      big: unknown;
    }>`select count(*) as c, 9007199254740991::int8 as big`.execute(t.db);
    expect(rows[0]).toEqual({ c: 1, big: Number.MAX_SAFE_INTEGER });
  });

  it("refuses to round an int8 beyond the safe range", async () => {
    await expect(sql`select 9007199254740993::int8 as big`.execute(t.db)).rejects.toThrow(/safe integer/);
  });

  it("returns timestamptz as Date, numeric as an exact string, date as a plain string, int4 as number", async () => {
    const { rows } = await sql<Record<string, unknown>>`
      select '2030-05-06T07:08:09.123Z'::timestamptz as ts, 12345678901234567890.123456789::numeric as n,
             '2030-05-06'::date as d, 42::int4 as i, 'true'::boolean as b, '{"a":[1]}'::jsonb as j`.execute(
      t.db,
    );
    const row = rows[0];
    expect(row?.ts).toEqual(new Date("2030-05-06T07:08:09.123Z"));
    expect(row?.n).toBe("12345678901234567890.123456789");
    expect(row?.d).toBe("2030-05-06");
    expect(row?.i).toBe(42);
    expect(row?.b).toBe(true);
    expect(row?.j).toEqual({ a: [1] });
  });

  it("round-trips a Date parameter to the millisecond", async () => {
    const at = new Date("2031-02-03T04:05:06.789Z");
    const { rows } = await sql<{
      ts: Date;
    }>`select ${at}::timestamptz(3) as ts`.execute(t.db);
    expect(rows[0]?.ts.getTime()).toBe(at.getTime());
  });

  it("reads timestamptz as the same instant in any session time zone, as node-postgres' own parser does", async () => {
    const postgresDate = pg.types.getTypeParser(1184, "text") as (value: string) => Date;
    const zones = ["UTC", "Asia/Kathmandu", "America/St_Johns", "Pacific/Kiritimati", "Europe/Amsterdam"];
    for (const zone of zones) {
      await t.db.transaction().execute(async (trx) => {
        await sql`select set_config('TimeZone', ${zone}, true)`.execute(trx);
        const { rows } = await sql<{ ts: Date; text: string }>`
          select v as ts, v::text as text from (values
            ('2030-05-06T07:08:09.123456Z'::timestamptz), ('1999-12-31T23:59:59Z'::timestamptz),
            ('1890-01-01T00:00:00Z'::timestamptz), ('0500-06-15T12:00:00.5Z'::timestamptz)) as x(v)`.execute(
          trx,
        );
        const expected = [
          "2030-05-06T07:08:09.123Z",
          "1999-12-31T23:59:59.000Z",
          "1890-01-01T00:00:00.000Z",
          "0500-06-15T12:00:00.500Z",
        ];
        expect(
          rows.map((r) => r.ts.toISOString()),
          zone,
        ).toEqual(expected);
        for (const row of rows) expect(row.ts.getTime(), row.text).toBe(postgresDate(row.text).getTime());
      });
    }
  });

  it("supports nested transactions through savepoints on both engines", async () => {
    await sql`create temporary table sp (v int)`.execute(t.db);
    const trx = await t.db.startTransaction().execute();
    await sql`insert into sp values (1)`.execute(trx);
    const nested = await trx.savepoint("inner").execute();
    await sql`insert into sp values (2)`.execute(nested);
    await nested.rollbackToSavepoint("inner").execute();
    await sql`insert into sp values (3)`.execute(trx);
    await trx.commit().execute();
    const { rows } = await sql<{
      v: number;
    }>`select v from sp order by v`.execute(t.db);
    expect(rows.map((r) => r.v)).toEqual([1, 3]);
  });
});
