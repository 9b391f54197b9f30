import { sql } from "kysely";
import { afterEach, describe, expect, inject, it } from "vitest";
import { createDatabase, type Database, type PoolOptions } from "./create-database.ts";
import { isDatabaseUnavailable } from "./errors.ts";
import { useTestDatabase } from "./testing/index.ts";

const t = useTestDatabase();
const onPostgres = inject("plinthDatabase").driver === "postgres";

const backendPid = async (db: Database) =>
  (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]?.pid;

describe("isDatabaseUnavailable", () => {
  it("recognises outages through the cause chain, and nothing else", () => {
    const terminated = Object.assign(new Error("terminating connection due to administrator command"), {
      code: "57P01",
    });
    expect(isDatabaseUnavailable(terminated)).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: terminated }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code: "08006" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Query read timeout"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("dup"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable("57P01")).toBe(false);
  });
});

describe.runIf(onPostgres)("supervised pools (PostgreSQL)", () => {
  const opened: Database[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.destroy()));
  });
  const open = (pool: PoolOptions, onPoolError?: (e: Error) => void) => {
    const db = createDatabase({
      connectionString: t.current.connectionString,
      pool,
      ...(onPoolError ? { onPoolError } : {}),
    });
    opened.push(db);
    return db;
  };

  it("a checked-out client whose backend is terminated mid-transaction does not crash the process", async () => {
    const errors: Error[] = [];
    const db = open({ max: 2 }, (e) => errors.push(e));
    const failed = await db
      .transaction()
      .execute(async (trx) => {
        const pid = await backendPid(trx as unknown as Database);
        // Another session ends ours between two statements, as `pg_ctl stop -m fast` does (57P01).
        await sql`select pg_terminate_backend(${pid})`.execute(t.db);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await sql`select 1`.execute(trx);
      })
      .catch((e: unknown) => e);
    expect(isDatabaseUnavailable(failed)).toBe(true);
    // Reported once through the pool's callback, and the pool works on with a new connection.
    expect(errors).toHaveLength(1);
    expect(await backendPid(db)).toEqual(expect.any(Number));
  });

  it("a client whose query timed out client-side is closed, not handed to the next caller", async () => {
    const db = open({ max: 1, statementTimeoutMillis: 0, queryTimeoutMillis: 300 });
    const before = await backendPid(db);
    const slow = await sql`select pg_sleep(3)`.execute(db).catch((e: unknown) => e);
    expect(isDatabaseUnavailable(slow)).toBe(true);
    // Same pool, one slot: a reused client would still be busy with pg_sleep and answer from the same backend.
    expect(await backendPid(db)).not.toBe(before);
  });
});
