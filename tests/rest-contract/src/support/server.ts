import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { childServerEnv, freePorts, startChildServer } from "@plinth/test-processes";
import { createScratchDatabase } from "./engine.ts";

// The server is started as a process, the way an operator runs it; nothing of its source is imported here.
const serverDir = fileURLToPath(new URL("../../../../apps/server", import.meta.url));

export interface RunningServer {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * The API server on a fresh database: the embedded one in a temp folder, or a new database on `postgresUrl`.
 * Email verification is off because an external caller has no mailbox to read here; everything else is the
 * production configuration.
 */
export async function startServer(opts: { postgresUrl?: string | undefined }): Promise<RunningServer> {
  const tempDir = await mkdtemp(join(tmpdir(), "plinth-contract-"));
  const scratch = opts.postgresUrl ? await createScratchDatabase(opts.postgresUrl) : undefined;
  const [port] = await freePorts(1);
  const url = `http://127.0.0.1:${port}`;
  try {
    const child = await startChildServer({
      command: process.execPath,
      args: ["--import", "tsx", join(serverDir, "src", "main.ts")],
      cwd: serverDir,
      env: childServerEnv({
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        ...(scratch
          ? { DATABASE_URL: scratch.url, MIGRATE_ON_START: "true", RATE_LIMIT_STORE: "postgres" }
          : { PGLITE_DATA_DIR: join(tempDir, "pglite") }),
        WEB_ORIGIN: "https://app.example.test",
        REQUIRE_VERIFIED_EMAIL: "false",
        LOG_LEVEL: "warn",
      }),
      url,
      readyPath: "/readyz",
      // Start-up transpiles the server with tsx and builds a database: slow while other suites load both cores.
      timeoutMs: 240_000,
    });
    return {
      url,
      output: child.output,
      async stop() {
        await child.stop(15_000);
        await scratch?.drop();
        await rm(tempDir, { recursive: true, force: true, maxRetries: 3 });
      },
    };
  } catch (error) {
    await scratch?.drop().catch(() => {});
    await rm(tempDir, { recursive: true, force: true, maxRetries: 3 });
    throw error;
  }
}
