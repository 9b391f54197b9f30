import { useTestDatabase } from "@plinth/db/testing";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { countQueries } from "./query-counter.ts";

const t = useTestDatabase();

describe("countQueries", () => {
  it("counts every statement, in and out of transactions, and nothing else", async () => {
    const counter = countQueries(t.db);
    await counter.db.selectFrom("users").select("id").limit(1).execute();
    await sql`select 1`.execute(counter.db);
    await counter.db.transaction().execute(async (trx) => {
      await trx.selectFrom("users").select("id").limit(1).execute();
      await trx.selectFrom("users").select("id").limit(1).execute();
    });
    expect(counter.count).toBe(4);
    // The unwrapped handle is not counted.
    await t.db.selectFrom("users").select("id").limit(1).execute();
    expect(counter.count).toBe(4);
    counter.reset();
    expect(counter.count).toBe(0);
  });
});
