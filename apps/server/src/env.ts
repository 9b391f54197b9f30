import { availableParallelism } from "node:os";
import { defaultPasswordConcurrency } from "@plinth/auth";
import { defaultPgliteDataDir } from "@plinth/db";
import { z } from "zod";
import { compileTrustedProxies } from "./http/client-ip.ts";

const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const origins = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url({ protocol: /^https?$/ }).transform((u) => new URL(u).origin)).min(1));

const schema = z.object({
  /** Production unless set to `development` explicitly (`pnpm dev` does): a forgotten variable must not open dev features. */
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /**
   * Server processes on one port (node:cluster, ADR 022). 1: one process, no cluster primary. Above 1 needs
   * PostgreSQL (PGlite is one process) and a shared rate-limit store, or RATE_LIMIT_PER_PROCESS=true.
   */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Interface to bind; unset binds every interface (IPv6 and IPv4). */
  HOST: z.string().min(1).optional(),
  /** External PostgreSQL. Unset: the embedded PGlite database in PGLITE_DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  PGLITE_DATA_DIR: z.string().min(1).optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  /** Request-path database bounds (ADR 010): server-side statement_timeout, client-side query and connect limits. */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  DB_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(6_000),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(3_000),
  /**
   * The hot queries go out as named prepared statements (ADR 024). Turn off behind a pooler that hands one
   * client's statements to different server sessions (PgBouncer in transaction mode before 1.21).
   */
  DB_NAMED_STATEMENTS: flag.default(true),
  /** Default: on for the embedded database and in development; an external production database migrates explicitly. */
  MIGRATE_ON_START: flag.optional(),
  /** Default: on in development on the embedded database, so a fresh checkout shows data. Refused in production. */
  SEED_DEMO_DATA: flag.optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Comma-separated origins allowed to call the API from a browser (CORS). */
  WEB_ORIGIN: origins.default(["http://localhost:5173"]),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  MAX_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /** Where email links point. Default: the first WEB_ORIGIN. */
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Rate-limit counters shared by every server process. Unset: PostgreSQL when DATABASE_URL is set, else memory. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  RATE_LIMIT_STORE: z.enum(["memory", "postgres", "redis"]).optional(),
  /**
   * With WEB_CONCURRENCY > 1 and the memory store: the operator accepts that each process counts the credential
   * limits on its own (N processes allow N × each). The flood limits are exact either way (ADR 022).
   */
  RATE_LIMIT_PER_PROCESS: flag.default(false),
  /** Calls per minute one IP may make to any procedure (the general limit). */
  RATE_LIMIT_GLOBAL_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /**
   * Proxies whose X-Forwarded-For is believed: addresses and CIDR ranges, comma-separated. Unset: the socket
   * address is the client.
   */
  TRUSTED_PROXIES: z
    .string()
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .superRefine((entries, ctx) => {
      for (const entry of entries) {
        try {
          compileTrustedProxies([entry]);
        } catch {
          ctx.addIssue({ code: "custom", message: `"${entry}" is neither an IP address nor a CIDR range` });
        }
      }
    })
    .default([]),
  /**
   * Password hashing (ADR 023): argon2 operations at once, waiters beyond them (then 503 PASSWORD_QUEUE_FULL),
   * and how long a waiter may wait for its turn. Defaults: one core fewer than the machine has and one libuv
   * thread fewer than the pool has; 64 waiters per slot; 5 s.
   */
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(1024).optional(),
  PASSWORD_HASH_QUEUE_MAX: z.coerce.number().int().min(0).max(100_000).optional(),
  PASSWORD_HASH_MAX_WAIT_MS: z.coerce.number().int().min(1).max(600_000).default(5_000),
  /** Read by libuv itself at the first use of its pool; the server reads it only to keep a thread free of argon2. */
  UV_THREADPOOL_SIZE: z.coerce.number().int().min(1).max(1024).default(4),
  /**
   * How far V8 lets the old generation grow past what survived its last full collection, in percent (ADR 027):
   * 50 keeps peak memory near 1.4× a bare node:http server's for a few % more CPU; 0 leaves V8's own factor (up to
   * 4×: about 1.5× plinth's peak memory of 50). A `--heap-growing-percent` on node's command line wins.
   */
  HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(400).default(50),
  /** SMTP delivery (smtp:// or smtps://). Unset: emails stay in the outbox as a development mailbox. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default("plinth <no-reply@localhost>"),
  REQUIRE_VERIFIED_EMAIL: flag.default(true),
  /** Default: on in development. Exposes sent mail through `dev.mailbox`; never enable in production. */
  DEV_MAILBOX: flag.optional(),
  /** Default: on in production, or when APP_URL is not on localhost. Off is refused in production. */
  COOKIE_SECURE: flag.optional(),
});

export type ServerEnv = ReturnType<typeof resolve>;

