import type pg from "pg";

/**
 * Which SQL texts go to PostgreSQL as named prepared statements (ADR 024). Query shapes register their compiled
 * text here; a pool whose clients pass through `sendNamedStatements` then sends that text with its name, so
 * the server parses and plans it once per connection and later calls send only Bind and Execute. node-postgres
 * keeps, per connection, which names it has parsed. Anything not registered goes out unnamed, exactly as before.
 *
 * One name per text and one text per name, process-wide: node-postgres refuses a name reused for another text,
 * and the same text compiled twice (two handles, two shapes) must not take a second slot on the server.
 */
const names = new Map<string, string>();
const texts = new Map<string, string>();

/** PostgreSQL truncates identifiers to 63 bytes; a truncated name could collide with another. */
const NAME_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;

/** Registers `sql` under `name` (or returns the name it already has). */
export function nameStatement(sql: string, name: string): string {
  const existing = names.get(sql);
  if (existing !== undefined) return existing;
  if (!NAME_PATTERN.test(name))
    throw new Error(`Statement name ${JSON.stringify(name)} is not a short identifier`);
  if (texts.has(name)) throw new Error(`Statement name ${name} is already used for another statement`);
  names.set(sql, name);
  texts.set(name, sql);
  return name;
}

/** The name `sql` is sent under, if it is registered. */
export const statementName = (sql: string): string | undefined => names.get(sql);

/** How many texts are registered: bounded by the shapes' variant limits (a test checks it). */
export const namedStatementCount = (): number => names.size;

type Query = (...args: unknown[]) => Promise<unknown>;
interface NamedConfig {
  name: string;
  text: string;
  values: unknown[];
}
/** The parts of a node-postgres client this module relies on, beyond its typed surface. */
interface ClientInternals {
  connection: { parsedStatements: Record<string, string> };
  getTransactionStatus(): string | null;
}

/**
 * Sends registered texts named, on every client `pool` creates from now on. Kysely calls `client.query(sql,
 * values)`; this turns that into `client.query({ name, text, values })` when `sql` is registered. Timeouts are
 * untouched: `statement_timeout` is a session setting and `query_timeout` applies to every query node-postgres runs.
 *
 * `reset` (PGlite): forget what was prepared before this client existed. PGlite's node-postgres connection and
 * its one backend outlive a client, so a new pool over the same instance would otherwise Parse a name the backend
 * already holds (42P05).
 */
export function sendNamedStatements(pool: pg.Pool, options: { reset?: boolean } = {}): void {
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as Query;
    if (options.reset) {
      const internals = client as unknown as ClientInternals;
      for (const name of Object.keys(internals.connection.parsedStatements))
        delete internals.connection.parsedStatements[name];
      // Queued before any query of the borrower: node-postgres runs a client's queries in order.
      query("deallocate all").catch(() => {});
    }
    const named = (...args: unknown[]): unknown => {
      const [text, values] = args;
      if (args.length !== 2 || typeof text !== "string" || !Array.isArray(values)) return query(...args);
      const name = names.get(text);
      if (name === undefined) return query(...args);
      return runNamed(client, query, { name, text, values });
    };
    (client as unknown as { query: typeof named }).query = named;
  });
}

/**
 * 26000 (invalid_sql_statement_name): node-postgres believes the statement is prepared on this connection, but
 * the server no longer has it (someone ran DEALLOCATE or DISCARD ALL on it). Forget it so that the next use
 * parses it again, and retry once right away unless a transaction is open: that transaction is aborted now, and
 * the caller's rollback ends it as it would any failed statement.
 */
async function runNamed(client: pg.PoolClient, query: Query, config: NamedConfig): Promise<unknown> {
  try {
    return await query(config);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== "26000") throw error;
    const internals = client as unknown as ClientInternals;
    delete internals.connection.parsedStatements[config.name];
    if (internals.getTransactionStatus() !== "I") throw error;
    return query(config);
  }
}
