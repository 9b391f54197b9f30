import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { childEnv } from "./env.ts";

export interface ServerProcess {
  name: string;
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** Set when the process exits; a server that dies mid-benchmark must fail the run, not skew it. */
  exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
}

export interface StartOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  /** Path that answers 200 once the server can take the workload. */
  readyPath: string;
}

/** A port the kernel just handed out on loopback. Another process could take it first, but not in practice. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  await once(server, "close");
  if (address === null || typeof address === "string") throw new Error("No TCP port was assigned");
  return address.port;
}

export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: childEnv({ ...options.env, PORT: String(port) }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const server: ServerProcess = {
    name: options.name,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    exited: undefined,
  };
  // Forward the child's output, labelled, to stderr: stdout is kept for the result table.
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) {
      createInterface({ input: stream }).on("line", (line) =>
        process.stderr.write(`[${options.name}] ${line}\n`),
      );
    }
  }
  child.on("exit", (code, signal) => {
    server.exited = { code, signal };
  });
  await waitReady(server, options.readyPath);
  return server;
}

async function waitReady(server: ServerProcess, path: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    assertAlive(server);
    try {
      const res = await fetch(`${server.baseUrl}${path}`, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(100);
  }
  throw new Error(`${server.name} was not ready at ${path} within ${timeoutMs} ms (last: ${last})`);
}

export function assertAlive(server: ServerProcess): void {
  if (server.exited) {
    const { code, signal } = server.exited;
    throw new Error(`${server.name} exited (code ${code}, signal ${signal})`);
  }
}

/** SIGTERM, then SIGKILL if it has not exited within `graceMs`: stopping never hangs the benchmark. */
export async function stopServer(server: ServerProcess, graceMs = 5_000): Promise<void> {
  const { child } = server;
  if (server.exited || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timedOut = await Promise.race([exited.then(() => false), sleep(graceMs).then(() => true)]);
  if (timedOut) {
    process.stderr.write(`${server.name} did not stop within ${graceMs} ms; killing it\n`);
    child.kill("SIGKILL");
    await Promise.race([exited, sleep(2_000)]);
  }
}
