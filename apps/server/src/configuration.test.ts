/**
 * Every variable in the README's configuration table reaches the server under `pnpm dev` and `pnpm start`.
 * turbo's strict environment mode once dropped the ones it did not list (REDIS_URL under `pnpm dev` silently
 * fell back to the PostgreSQL store). The server logs the names of the variables it received at start-up; this
 * file runs both README commands from the workspace root with every variable set, and reads that line.
 *
 * It needs real PostgreSQL for DATABASE_URL, so it runs in the `postgres` project (once per `pnpm test`), with a
 * private redis-server for REDIS_URL.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { useTestDatabase } from "@plinth/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { serverVariables } from "./env.ts";
import { inheritedEnv } from "./test/env.ts";
import { freePort, haveRedisServer, type PrivateRedis, privateRedis } from "./test/private-services.ts";

const root = fileURLToPath(new URL("../../..", import.meta.url));

/** The names in the first column of the README's "Server configuration" table (`A` / `B` cells hold two). */
function readmeVariables(): string[] {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Server configuration"));
  const table = section.slice(0, section.indexOf("\n## "));
  return table
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .flatMap((line) => [...(line.split("|")[1] ?? "").matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1] ?? ""));
}

describe("the README's configuration table", () => {
  it("lists exactly the variables the server reads", () => {
    const documented = readmeVariables();
    expect(documented.length).toBeGreaterThan(15);
    // PGLITE_DATA_DIR is described in the DATABASE_URL row rather than a row of its own.
    expect([...documented, "PGLITE_DATA_DIR"].sort()).toEqual([...serverVariables].sort());
  });
});

const onPostgres = inject("plinthDatabase").driver === "postgres";
if (onPostgres && !haveRedisServer) console.warn("configuration.test.ts: skipped, redis-server not found");

describe.runIf(onPostgres && haveRedisServer)(
  "pnpm dev and pnpm start pass every variable to the server",
  () => {
    const t = useTestDatabase();
    let redis: PrivateRedis;
    let dataDir: string;
    beforeAll(async () => {
      redis = await privateRedis();
      await redis.start();
      dataDir = await mkdtemp(join(tmpdir(), "plinth-config-"));
    });
    afterAll(async () => {
      await redis?.kill();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    /** A valid, non-default value for every documented variable. */
    async function settings(mode: "development" | "production"): Promise<Record<string, string>> {
      const port = String(await freePort());
      return {
        NODE_ENV: mode,
        PORT: port,
        HOST: "127.0.0.1",
        DATABASE_URL: t.current.connectionString ?? "",
        PGLITE_DATA_DIR: join(dataDir, "unused"),
        DB_POOL_MAX: "3",
        DB_CONNECT_TIMEOUT_MS: "4000",
        DB_STATEMENT_TIMEOUT_MS: "6000",
        DB_QUERY_TIMEOUT_MS: "7000",
        MIGRATE_ON_START: "true",
        SEED_DEMO_DATA: "false",
        WEB_ORIGIN: "http://web.test",
        LOG_LEVEL: "info",
        BODY_LIMIT_BYTES: "65536",
        MAX_BATCH_SIZE: "4",
        APP_URL: "https://app.test",
        SMTP_URL: "smtp://127.0.0.1:2525",
        MAIL_FROM: "plinth <no-reply@app.test>",
        REDIS_URL: redis.url,
        RATE_LIMIT_STORE: "redis",
        RATE_LIMIT_GLOBAL_PER_MINUTE: "1234",
        TRUSTED_PROXIES: "10.0.0.0/8",
        REQUIRE_VERIFIED_EMAIL: "false",
        DEV_MAILBOX: mode === "development" ? "true" : "false",
        COOKIE_SECURE: "true",
        SHUTDOWN_TIMEOUT_MS: "2000",
        PASSWORD_HASH_CONCURRENCY: "2",
        PASSWORD_HASH_QUEUE_MAX: "10",
        PASSWORD_HASH_MAX_WAIT_MS: "3000",
        UV_THREADPOOL_SIZE: "6",
        HEAP_GROWING_PERCENT: "60",
      };
    }

    /** Runs a root script in its own process group, returns what the server said it received, then stops it all. */
    async function variablesReceived(script: string[], env: Record<string, string>): Promise<string[]> {
      const child: ChildProcess = spawn("pnpm", script, {
        cwd: root,
        env: inheritedEnv({ ...env, FORCE_COLOR: "0", NO_COLOR: "1" }),
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      let out = "";
      const collect = (chunk: Buffer) => {
        out += chunk.toString();
      };
      child.stdout?.on("data", collect);
      child.stderr?.on("data", collect);
      try {
        const deadline = Date.now() + 150_000;
        // "listening on" comes after the line that names the variables: by then the whole list has been printed.
        while (!out.includes("configuration") || !out.includes("listening on")) {
          if (child.exitCode !== null)
            throw new Error(`${script.join(" ")} exited early:\n${out.slice(-3000)}`);
          if (Date.now() > deadline)
            throw new Error(`${script.join(" ")} did not start:\n${out.slice(-3000)}`);
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        // JSON lines put the list before the message, pino-pretty after it: read from the start of that line.
        const from = out.lastIndexOf("\n", out.indexOf("configuration")) + 1;
        const listed = out.slice(from, out.indexOf("listening on", from));
        return serverVariables.filter((name) => new RegExp(`"${name}"`).test(listed));
      } finally {
        if (child.pid && child.exitCode === null) {
          const exited = new Promise((resolve) => child.once("exit", resolve));
          process.kill(-child.pid, "SIGTERM");
          const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 15_000);
          await exited;
          clearTimeout(timer);
        }
      }
    }

    it("pnpm dev (turbo, the server in watch mode)", async () => {
      const env = await settings("development");
      const received = await variablesReceived(["dev", "--filter=@plinth/server"], env);
      expect(received.sort()).toEqual(Object.keys(env).sort());
    }, 200_000);

    it("pnpm start (the built bundle under plain node)", async () => {
      const env = await settings("production");
      const received = await variablesReceived(["start"], env);
      expect(received.sort()).toEqual(Object.keys(env).sort());
    }, 200_000);
  },
);
