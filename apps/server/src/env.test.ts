import { describe, expect, it } from "vitest";
import { parseEnv, passwordHashConcurrency } from "./env.ts";
import { spawnServer } from "./test/spawn-server.ts";

describe("server environment", () => {
  it("is production when NODE_ENV is unset: no dev mailbox, no demo data, Secure cookies", () => {
    expect(parseEnv({})).toMatchObject({
      NODE_ENV: "production",
      DEV_MAILBOX: false,
      SEED_DEMO_DATA: false,
      COOKIE_SECURE: true,
      COOKIE_HOST_PREFIX: true,
    });
    // Tools set NODE_ENV=test on their own; that opens nothing either.
    expect(parseEnv({ NODE_ENV: "test" })).toMatchObject({ DEV_MAILBOX: false, COOKIE_SECURE: true });
  });

  it("refuses dev-only features in production, in one line", () => {
    expect(() => parseEnv({ SEED_DEMO_DATA: "true" })).toThrow(
      /^Invalid environment: SEED_DEMO_DATA: [^\n]+$/,
    );
    expect(() => parseEnv({ DEV_MAILBOX: "1" })).toThrow(/^Invalid environment: DEV_MAILBOX: [^\n]+$/);
    expect(() => parseEnv({ COOKIE_SECURE: "false" })).toThrow(
      /^Invalid environment: COOKIE_SECURE: [^\n]+$/,
    );
    expect(parseEnv({ NODE_ENV: "development", COOKIE_SECURE: "false" }).COOKIE_SECURE).toBe(false);
  });

  it("accepts addresses and CIDR ranges in TRUSTED_PROXIES and refuses malformed entries by name", () => {
    expect(parseEnv({ TRUSTED_PROXIES: "10.0.0.0/8, ::1,192.168.1.7" }).TRUSTED_PROXIES).toEqual([
      "10.0.0.0/8",
      "::1",
      "192.168.1.7",
    ]);
    expect(() => parseEnv({ TRUSTED_PROXIES: "10.0.0.1,10.0.0.0/40" })).toThrow(
      /^Invalid environment: TRUSTED_PROXIES: "10\.0\.0\.0\/40" is neither an IP address nor a CIDR range$/,
    );
  });

  it("has working defaults for the embedded database in development", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect(env).toMatchObject({
      PORT: 3000,
      NODE_ENV: "development",
      MIGRATE_ON_START: true,
      SEED_DEMO_DATA: true,
    });
    expect(env.WEB_ORIGIN).toEqual(["http://localhost:5173"]);
    expect(env.PGLITE_DATA_DIR).toMatch(/\.data\/pglite$/);
  });

  it("does not migrate or seed an external production database unless asked", () => {
    const env = parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://u@db:5432/app" });
    expect(env.MIGRATE_ON_START).toBe(false);
    expect(env.SEED_DEMO_DATA).toBe(false);
    expect(
      parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://u@db/app", MIGRATE_ON_START: "true" })
        .MIGRATE_ON_START,
    ).toBe(true);
  });

  it("bounds database calls by default, with the client-side limit above the server's", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      DB_CONNECT_TIMEOUT_MS: 3_000,
      DB_STATEMENT_TIMEOUT_MS: 5_000,
      DB_QUERY_TIMEOUT_MS: 6_000,
    });
    expect(() => parseEnv({ DB_STATEMENT_TIMEOUT_MS: "8000" })).toThrow(/DB_QUERY_TIMEOUT_MS/);
  });

  it("sends named prepared statements unless told not to (a pooler in transaction mode)", () => {
    expect(parseEnv({}).DB_NAMED_STATEMENTS).toBe(true);
    expect(parseEnv({ DB_NAMED_STATEMENTS: "false" }).DB_NAMED_STATEMENTS).toBe(false);
    expect(() => parseEnv({ DB_NAMED_STATEMENTS: "no" })).toThrow(/DB_NAMED_STATEMENTS/);
  });

  it("sizes the password queue from the machine, keeping a core and a libuv thread free of argon2 (ADR 023)", () => {
    // cores, then libuv's pool (4 unless UV_THREADPOOL_SIZE says otherwise), whichever is tighter, at least 1.
    expect(passwordHashConcurrency(4, 2)).toBe(1);
    expect(passwordHashConcurrency(4, 1)).toBe(1);
    expect(passwordHashConcurrency(4, 16)).toBe(3);
    expect(passwordHashConcurrency(16, 16)).toBe(15);
    expect(passwordHashConcurrency(1, 16)).toBe(1);
    // A cluster's processes split the machine's share; each keeps one slot.
    expect(passwordHashConcurrency(16, 16, 4)).toBe(3);
    expect(passwordHashConcurrency(16, 16, 15)).toBe(1);
    expect(passwordHashConcurrency(4, 2, 2)).toBe(1);
    const defaults = parseEnv({});
    expect(defaults.PASSWORD_HASH_CONCURRENCY).toBe(passwordHashConcurrency(4));
    expect(defaults).toMatchObject({
      PASSWORD_HASH_QUEUE_MAX: 64 * defaults.PASSWORD_HASH_CONCURRENCY,
      PASSWORD_HASH_MAX_WAIT_MS: 5_000,
      UV_THREADPOOL_SIZE: 4,
    });
    expect(
      parseEnv({ PASSWORD_HASH_CONCURRENCY: "2", PASSWORD_HASH_QUEUE_MAX: "0", UV_THREADPOOL_SIZE: "8" }),
    ).toMatchObject({ PASSWORD_HASH_CONCURRENCY: 2, PASSWORD_HASH_QUEUE_MAX: 0 });
    expect(() => parseEnv({ PASSWORD_HASH_CONCURRENCY: "4" })).toThrow(
      /^Invalid environment: PASSWORD_HASH_CONCURRENCY: must be below UV_THREADPOOL_SIZE \(4\)/,
    );
    expect(() => parseEnv({ PASSWORD_HASH_CONCURRENCY: "0" })).toThrow(/PASSWORD_HASH_CONCURRENCY/);
  });

  it("names every bad variable in one message", () => {
    expect(() => parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", WEB_ORIGIN: "not a url" })).toThrow(
      /Invalid environment:[\s\S]*PORT[\s\S]*DATABASE_URL[\s\S]*WEB_ORIGIN/,
    );
  });

  it("treats empty strings as unset and normalises origins", () => {
    expect(
      parseEnv({ PORT: "", WEB_ORIGIN: "https://app.example.com/, http://localhost:5173" }),
    ).toMatchObject({
      PORT: 3000,
      WEB_ORIGIN: ["https://app.example.com", "http://localhost:5173"],
    });
  });

  it("runs one process unless WEB_CONCURRENCY asks for more, and refuses what several cannot share", () => {
    expect(parseEnv({}).WEB_CONCURRENCY).toBe(1);
    expect(parseEnv({ WEB_CONCURRENCY: "" }).WEB_CONCURRENCY).toBe(1);
    const pg = { DATABASE_URL: "postgres://u@db/plinth" };
    expect(parseEnv({ ...pg, WEB_CONCURRENCY: "4" })).toMatchObject({
      WEB_CONCURRENCY: 4,
      RATE_LIMIT_STORE: "postgres",
    });
    expect(() => parseEnv({ WEB_CONCURRENCY: "0" })).toThrow(/WEB_CONCURRENCY/);
    expect(() => parseEnv({ WEB_CONCURRENCY: "two" })).toThrow(/WEB_CONCURRENCY/);
    // PGlite is one process: one readable line, naming the variable and the way out.
    expect(() => parseEnv({ WEB_CONCURRENCY: "2" })).toThrow(
      /^Invalid environment: WEB_CONCURRENCY: above 1 needs DATABASE_URL [^\n]+$/,
    );
    // Memory counters would allow each process the whole credential limit, unless the operator says so.
    const memory = { ...pg, WEB_CONCURRENCY: "2", RATE_LIMIT_STORE: "memory" };
    expect(() => parseEnv(memory)).toThrow(
      /^Invalid environment: RATE_LIMIT_STORE: memory counts in each [^\n]+RATE_LIMIT_PER_PROCESS=true[^\n]+$/,
    );
    expect(parseEnv({ ...memory, RATE_LIMIT_PER_PROCESS: "true" }).RATE_LIMIT_STORE).toBe("memory");
    expect(parseEnv({ ...pg, RATE_LIMIT_STORE: "memory" }).RATE_LIMIT_PER_PROCESS).toBe(false);
  });

  it("stops start-up with a message that names the variable", async () => {
    const server = spawnServer({ PORT: "70000" });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/Invalid environment:\s+PORT:/);
    expect(server.output()).not.toMatch(/\n\s+at /);
  });
});
