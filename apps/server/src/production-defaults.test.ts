import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase, DEMO_PASSWORD, users } from "@plinth/db";
import { useTestDatabase } from "@plinth/db/testing";
import { describe, expect, inject, it } from "vitest";
import { type SpawnedServer, spawnServer } from "./test/spawn-server.ts";

const t = useTestDatabase();
const onPostgres = inject("plinthDatabase").driver === "postgres";
const randomPort = () => String(20_000 + Math.floor(Math.random() * 20_000));

async function waitReady(server: SpawnedServer, base: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited early:\n${server.output()}`);
    const ok = await fetch(`${base}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${base}/readyz was not 200 within ${timeoutMs} ms:\n${server.output()}`);
}

const post = (base: string, path: string, json: unknown) =>
  fetch(`${base}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json }),
  });

/** Runs main.ts with NODE_ENV removed from its environment, on this project's engine, then stops it. */
async function withServer(
  env: Record<string, string | undefined>,
  use: (base: string, server: SpawnedServer, dataDir: string) => Promise<void>,
) {
  const dataDir = await mkdtemp(join(tmpdir(), "plinth-defaults-"));
  const port = randomPort();
  const database = onPostgres ? { DATABASE_URL: t.current.connectionString } : { PGLITE_DATA_DIR: dataDir };
  const server = spawnServer({ PORT: port, HOST: "127.0.0.1", NODE_ENV: undefined, ...database, ...env });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitReady(server, base);
    await use(base, server, dataDir);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    return dataDir;
  } catch (error) {
    server.child.kill("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

describe("production unless NODE_ENV=development says otherwise", () => {
  it("with NODE_ENV unset: no dev mailbox, no demo accounts, Secure __Host- cookies", async () => {
    const dataDir = await withServer({}, async (base) => {
      const input = encodeURIComponent(JSON.stringify({ json: {} }));
      const mailbox = await fetch(`${base}/trpc/dev.mailbox?input=${input}`);
      expect(mailbox.status).toBe(404);

      const signup = await post(base, "auth.signup", {
        email: `prod-${Date.now()}@example.com`,
        password: "a long and unusual passphrase",
        name: "Prod",
      });
      expect(signup.status).toBe(200);
      const cookie = signup.headers.getSetCookie().join("\n");
      expect(cookie).toMatch(/^__Host-/);
      expect(cookie).toMatch(/;\s*Secure/i);
    });
    // The server has exited, so its embedded data directory can be opened here.
    const db = onPostgres ? t.db : createDatabase({ dataDir });
    try {
      expect(await users.findUserByEmail(db, "ada@example.com")).toBeUndefined();
    } finally {
      if (!onPostgres) await db.destroy();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("refuses to start with SEED_DEMO_DATA=true in production, in one line that names the variable", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "plinth-defaults-"));
    const server = spawnServer({
      PORT: randomPort(),
      HOST: "127.0.0.1",
      PGLITE_DATA_DIR: dataDir,
      NODE_ENV: undefined,
      SEED_DEMO_DATA: "true",
    });
    try {
      // A server that starts anyway is caught here, not by the test timeout.
      const outcome = await Promise.race([
        server.exited,
        new Promise((r) => setTimeout(() => r("still running"), 30_000)),
      ]);
      expect(outcome).toBe(1);
      expect(server.output().trim()).toMatch(/^Invalid environment: SEED_DEMO_DATA: [^\n]*production[^\n]*$/);
    } finally {
      server.child.kill("SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it.runIf(!onPostgres)(
    "in development seeds demo accounts that sign in with the printed password",
    async () => {
      const dataDir = await withServer(
        { NODE_ENV: "development", LOG_LEVEL: "info" },
        async (base, server) => {
          expect(server.output()).toContain(DEMO_PASSWORD);
          const login = await post(base, "auth.login", { email: "ada@example.com", password: DEMO_PASSWORD });
          expect(login.status).toBe(200);
          const body = (await login.json()) as { result: { data: { json: { user: { role: string } } } } };
          expect(body.result.data.json.user.role).toBe("admin");
        },
      );
      await rm(dataDir, { recursive: true, force: true });
    },
  );

  it.runIf(!onPostgres)(
    "a second server on the same embedded data directory stops with one line naming the holder",
    async () => {
      const dataDir = await withServer({}, async (_base, first, dir) => {
        const second = spawnServer({
          PORT: randomPort(),
          HOST: "127.0.0.1",
          NODE_ENV: undefined,
          PGLITE_DATA_DIR: dir,
        });
        try {
          expect(await second.exited).toBe(1);
          expect(second.output().trim()).toMatch(
            new RegExp(`^The embedded database in \\S+ is in use by process ${first.child.pid}; [^\\n]+$`),
          );
        } finally {
          second.child.kill("SIGKILL");
        }
      });
      await rm(dataDir, { recursive: true, force: true });
    },
  );
});
