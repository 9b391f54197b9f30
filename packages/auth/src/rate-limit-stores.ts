import { createPgPool } from "@plinth/db";
import { Redis } from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  type RateLimiterStoreAbstract,
} from "rate-limiter-flexible";

/** Where counters live. Memory is per process: fine for one instance and tests, wrong behind a load balancer. */
export type RateLimitStore =
  | { kind: "memory" }
  | { kind: "postgres"; connectionString: string }
  | { kind: "redis"; url: string };

export interface LimiterOptions {
  keyPrefix: string;
  points: number;
  duration: number;
  blockDuration: number;
}

/** An opened store: makes one library limiter per rule, all sharing one connection (pool), and closes it. */
export interface StoreBackend {
  limiter(options: LimiterOptions): RateLimiterAbstract | RateLimiterStoreAbstract;
  /** One round trip to the store; rejects while it is unreachable. Absent for process memory. */
  ping?: () => Promise<void>;
  close(): Promise<void>;
}

/** Shared by every rule; the library creates it (`key`, `points`, `expire`) and upserts into it atomically. */
const POSTGRES_TABLE = "rate_limits";
const SWEEP_EVERY_MS = 5 * 60_000;
/** SQLSTATEs of losing a race to create the same table: duplicate object, duplicate table, unique violation. */
const CONCURRENT_CREATE = new Set(["42710", "42P07", "23505"]);

export async function openStore(
  store: RateLimitStore,
  onStoreError: (error: Error) => void,
): Promise<StoreBackend> {
  switch (store.kind) {
    case "memory":
      return { limiter: (options) => new RateLimiterMemory(options), close: async () => {} };
    case "postgres":
      return openPostgres(store.connectionString, onStoreError);
    case "redis":
      return openRedis(store.url, onStoreError);
  }
}

/**
 * Each consume is one `INSERT … ON CONFLICT (key) DO UPDATE … RETURNING points, expire`: PostgreSQL serializes
 * concurrent upserts of a key on its unique index, so the count is exact across processes.
 */
async function openPostgres(
  connectionString: string,
  onStoreError: (error: Error) => void,
): Promise<StoreBackend> {
  // Supervised like every pool (a connection dropped mid-query must not crash the process), with short timeouts
  // so a frozen database fails a sign-in fast; the library's SQL gets its own types, not plinth's parsers.
  const pool = createPgPool({
    connectionString,
    max: 2,
    applicationName: "plinth-rate-limit",
    timeouts: { connectionTimeoutMillis: 3_000, statementTimeoutMillis: 2_000, queryTimeoutMillis: 3_000 },
    plinthTypes: false,
    onError: onStoreError,
  });
  const common = {
    storeClient: pool,
    storeType: "pool",
    tableName: POSTGRES_TABLE,
    clearExpiredByTimeout: false,
  };

  // The library's CREATE TABLE IF NOT EXISTS, run once here and awaited. Two processes that run it at the same
  // moment (a cluster's workers starting, ADR 022) can both pass the IF NOT EXISTS, and the second fails on the
  // catalog's unique index ("type rate_limits already exists"); the table is there by then, so once more succeeds.
  const createTable = () =>
    new Promise<RateLimiterPostgres>((resolve, reject) => {
      const limiter: RateLimiterPostgres = new RateLimiterPostgres(
        { ...common, keyPrefix: "sweeper", points: 1, duration: 1, tableCreated: false },
        (error) => (error ? reject(error) : resolve(limiter)),
      );
    });
  let sweeper: RateLimiterPostgres;
  try {
    sweeper = await createTable().catch((error: unknown) => {
      if (!CONCURRENT_CREATE.has((error as { code?: string } | null)?.code ?? "")) throw error;
      return createTable();
    });
  } catch (error) {
    await pool.end();
    throw error;
  }
  // Expired rows are only ever overwritten, not removed; sweep those an hour stale. `clearExpired` is public in
  // the library but missing from its types, and never rejects.
  const sweep = sweeper as unknown as { clearExpired(before: number): Promise<void> };
  const timer = setInterval(() => void sweep.clearExpired(Date.now() - 3_600_000), SWEEP_EVERY_MS).unref();
  const probe = new RateLimiterPostgres({
    ...common,
    keyPrefix: "probe",
    points: 1,
    duration: 1,
    tableCreated: true,
  });

  return {
    limiter: (options) => new RateLimiterPostgres({ ...common, ...options, tableCreated: true }),
    // The library's own read of its table: proves the store answers without any SQL of ours in this package.
    ping: async () => {
      await probe.get("readyz");
    },
    close: async () => {
      clearInterval(timer);
      await pool.end();
    },
  };
}

/**
 * Each consume is one Lua script (INCRBY + PEXPIRE), atomic in Redis. `enableOfflineQueue: false` (the library's
 * advice) and `rejectIfRedisNotReady` make a call fail at once while Redis is unreachable instead of queueing
 * until it returns; `commandTimeout` bounds a hung server. Failures reach the caller as errors (fail closed).
 *
 * Opening never waits for Redis (ADR 010): the server starts unready and the client keeps reconnecting in the
 * background. Awaiting `connect()` used to reject with "Connection is closed." when Redis was down, and nothing
 * at start-up caught it.
 */
async function openRedis(url: string, onStoreError: (error: Error) => void): Promise<StoreBackend> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    commandTimeout: 2_000,
    // Back off to one attempt every 2 s, forever: an outage ends when Redis is back, not when we give up.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // ioredis reports each failed reconnect here; without a listener it prints to the console.
  client.on("error", onStoreError);
  // Waits for the first attempt only, so a healthy Redis is ready before the first call. Its failure is also
  // reported through 'error', and reconnecting continues on its own.
  await client.connect().catch(() => {});
  return {
    ping: async () => {
      await client.ping();
    },
    limiter: (options) =>
      new RateLimiterRedis({ ...options, storeClient: client, rejectIfRedisNotReady: true }),
    close: async () => {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