function resolve(raw: z.infer<typeof schema>) {
  const embedded = raw.DATABASE_URL === undefined;
  const development = raw.NODE_ENV === "development";
  const appUrl = new URL(raw.APP_URL ?? raw.WEB_ORIGIN[0] ?? "http://localhost:5173").origin;
  // Anything but an explicit `development` is production (NODE_ENV=test too, which tools set by themselves).
  const production = !development;
  const localApp = ["localhost", "127.0.0.1", "[::1]"].includes(new URL(appUrl).hostname);
  // Dev-only features: the mailbox hands reset links to anyone, and the demo accounts have a published password.
  if (production && raw.DEV_MAILBOX)
    throw invalid(["DEV_MAILBOX: must not be on in production (set NODE_ENV=development for a dev server)"]);
  // Production cookies carry the __Host- prefix, which browsers accept only with Secure.
  if (production && raw.COOKIE_SECURE === false)
    throw invalid([
      "COOKIE_SECURE: must not be off in production (set NODE_ENV=development for a dev server)",
    ]);
  if (production && raw.SEED_DEMO_DATA)
    throw invalid([
      "SEED_DEMO_DATA: must not be on in production (set NODE_ENV=development for a dev server)",
    ]);
  const rateLimitStore =
    raw.RATE_LIMIT_STORE ?? (raw.REDIS_URL ? "redis" : raw.DATABASE_URL ? "postgres" : "memory");
  if (rateLimitStore === "redis" && !raw.REDIS_URL)
    throw invalid(["REDIS_URL: required when RATE_LIMIT_STORE=redis"]);
  if (rateLimitStore === "postgres" && !raw.DATABASE_URL) {
    throw invalid(["DATABASE_URL: required when RATE_LIMIT_STORE=postgres"]);
  }
  // Several processes (ADR 022): PGlite holds its data directory for one process, and memory counters would let
  // each process allow the whole credential limit unless the operator says that is acceptable.
  if (raw.WEB_CONCURRENCY > 1 && embedded)
    throw invalid([
      "WEB_CONCURRENCY: above 1 needs DATABASE_URL (the embedded PGlite database is open in one process only)",
    ]);
  if (raw.WEB_CONCURRENCY > 1 && rateLimitStore === "memory" && !raw.RATE_LIMIT_PER_PROCESS)
    throw invalid([
      "RATE_LIMIT_STORE: memory counts in each of the WEB_CONCURRENCY processes; use postgres or redis, " +
        "or set RATE_LIMIT_PER_PROCESS=true to accept per-process credential limits",
    ]);
  if (raw.DB_QUERY_TIMEOUT_MS <= raw.DB_STATEMENT_TIMEOUT_MS) {
    // Otherwise the client gives up first and closes a connection the server would have cancelled cleanly.
    throw new Error("Invalid environment:\n  DB_QUERY_TIMEOUT_MS: must be above DB_STATEMENT_TIMEOUT_MS");
  }
  if (
    raw.PASSWORD_HASH_CONCURRENCY !== undefined &&
    raw.PASSWORD_HASH_CONCURRENCY >= raw.UV_THREADPOOL_SIZE
  ) {
    // argon2 runs on libuv's pool, which DNS lookups (a database host name), file reads and zlib share.
    throw invalid([
      `PASSWORD_HASH_CONCURRENCY: must be below UV_THREADPOOL_SIZE (${raw.UV_THREADPOOL_SIZE}), or argon2 ` +
        "occupies every libuv thread and DNS lookups, file reads and compression wait behind hashes",
    ]);
  }
  const hashConcurrency =
    raw.PASSWORD_HASH_CONCURRENCY ??
    passwordHashConcurrency(raw.UV_THREADPOOL_SIZE, availableParallelism(), raw.WEB_CONCURRENCY);
  return {
    ...raw,
    PASSWORD_HASH_CONCURRENCY: hashConcurrency,
    PASSWORD_HASH_QUEUE_MAX: raw.PASSWORD_HASH_QUEUE_MAX ?? 64 * hashConcurrency,
    APP_URL: appUrl,
    RATE_LIMIT_STORE: rateLimitStore,
    DEV_MAILBOX: raw.DEV_MAILBOX ?? development,
    COOKIE_SECURE: raw.COOKIE_SECURE ?? (production || !localApp),
    /** The __Host- prefix needs Secure; production always has both. */
    COOKIE_HOST_PREFIX: production,
    PGLITE_DATA_DIR: raw.PGLITE_DATA_DIR ?? defaultPgliteDataDir(),
    MIGRATE_ON_START: raw.MIGRATE_ON_START ?? (embedded || development),
    SEED_DEMO_DATA: raw.SEED_DEMO_DATA ?? (embedded && development),
  };
}

/**
 * A core and a libuv thread stay free of argon2: the event loop and everything else on the pool keep going. The
 * machine's share is split between a cluster's processes (WEB_CONCURRENCY, ADR 022), since each has its own gate;
 * each keeps at least one slot, so N processes on fewer than N + 1 cores may hash on every core at once.
 */
export function passwordHashConcurrency(
  threadPoolSize: number,
  cores: number = availableParallelism(),
  processes = 1,
): number {
  const share = Math.floor(defaultPasswordConcurrency(cores) / processes);
  return Math.max(1, Math.min(share, threadPoolSize - 1));
}

/** One line for one problem (what a log shows first); a list when several variables are wrong. */
function invalid(problems: string[]): Error {
  if (problems.length === 1) return new Error(`Invalid environment: ${problems[0]}`);
  return new Error(`Invalid environment:\n${problems.map((p) => `  ${p}`).join("\n")}`);
}

/** Parses the environment, or throws one message that names every bad variable. Empty strings count as unset. */
export function parseEnv(source: Record<string, string | undefined>) {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw invalid(parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`));
  }
  return resolve(parsed.data);
}

export function readEnv(): ServerEnv {
  return parseEnv(process.env);
}

/** Every variable the server reads. */
export const serverVariables: readonly string[] = Object.keys(schema.shape);

/**
 * Which of the server's variables are set (names only, never values): logged at start-up, so an operator can see
 * that a setting reached the process at all — turbo, a process manager or a container can each drop one.
 */
export function configuredVariables(source: Record<string, string | undefined> = process.env): string[] {
  return serverVariables.filter((name) => source[name] !== undefined && source[name] !== "");
}
