import pg from "pg";
import { isQueryReadTimeout } from "./errors.ts";
import { typeParsers } from "./type-parsers.ts";

/**
 * Every node-postgres pool in the process (Kysely's, the job queue's, the rate-limit store's, the migrator's)
 * is built here or passed through `superviseConnections`, so none of them can take the process down.
 *
 * Why per client and not only `pool.on("error")`: pg-pool listens for a client's 'error' only while the client is
 * idle, and removes that listener when the client is checked out. A client inside a transaction, between two
 * queries, that receives 57P01 (`pg_ctl stop -m fast`) or loses its socket then emits 'error' with no listener,
 * and Node turns that into an uncaught exception. A listener attached once, when the client is created, stays
 * for the client's whole life.
 */
export interface PgTimeouts {
  /** Waiting for a connection (a new socket, or a free slot in a full pool). */
  connectionTimeoutMillis: number;
  /** Server-side `statement_timeout`; 0 turns it off. */
  statementTimeoutMillis: number;
  /**
   * Client-side: how long a query may go unanswered. It bounds a call when the server cannot even cancel the
   * statement (a frozen or partitioned server); keep it above `statementTimeoutMillis`. 0 turns it off.
   */
  queryTimeoutMillis: number;
}

/** For request paths: a frozen database fails a call in about 3 + 6 s instead of hanging (ADR 010). */
export const REQUEST_TIMEOUTS: PgTimeouts = {
  connectionTimeoutMillis: 3_000,
  statementTimeoutMillis: 5_000,
  queryTimeoutMillis: 6_000,
};

/** Migrations and other operator commands: a long ALTER must not be cut off, only a hung connect. */
export const MIGRATION_TIMEOUTS: PgTimeouts = {
  connectionTimeoutMillis: 10_000,
  statementTimeoutMillis: 0,
  queryTimeoutMillis: 0,
};

export interface PgPoolOptions {
  connectionString: string;
  max: number;
  applicationName: string;
  timeouts?: PgTimeouts;
  idleTimeoutMillis?: number;
  /** Plinth's type parsers (dates, bigints); off for pools whose SQL belongs to a library. */
  plinthTypes?: boolean;
  onError?: (error: Error) => void;
}

export function createPgPool(options: PgPoolOptions): pg.Pool {
  const timeouts = options.timeouts ?? REQUEST_TIMEOUTS;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max,
    connectionTimeoutMillis: timeouts.connectionTimeoutMillis,
    idleTimeoutMillis: options.idleTimeoutMillis ?? 30_000,
    application_name: options.applicationName,
    ...(timeouts.statementTimeoutMillis > 0 ? { statement_timeout: timeouts.statementTimeoutMillis } : {}),
    ...(timeouts.queryTimeoutMillis > 0 ? { query_timeout: timeouts.queryTimeoutMillis } : {}),
    ...(options.plinthTypes === false ? {} : { types: typeParsers }),
  });
  return superviseConnections(pool, options.onError ?? (() => {}));
}

const supervised = new WeakSet<pg.Pool>();

/**
 * Attaches the permanent per-client error listener, reports each broken client once (pg-pool's idle listener
 * and ours both see an idle client die), and closes a client whose query timed out on the client side.
 *
 * The last part matters because node-postgres keeps a timed-out query as the connection's active query: the
 * next query on that client would queue behind it (a ROLLBACK after a failed transaction statement, or the next
 * borrower, since Kysely releases clients without an error). Closing the socket fails those at once, and
 * pg-pool drops a closed client on release instead of handing it out again.
 */
export function superviseConnections(pool: pg.Pool, onError: (error: Error) => void): pg.Pool {
  if (supervised.has(pool)) return pool;
  supervised.add(pool);
  const reported = new WeakSet<object>();
  const report = (error: Error, client: pg.PoolClient | undefined) => {
    if (client) {
      if (reported.has(client)) return;
      reported.add(client);
    }
    onError(error);
  };
  pool.on("error", (error, client) => report(error, client));
  pool.on("connect", (client) => {
    client.on("error", (error: Error) => report(error, client));
    closeOnReadTimeout(client);
  });
  return pool;
}

function closeOnReadTimeout(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const close = (error: unknown) => {
    if (isQueryReadTimeout(error)) void client.end().catch(() => {});
  };
  const watched = (...args: unknown[]): unknown => {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        close(error);
        (last as (e: unknown, r: unknown) => void)(error, result);
      };
      return query(...args);
    }
    const result = query(...args);
    if (result instanceof Promise) result.catch(close);
    return result;
  };
  (client as unknown as { query: typeof watched }).query = watched;
}
