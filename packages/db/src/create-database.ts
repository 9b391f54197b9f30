import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { citext } from "@electric-sql/pglite/contrib/citext";
import { createPgConfig } from "@electric-sql/pglite/node-postgres";
import { Kysely, type LogConfig, PostgresDialect } from "kysely";
import pg from "pg";
import { type DataDirLock, lockDataDir } from "./data-dir-lock.ts";
import { createPgPool, superviseConnections } from "./pg-pool.ts";
import { sendNamedStatements } from "./prepared/statement-names.ts";
import type { DB } from "./schema.ts";
import { typeParsers } from "./type-parsers.ts";

export type Database = Kysely<DB>;

export interface PoolOptions {
  /** Most connections the pool opens. Default 10. */
  max?: number;
  /** How long a query waits for a free connection before it fails. Default 5 000 ms. */
  connectionTimeoutMillis?: number;
  /** Idle connections are closed after this. Default 30 000 ms. */
  idleTimeoutMillis?: number;
  /** Server-side `statement_timeout`, so a runaway query cannot hold a connection forever. Default 30 000 ms; 0: off. */
  statementTimeoutMillis?: number;
  /**
   * Client-side limit on an unanswered query, for a server that is frozen or cut off and so cannot enforce its own
   * `statement_timeout`. The client is then closed, not reused. Default 31 000 ms; 0: off.
   */
  queryTimeoutMillis?: number;
}

export interface DatabaseConfig {
  /** A `postgres://` URL. Without one, plinth runs on PGlite in this process. */
  connectionString?: string | undefined;
  /** PGlite only: where its files live. Omit for an in-memory database. */
  dataDir?: string | undefined;
  /** PGlite only: start from a `dumpDataDir()` snapshot instead of an empty cluster. */
  snapshot?: Blob | undefined;
  pool?: PoolOptions;
  /**
   * Called once per connection that dies (the server restarted, the network dropped), whether it was idle or
   * checked out. Every pool listens for this whether or not a callback is given (see pg-pool.ts); the pool
   * replaces the connection on next use.
   */
  onPoolError?: (error: Error) => void;
  log?: LogConfig;
  /**
   * Send the hot query shapes as named prepared statements (ADR 024). Default true. Turn it off behind a pooler
   * that hands one client's statements to different server sessions (PgBouncer in transaction mode before 1.21).
   */
  namedStatements?: boolean | undefined;
}

export type DatabaseKind = "postgres" | "pglite";

const kinds = new WeakMap<Database, DatabaseKind>();

/** Which engine a database handle runs on: tests and health output report it. */
export function databaseKind(db: Database): DatabaseKind {
  return kinds.get(db) ?? "postgres";
}

export function createDatabase(config: DatabaseConfig = {}): Database {
  const pool = config.connectionString
    ? createPostgresPool(config.connectionString, config)
    : createPglitePool(config);
  // A no-op for the PostgreSQL pool, which createPgPool already supervises.
  superviseConnections(pool, (error) => config.onPoolError?.(error));
  if (config.namedStatements !== false) sendNamedStatements(pool, { reset: !config.connectionString });
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    ...(config.log ? { log: config.log } : {}),
  });
  kinds.set(db, config.connectionString ? "postgres" : "pglite");
  return db;
}

function createPostgresPool(connectionString: string, config: DatabaseConfig): pg.Pool {
  const options = config.pool ?? {};
  return createPgPool({
    connectionString,
    max: options.max ?? 10,
    applicationName: "plinth",
    idleTimeoutMillis: options.idleTimeoutMillis ?? 30_000,
    timeouts: {
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
      statementTimeoutMillis: options.statementTimeoutMillis ?? 30_000,
      queryTimeoutMillis: options.queryTimeoutMillis ?? 31_000,
    },
    onError: (error) => config.onPoolError?.(error),
  });
}

/**
 * PGlite is a single-session database, so the pool holds exactly one connection: a transaction owns it until it
 * ends and other queries wait, which is what PostgreSQL's isolation would give them anyway. PGlite ships a
 * node-postgres connection, so both engines share one driver, one set of type parsers and savepoint support.
 */
class PglitePool extends pg.Pool {
  readonly #lite: PGlite;
  readonly #lock: DataDirLock | undefined;

  constructor(lite: PGlite, options: PoolOptions, lock?: DataDirLock) {
    super({
      ...(createPgConfig(lite) as unknown as pg.PoolConfig),
      max: 1,
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 30_000,
      idleTimeoutMillis: 0,
      types: typeParsers,
    });
    this.#lite = lite;
    this.#lock = lock;
  }

  override async end(): Promise<void> {
    try {
      await super.end();
      if (!this.#lite.closed) await this.#lite.close();
    } finally {
      this.#lock?.release();
    }
  }
}

/** Throws DataDirLockedError when another live process has the data directory open. */
function createPglitePool(config: DatabaseConfig): pg.Pool {
  if (!config.dataDir) return new PglitePool(openPglite(config), config.pool ?? {});
  mkdirSync(config.dataDir, { recursive: true });
  const lock = lockDataDir(config.dataDir);
  try {
    return new PglitePool(openPglite(config), config.pool ?? {}, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** The PGlite instance behind an embedded database; the test harness needs it to dump a snapshot. */
export function openPglite(config: Pick<DatabaseConfig, "dataDir" | "snapshot"> = {}): PGlite {
  return new PGlite({
    ...(config.dataDir ? { dataDir: config.dataDir } : {}),
    ...(config.snapshot ? { loadDataDir: config.snapshot } : {}),
    extensions: { citext },
  });
}

/** Wraps an already open PGlite; destroying the returned database closes it. */
export function createDatabaseOverPglite(
  lite: PGlite,
  config: Pick<DatabaseConfig, "pool" | "onPoolError" | "namedStatements"> = {},
): Database {
  const pool = new PglitePool(lite, config.pool ?? {});
  superviseConnections(pool, (error) => config.onPoolError?.(error));
  if (config.namedStatements !== false) sendNamedStatements(pool, { reset: true });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  kinds.set(db, "pglite");
  return db;
}
