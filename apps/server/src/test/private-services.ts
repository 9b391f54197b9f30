import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chown, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/**
 * Private PostgreSQL and Redis servers that outage tests start, stop, freeze and delete on their own ports.
 * Never the shared servers on 5432 / 6379: other engineers' tests use those.
 */
const run = promisify(execFile);

/** A loopback port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const PG_BIN = ["/usr/lib/postgresql/15/bin", "/usr/local/bin", "/usr/bin"].find((dir) =>
  existsSync(join(dir, "pg_ctl")),
);
const REDIS_SERVER = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"].find((p) => existsSync(p));

export const havePostgresBinaries = PG_BIN !== undefined;
export const haveRedisServer = REDIS_SERVER !== undefined;

// PostgreSQL refuses to run as root; as root the cluster belongs to the `postgres` user.
const asRoot = process.getuid?.() === 0;

async function pgTool(tool: string, args: string[]) {
  const binary = join(PG_BIN ?? "", tool);
  const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", binary, ...args]] : [binary, args];
  return run(file, argv, { timeout: 60_000 });
}

export interface PrivatePostgres {
  port: number;
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** SIGSTOP (or SIGCONT) to the postmaster and every backend: alive, but not answering. */
  signalAll(signal: "SIGSTOP" | "SIGCONT"): Promise<void>;
  destroy(): Promise<void>;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = await mkdtemp(join(tmpdir(), "plinth-pg-"));
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, "data");
  const port = await freePort();
  await pgTool("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const start = async () => {
    await pgTool("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "-t", "60", "start"]);
  };
  const stop = async () => {
    await pgTool("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]);
  };
  const pids = async (): Promise<number[]> => {
    const postmaster = Number((await readFile(join(data, "postmaster.pid"), "utf8")).split("\n")[0]);
    const { stdout } = await run("ps", ["-o", "pid=", "--ppid", String(postmaster)]).catch(() => ({
      stdout: "",
    }));
    return [postmaster, ...stdout.split("\n").map(Number).filter(Boolean)];
  };
  await start();
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    signalAll: async (signal) => {
      for (const pid of await pids()) {
        try {
          process.kill(pid, signal);
        } catch {
          // a backend that exited in between
        }
      }
    },
    destroy: async () => {
      await stop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface PrivateRedis {
  port: number;
  url: string;
  start(): Promise<void>;
  kill(): Promise<void>;
}

/** A throwaway redis-server without persistence; `kill` is SIGKILL, as a crash would be. */
export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const kill = async () => {
    const current = child;
    child = undefined;
    if (!current || current.exitCode !== null) return;
    const exited = new Promise((resolve) => current.once("exit", resolve));
    current.kill("SIGKILL");
    await exited;
  };
  const start = async () => {
    await kill();
    const proc = spawn(
      REDIS_SERVER ?? "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    child = proc;
    await new Promise<void>((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 30_000);
      proc.stdout?.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}: ${out}`));
      });
    });
  };
  return { port, url: `redis://127.0.0.1:${port}`, start, kill };
}
